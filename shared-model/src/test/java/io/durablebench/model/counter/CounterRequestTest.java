package io.durablebench.model.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.model.json.InvalidInputException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CounterRequestTest {

    @Test
    void readsThePaperSequence() {
        CounterRequest r = CounterRequest.parse("""
                {"counterId":"c-1","operations":[
                  {"id":"a","op":"increment","amount":1},
                  {"id":"b","op":"INCREMENT","amount":2},
                  {"id":"c","op":"read"},
                  {"id":"d","op":"decrement","amount":1}]}
                """);
        assertThat(r.counterId()).isEqualTo("c-1");
        assertThat(r.operations()).extracting(CounterOperation::delta).containsExactly(1L, 2L, 0L, -1L);
    }

    @Test
    void roundTripsThroughJson() {
        CounterRequest r = new CounterRequest("x", java.util.List.of(CounterOperation.increment("i", 5),
                CounterOperation.read("r"), CounterOperation.decrement("d", 7)));
        assertThat(CounterRequest.parse(r.toJson())).isEqualTo(r);
        assertThat(r.toJson()).contains("\"op\":\"increment\"").doesNotContain("\"amount\":null");
    }

    static Stream<Arguments> badRequests() {
        String hundredAndOne = IntStream.range(0, 101).mapToObj(i -> "{\"id\":\"o" + i + "\",\"op\":\"read\"}")
                .collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                Arguments.of("{\"counterId\":\"c\"}", "operations", "required array is missing"),
                Arguments.of("{\"operations\":[{\"id\":\"a\",\"op\":\"read\"}]}", "counterId", "missing"),
                Arguments.of("{\"counterId\":\"\",\"operations\":[{\"id\":\"a\",\"op\":\"read\"}]}", "counterId", "1-64"),
                Arguments.of("{\"counterId\":\"c/../x\",\"operations\":[{\"id\":\"a\",\"op\":\"read\"}]}", "counterId", "1-64"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[]}", "operations", "at least 1"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":" + hundredAndOne + "}", "operations", "at most 100"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\"}]}", "operations[0].op", "missing"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"multiply\",\"amount\":2}]}",
                        "operations[0].op", "unknown value \"multiply\""),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"\",\"op\":\"read\"}]}", "operations[0].id", "1-64"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"op\":\"read\"}]}", "operations[0].id", "missing"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"increment\"}]}",
                        "operations[0].amount", "missing"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"increment\",\"amount\":\"1\"}]}",
                        "operations[0].amount", "got string \"1\""),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"increment\",\"amount\":1.5}]}",
                        "operations[0].amount", "got number 1.5"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"increment\",\"amount\":99999999999999999999999}]}",
                        "operations[0].amount", "out of range"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"increment\",\"amount\":0}]}",
                        "operations[0].amount", "out of range"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"decrement\",\"amount\":-3}]}",
                        "operations[0].amount", "out of range"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"read\",\"amount\":3}]}",
                        "operations[0].amount", "a read takes no amount"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"read\",\"extra\":true}]}",
                        "operations[0].extra", "unknown field"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"read\"}],\"x\":1}", "x", "unknown field"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"read\"},{\"id\":\"a\",\"op\":\"read\"}]}",
                        "operations[1].id", "duplicate operation id"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"read\"}]", "", "malformed JSON"),
                Arguments.of("{\"counterId\":\"c\",\"counterId\":\"d\",\"operations\":[{\"id\":\"a\",\"op\":\"read\"}]}", "",
                        "Duplicate field"),
                Arguments.of("{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"read\"}]} {}", "", "malformed JSON"),
                Arguments.of("[1,2]", "", "expected a JSON object"),
                Arguments.of("", "", "empty"),
                Arguments.of("{\"counterId\":7,\"operations\":[{\"id\":\"a\",\"op\":\"read\"}]}", "counterId", "got integer 7"),
                Arguments.of("[".repeat(200) + "]".repeat(200), "", "malformed JSON"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("badRequests")
    void refusesBadInputNamingTheField(String json, String field, String reason) {
        assertThatThrownBy(() -> CounterRequest.parse(json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(reason);
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }
}
