package io.durablebench.durable;

import java.util.List;

/** The result of {@link DurableContext#map}. */
public class MapResult<T> extends BatchResult<T> {
    public MapResult(List<BatchItem<T>> items, CompletionReason completionReason) {
        super(items, completionReason);
    }
}
