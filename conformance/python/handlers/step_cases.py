"""Handlers for the step requirements (1-x) of aws-durable-execution-conformance-tests, written on the
official Python SDK from each requirement's description. One Lambda handler per requirement: the event is
{"Input": <the requirement's Input>}."""
import json
import os

from aws_durable_execution_sdk_python import DurableContext, StepContext, durable_execution, durable_step
from aws_durable_execution_sdk_python.config import Duration, JitterStrategy, StepConfig, StepSemantics
from aws_durable_execution_sdk_python.exceptions import StepError
from aws_durable_execution_sdk_python.retries import (
    RetryDecision, RetryPresets, RetryStrategyConfig, create_retry_strategy)
from aws_durable_execution_sdk_python.serdes import SerDes, SerDesContext

from common import wait_then

NO_RETRY = StepConfig(retry_strategy=RetryPresets.none())


@durable_step
def greet(step_context: StepContext, name):
    return f"Hello, {name}!"


@durable_execution
def case_1_1(event, context: DurableContext):
    return context.step(greet(event))


@durable_execution
def case_1_2(event, context: DurableContext):
    name = event
    return context.step(lambda sc: f"Hello, {name}!", name="custom_step_name")


@durable_execution
def case_1_3(event, context: DurableContext):
    first = context.step(lambda sc: "first", name="step_one")
    return context.step(lambda sc: f"{first}_second", name="step_two")


@durable_execution
def case_1_4(event, context: DurableContext):
    data = event
    return context.step(lambda sc: {"user": {"name": data["name"], "tags": data["tags"]}, "count": len(data["tags"])},
                        name="build_response")


@durable_execution
def case_1_5(event, context: DurableContext):
    return context.step(lambda sc: None, name="do_nothing")


class UppercaseSerDes(SerDes):
    """Serializes every string value in upper case."""

    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return json.dumps(_upper(value))

    def deserialize(self, data: str, serdes_context: SerDesContext):
        return json.loads(data)


def _upper(value):
    if isinstance(value, str):
        return value.upper()
    if isinstance(value, list):
        return [_upper(v) for v in value]
    if isinstance(value, dict):
        return {k: _upper(v) for k, v in value.items()}
    return value


@durable_execution
def case_1_6(event, context: DurableContext):
    text = event
    return context.step(lambda sc: text, name="return_input", config=StepConfig(serdes=UppercaseSerDes()))


@durable_execution
def case_1_7(event, context: DurableContext):
    name = event

    def greeting(sc: StepContext):
        sc.logger.info(f"Greeting step started for: {name}")
        result = f"Hello, {name}!"
        sc.logger.info(f"Greeting step completed with: {result}")
        return result

    return context.step(greeting, name="greet")


@durable_execution
def case_1_8(event, context: DurableContext):
    return wait_then(context, context.step(lambda sc: "computed", name="compute"), 2)


@durable_execution
def case_1_9(event, context: DurableContext):
    def once(sc: StepContext):
        sc.logger.info("step executed")
        return "cached_value"

    result = context.step(once, name="cached_step")
    return wait_then(context, result)


@durable_execution
def case_1_10(event, context: DurableContext):
    def fails(sc: StepContext):
        sc.logger.info("step executed")
        raise RuntimeError("permanent failure")

    try:
        context.step(fails, name="failing_step", config=NO_RETRY)
    except StepError:
        pass
    return wait_then(context, "caught")


def _fails_before(attempt, result, message="attempt {} fails", error=RuntimeError):
    """A step function raising `error` (its message formatted with the attempt) on every attempt before
    `attempt`, then returning `result`."""
    def fn(sc: StepContext):
        if sc.attempt < attempt:
            raise error(message.format(sc.attempt))
        return result
    return fn


def _retry(max_attempts, initial=1, rate=1.0, jitter=JitterStrategy.NONE):
    return create_retry_strategy(RetryStrategyConfig(max_attempts=max_attempts,
                                                     initial_delay=Duration.from_seconds(initial),
                                                     backoff_rate=rate, jitter_strategy=jitter))


@durable_execution
def case_1_11(event, context: DurableContext):
    return context.step(_fails_before(2, "Operation succeeded", "first attempt fails"), name="unreliable",
                        config=StepConfig(retry_strategy=_retry(3)))


@durable_execution
def case_1_12(event, context: DurableContext):
    def always_fail(sc: StepContext):
        raise RuntimeError(f"attempt {sc.attempt} fails")

    return context.step(always_fail, name="always_fail", config=StepConfig(retry_strategy=_retry(4)))


@durable_execution
def case_1_13(event, context: DurableContext):
    return context.step(_fails_before(3, "third time"), name="unreliable")


@durable_execution
def case_1_14(event, context: DurableContext):
    return context.step(_fails_before(3, "succeeded"), name="backoff_step",
                        config=StepConfig(retry_strategy=_retry(5, initial=2, rate=3, jitter=JitterStrategy.NONE)))


class TransientError(Exception):
    pass


def _retry_on_transient(error: Exception, attempts_made: int) -> RetryDecision:
    if "TransientError" in type(error).__name__ or "TransientError" in str(error):
        return RetryDecision.retry(Duration.from_seconds(1))
    return RetryDecision.no_retry()


def _never_on_transient(error: Exception, attempts_made: int) -> RetryDecision:
    return RetryDecision.no_retry()


@durable_execution
def case_1_15(event, context: DurableContext):
    return context.step(_fails_before(2, "recovered", "TransientError: try again", TransientError),
                        name="transient_step", config=StepConfig(retry_strategy=_retry_on_transient))


@durable_execution
def case_1_16(event, context: DurableContext):
    def transient(sc: StepContext):
        raise TransientError("TransientError: not retried")

    return context.step(transient, name="transient_step", config=StepConfig(retry_strategy=_never_on_transient))


@durable_execution
def case_1_17(event, context: DurableContext):
    text = event

    def crash(sc: StepContext):
        sc.logger.info(text)
        os._exit(1)

    return context.step(crash, name="at_most_once_flaky_step",
                        config=StepConfig(retry_strategy=RetryPresets.none(),
                                          step_semantics=StepSemantics.AT_MOST_ONCE_PER_RETRY))


@durable_execution
def case_1_18(event, context: DurableContext):
    text = event

    def crash_once(sc: StepContext):
        sc.logger.info(text)
        if sc.attempt == 1:
            os._exit(1)
        return "succeeded on second attempt"

    return context.step(crash_once, name="at_most_once_step",
                        config=StepConfig(retry_strategy=_retry(3),
                                          step_semantics=StepSemantics.AT_MOST_ONCE_PER_RETRY))


@durable_execution
def case_1_19(event, context: DurableContext):
    def failing(sc: StepContext):
        raise RuntimeError("always fails")

    return context.step(failing, name="failing_func", config=NO_RETRY)


@durable_execution
def case_1_20(event, context: DurableContext):
    def failing(sc: StepContext):
        raise RuntimeError("fails")

    try:
        value = context.step(failing, name="failing_func", config=NO_RETRY)
    except StepError:
        value = "fallback"
    return context.step(lambda sc: f"{value}_result", name="second_step")
