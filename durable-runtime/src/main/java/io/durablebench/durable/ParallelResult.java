package io.durablebench.durable;

import java.util.List;

/** The result of a parallel: one item per branch, in the order the branches were added. */
public class ParallelResult extends BatchResult<Object> {
    public ParallelResult(List<BatchItem<Object>> items, CompletionReason completionReason) {
        super(items, completionReason);
    }
}
