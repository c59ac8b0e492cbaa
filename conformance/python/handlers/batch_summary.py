"""The projection of a map or parallel batch result that the requirements return."""


def summary(batch, status=True, failures=True):
    """{completionReason, status?, successCount, failureCount?, totalCount} of a BatchResult."""
    out = {"completionReason": batch.completion_reason.value}
    if status:
        out["status"] = batch.status.value
    out["successCount"] = batch.success_count
    if failures:
        out["failureCount"] = batch.failure_count
    out["totalCount"] = batch.total_count
    return out
