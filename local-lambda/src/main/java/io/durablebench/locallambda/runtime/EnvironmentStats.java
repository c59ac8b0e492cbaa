package io.durablebench.locallambda.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A function's execution environments ({@code /local/environments} lists them, members in PascalCase).
 *
 * @param environments    running now (idle or busy)
 * @param idle            idle now
 * @param started         started so far (each was a cold start)
 * @param reaped          ended after being idle for the idle timeout
 * @param died            ended by themselves or killed on a timeout
 * @param coldStartMillis each cold start: process start to the runtime's first {@code next}
 * @param pids            the process ids running now
 */
public record EnvironmentStats(@JsonProperty("FunctionName") String function, int environments, int idle,
                               int started, int reaped, int died, List<Long> coldStartMillis, List<Long> pids) {
}
