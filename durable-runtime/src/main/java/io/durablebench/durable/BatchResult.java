package io.durablebench.durable;

import io.durablebench.durable.exception.DurableOperationException;
import java.util.List;
import java.util.Objects;

/**
 * What a map or parallel produced: every item in index order with its status, and why it
 * completed. A failed item does not fail the map; ask with {@link #hasFailure()} or rethrow with
 * {@link #throwIfError()}.
 */
public class BatchResult<T> {
    private final List<BatchItem<T>> items;
    private final CompletionReason completionReason;

    public BatchResult(List<BatchItem<T>> items, CompletionReason completionReason) {
        this.items = List.copyOf(items);
        this.completionReason = Objects.requireNonNull(completionReason);
    }

    public List<BatchItem<T>> getItems() {
        return items;
    }

    public CompletionReason getCompletionReason() {
        return completionReason;
    }

    /** Results of the items that succeeded, in index order. */
    public List<T> getResults() {
        return getSucceeded().stream().map(BatchItem::result).toList();
    }

    public List<BatchItem<T>> getSucceeded() {
        return items.stream().filter(i -> i.status() == BatchItemStatus.SUCCEEDED).toList();
    }

    public List<BatchItem<T>> getFailed() {
        return items.stream().filter(i -> i.status() == BatchItemStatus.FAILED).toList();
    }

    public List<BatchError> getErrors() {
        return getFailed().stream().map(BatchItem::error).toList();
    }

    public int getSuccessCount() {
        return getSucceeded().size();
    }

    public int getFailureCount() {
        return getFailed().size();
    }

    /** Items that were started (finished or not); items never started do not count. */
    public int getTotalCount() {
        return (int) items.stream().filter(i -> i.status() != BatchItemStatus.NOT_STARTED).count();
    }

    public boolean hasFailure() {
        return getFailureCount() > 0;
    }

    /** SUCCEEDED when no item failed, FAILED otherwise. */
    public BatchItemStatus getStatus() {
        return hasFailure() ? BatchItemStatus.FAILED : BatchItemStatus.SUCCEEDED;
    }

    /** Throws the first failed item's error, if any. */
    public BatchResult<T> throwIfError() {
        for (BatchItem<T> item : items) {
            if (item.status() == BatchItemStatus.FAILED) {
                BatchError e = item.error();
                throw new DurableOperationException("item " + item.index() + " (" + item.name() + ") failed: "
                        + e.errorType() + ": " + e.errorMessage(), item.name(),
                        software.amazon.awssdk.services.lambda.model.ErrorObject.builder()
                                .errorType(e.errorType()).errorMessage(e.errorMessage()).build(), null);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + completionReason + ", " + items + "}";
    }
}
