package io.durablebench.model.counter;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one operation did.
 *
 * @param id        the operation id from the request
 * @param op        the operation
 * @param amount    its amount (absent for read)
 * @param value     the counter value right after this operation (for read: the value read)
 * @param duplicate true when this id had been applied before (a re-delivery); {@code value} is then
 *                  the value recorded when it was first applied, and nothing was changed now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CounterOperationResult(String id, CounterOperationType op, Long amount, long value, boolean duplicate) {
    public static CounterOperationResult applied(CounterOperation op, long value) {
        return new CounterOperationResult(op.id(), op.op(), op.amount(), value, false);
    }

    public static CounterOperationResult duplicateOf(CounterOperation op, long recordedValue) {
        return new CounterOperationResult(op.id(), op.op(), op.amount(), recordedValue, true);
    }
}
