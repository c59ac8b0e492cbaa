package io.durablebench.durable;

/** One map item or parallel branch in a {@link BatchResult}. */
public record BatchItem<T>(int index, String name, BatchItemStatus status, T result, BatchError error) {
}
