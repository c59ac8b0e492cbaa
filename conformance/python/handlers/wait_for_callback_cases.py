"""Handlers for the wait_for_callback requirements (7-x), on the official Python SDK."""
from aws_durable_execution_sdk_python import DurableContext, durable_execution
from aws_durable_execution_sdk_python.config import Duration, WaitForCallbackConfig
from aws_durable_execution_sdk_python.exceptions import CallbackError
from aws_durable_execution_sdk_python.retries import RetryStrategyConfig, create_retry_strategy

from common import JsonSerDes


def submit(callback_id, wait_context):
    """The submitter does nothing durable: the external system learns the id from the history."""


def _submitted(context, name, **config):
    """The callback named `name` through `submit`, configured so."""
    return context.wait_for_callback(submit, name=name, config=WaitForCallbackConfig(**config))


def _configured(**config):
    """A handler waiting for the callback named by the event, configured so."""
    @durable_execution
    def handler(event, context: DurableContext):
        return _submitted(context, event, **config)
    return handler


@durable_execution
def case_7_1(event, context: DurableContext):
    return context.wait_for_callback(submit, name=event)


@durable_execution
def case_7_2(event, context: DurableContext):
    return context.wait_for_callback(submit, name="approval")


@durable_execution
def case_7_3(event, context: DurableContext):
    return context.wait_for_callback(lambda callback_id, wait_context: None)


@durable_execution
def case_7_4(event, context: DurableContext):
    return context.wait_for_callback(submit, name=event)


@durable_execution
def case_7_6(event, context: DurableContext):
    try:
        return context.wait_for_callback(submit, name=event)
    except CallbackError:
        return "recovered"


def _failing_submitter(callback_id, wait_context):
    raise RuntimeError("the submitter failed")


@durable_execution
def case_7_7(event, context: DurableContext):
    retry = create_retry_strategy(RetryStrategyConfig(max_attempts=2, initial_delay=Duration.from_seconds(1),
                                                      backoff_rate=1))
    return context.wait_for_callback(_failing_submitter, name=event,
                                     config=WaitForCallbackConfig(retry_strategy=retry))


@durable_execution
def case_7_8(event, context: DurableContext):
    return context.run_in_child_context(lambda child: child.wait_for_callback(submit, name=event), name="wrapper")


@durable_execution
def case_7_9(event, context: DurableContext):
    context.wait_for_callback(submit, name="first")
    return context.wait_for_callback(submit, name="second")


@durable_execution
def case_7_10(event, context: DurableContext):
    context.wait(Duration.from_seconds(1))
    context.step(lambda sc: {"fixed": "data"}, name="fixed_data")
    return context.wait_for_callback(submit, name=event)


@durable_execution
def case_7_11(event, context: DurableContext):
    result = _submitted(context, event, serdes=JsonSerDes())
    return result["status"]


@durable_execution
def case_7_14(event, context: DurableContext):
    try:
        return _submitted(context, event, timeout=Duration.from_seconds(3))
    except CallbackError:
        return "timed-out-handled"


@durable_execution
def case_7_15(event, context: DurableContext):
    return context.wait_for_callback(submit, name=event)


# the requirements of one configured callback
case_7_5 = _configured(timeout=Duration.from_seconds(3))
case_7_12 = _configured(heartbeat_timeout=Duration.from_seconds(5))
case_7_13 = _configured(heartbeat_timeout=Duration.from_seconds(10))
