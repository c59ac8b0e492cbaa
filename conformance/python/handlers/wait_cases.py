"""Handlers for the wait requirements (2-x), on the official Python SDK."""
from aws_durable_execution_sdk_python import DurableContext, durable_execution
from aws_durable_execution_sdk_python.config import Duration


def _waiting(result, *waits):
    """A handler that waits each (duration, name) in turn, then answers `result`."""
    @durable_execution
    def handler(event, context: DurableContext):
        for duration, name in waits:
            context.wait(duration, name=name)
        return result
    return handler


case_2_1 = _waiting("waited", (Duration.from_seconds(2), None))
case_2_2 = _waiting("waited", (Duration.from_seconds(2), "custom_wait_name"))
case_2_3 = _waiting({"completedWaits": 2}, (Duration.from_seconds(2), "wait-1"), (Duration.from_seconds(2), "wait-2"))
case_2_4 = _waiting("waited a minute", (Duration.from_minutes(1), None))
case_2_5 = _waiting("waited an hour", (Duration.from_hours(1), None))
