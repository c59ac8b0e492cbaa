"""Handlers for the wait_for_condition requirements (6-x), on the official Python SDK."""
from aws_durable_execution_sdk_python import DurableContext, durable_execution
from aws_durable_execution_sdk_python.config import Duration, JitterStrategy
from aws_durable_execution_sdk_python.waits import (
    WaitForConditionConfig, WaitForConditionDecision, WaitStrategyConfig, create_wait_strategy)

from common import PrefixSerDes


def _until(predicate, delay=1, max_attempts=60):
    """Polls every `delay` seconds (no jitter, no backoff) while `predicate(state)` holds."""
    return create_wait_strategy(WaitStrategyConfig(should_continue_polling=predicate, max_attempts=max_attempts,
                                                   initial_delay=Duration.from_seconds(delay), backoff_rate=1,
                                                   jitter_strategy=JitterStrategy.NONE))


def _increment(state, check_context):
    return state + 1


def _count_up(context, threshold, initial_state=0, name=None, **polling):
    """Counts up by one per check from `initial_state` while the state is below `threshold`."""
    return context.wait_for_condition(_increment, WaitForConditionConfig(
        wait_strategy=_until(lambda s: s < threshold, **polling), initial_state=initial_state), name=name)


@durable_execution
def case_6_1(event, context: DurableContext):
    return _count_up(context, event)


@durable_execution
def case_6_2(event, context: DurableContext):
    return context.wait_for_condition(lambda state, cc: state, WaitForConditionConfig(
        wait_strategy=_until(lambda s: s < 5), initial_state=5))


@durable_execution
def case_6_3(event, context: DurableContext):
    return _count_up(context, event, name="poll-status")


@durable_execution
def case_6_4(event, context: DurableContext):
    return _count_up(context, event, initial_state=5)


@durable_execution
def case_6_5(event, context: DurableContext):
    return _count_up(context, event, delay=2)


@durable_execution
def case_6_6(event, context: DurableContext):
    return context.wait_for_condition(_increment, WaitForConditionConfig(
        wait_strategy=_until(lambda s: True, max_attempts=3), initial_state=0))


def _raise(state, check_context):
    raise RuntimeError("the check failed")


@durable_execution
def case_6_7(event, context: DurableContext):
    return context.wait_for_condition(_raise, WaitForConditionConfig(
        wait_strategy=_until(lambda s: True), initial_state=0))


@durable_execution
def case_6_8(event, context: DurableContext):
    try:
        return context.wait_for_condition(_raise, WaitForConditionConfig(
            wait_strategy=_until(lambda s: True), initial_state=0))
    except Exception:  # noqa: BLE001 - the requirement catches whatever the operation raises
        return "recovered"


def _status(state, check_context):
    attempts = state["attempts"] + 1
    return {"status": "DONE" if attempts >= 2 else "PENDING", "attempts": attempts}


@durable_execution
def case_6_9(event, context: DurableContext):
    return context.wait_for_condition(_status, WaitForConditionConfig(
        wait_strategy=_until(lambda s: s["status"] == "PENDING"), initial_state={"status": "PENDING", "attempts": 0}))


@durable_execution
def case_6_10(event, context: DurableContext):
    return context.wait_for_condition(lambda state, cc: None, WaitForConditionConfig(
        wait_strategy=_until(lambda s: s is not None), initial_state=0))


@durable_execution
def case_6_11(event, context: DurableContext):
    return context.wait_for_condition(lambda state, cc: state + "x", WaitForConditionConfig(
        wait_strategy=_until(lambda s: len(s) < 2), initial_state="", serdes=PrefixSerDes("encoded:")))


@durable_execution
def case_6_12(event, context: DurableContext):
    threshold = event
    value = context.wait_for_condition(_increment, WaitForConditionConfig(
        wait_strategy=_until(lambda s: s < threshold), initial_state=0))
    return context.step(lambda sc: value * 10, name="multiply")


@durable_execution
def case_6_13(event, context: DurableContext):
    first = context.wait_for_condition(_increment, WaitForConditionConfig(
        wait_strategy=_until(lambda s: s < 2), initial_state=0))
    return context.wait_for_condition(_increment, WaitForConditionConfig(
        wait_strategy=_until(lambda s: s < 4), initial_state=first))
