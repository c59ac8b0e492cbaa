package io.durablebench.conformance.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One vector, with its {@code Variables} already generated and substituted.
 *
 * @param id               the file's name without {@code .yaml}, e.g. {@code 1-12}
 * @param suite            step, wait, child, map or parallel
 * @param file             where it was read from
 * @param description      the vector's one-line description
 * @param optional         an SDK may decline it
 * @param startOnly        {@code AsyncInvoke} without an expected result: only the start of the history is checked
 * @param input            the execution input (JSON null when the vector gives none)
 * @param expectedResult   {@code ExpectedResult} (ExecutionStatus, Result), or null when not given
 * @param expectedHistory  {@code ExpectedExecutionHistory}, in file order
 * @param expectedLogs     {@code ExpectedLogs} ({@code match.message} pattern and {@code count}), possibly empty
 * @param variables        generated values of {@code Variables}
 */
public record ConformanceCase(String id, String suite, Path file, String description, boolean optional,
                              boolean startOnly, JsonNode input, JsonNode expectedResult, List<JsonNode> expectedHistory,
                              List<ExpectedLog> expectedLogs, Map<String, String> variables) {

    /** "Log lines whose message matches {@code pattern} occur {@code count} times." */
    public record ExpectedLog(String pattern, int count) {
    }

    /** The highest EventId the expected history mentions. */
    public int lastExpectedEventId() {
        return expectedHistory.stream().mapToInt(e -> e.path("EventId").asInt()).max().orElse(0);
    }

    @Override
    public String toString() {
        return suite + "/" + id;
    }
}
