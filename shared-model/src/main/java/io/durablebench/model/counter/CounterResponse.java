package io.durablebench.model.counter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durablebench.model.FunctionError;
import io.durablebench.model.metrics.InvocationMetrics;
import java.util.List;

/**
 * The answer of both counter functions, so the two compare row by row.
 *
 * @param counterId  the counter
 * @param finalValue value after the last operation of the request
 * @param results    one result per requested operation, in request order
 * @param metrics    what the invocation cost (store calls, capacity, checkpoints)
 * @param error      set instead of the other fields when the request was refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CounterResponse(String counterId, Long finalValue, List<CounterOperationResult> results,
                              InvocationMetrics metrics, FunctionError error) {
    public static CounterResponse ok(String counterId, long finalValue, List<CounterOperationResult> results,
                                     InvocationMetrics metrics) {
        return new CounterResponse(counterId, finalValue, List.copyOf(results), metrics, null);
    }

    public static CounterResponse failed(FunctionError error, InvocationMetrics metrics) {
        return new CounterResponse(null, null, null, metrics, error);
    }
}
