"""Handlers for the child context requirements (3-x), on the official Python SDK."""
import os
import time

from aws_durable_execution_sdk_python import DurableContext, StepContext, durable_execution
from aws_durable_execution_sdk_python.config import ChildConfig, Duration, StepConfig
from aws_durable_execution_sdk_python.exceptions import ChildContextError, StepError
from aws_durable_execution_sdk_python.retries import RetryPresets, RetryStrategyConfig, create_retry_strategy
from aws_durable_execution_sdk_python.serdes import SerDes, SerDesContext

from common import echo_then_wait, wait_then

NO_RETRY = StepConfig(retry_strategy=RetryPresets.none())


def _retry(max_attempts):
    return StepConfig(retry_strategy=create_retry_strategy(RetryStrategyConfig(
        max_attempts=max_attempts, initial_delay=Duration.from_seconds(1))))


@durable_execution
def case_3_1(event, context: DurableContext):
    text = event
    return context.run_in_child_context(lambda child: child.step(lambda sc: text, name="child_step"),
                                        name="child")


@durable_execution
def case_3_2(event, context: DurableContext):
    data = event
    return context.run_in_child_context(lambda child: child.step(lambda sc: data["value"], name="value_step"),
                                        name=data["name"])


@durable_execution
def case_3_3(event, context: DurableContext):
    text = event

    def body(child: DurableContext):
        first = child.step(lambda sc: text, name="first_step")
        return child.step(lambda sc: first, name="second_step")

    return context.run_in_child_context(body, name="two_steps")


@durable_execution
def case_3_4(event, context: DurableContext):
    def body(child: DurableContext):
        return child.step(_raise, name="failing_step", config=NO_RETRY)

    return context.run_in_child_context(body, name="failing_child")


def _raise(sc: StepContext):
    raise RuntimeError("child step failed")


@durable_execution
def case_3_5(event, context: DurableContext):
    text = event
    try:
        context.run_in_child_context(lambda child: child.step(_raise, name="failing_step", config=NO_RETRY),
                                     name="failing_child")
    except (ChildContextError, StepError):
        pass
    return context.step(lambda sc: text, name="recovery_step")


@durable_execution
def case_3_6(event, context: DurableContext):
    text = event

    def inner(child: DurableContext):
        return child.step(lambda sc: text, name="inner_step")

    def outer(child: DurableContext):
        child.step(lambda sc: text, name="outer_step")
        return child.run_in_child_context(inner, name="inner")

    return context.run_in_child_context(outer, name="outer")


@durable_execution
def case_3_7(event, context: DurableContext):
    text = event

    def flaky(sc: StepContext):
        if sc.attempt == 1:
            raise RuntimeError("first attempt fails")
        return text

    return context.run_in_child_context(lambda child: child.step(flaky, name="flaky_step", config=_retry(3)),
                                        name="retrying_child")


@durable_execution
def case_3_8(event, context: DurableContext):
    def always(sc: StepContext):
        raise RuntimeError(f"attempt {sc.attempt} fails")

    return context.run_in_child_context(lambda child: child.step(always, name="always_failing", config=_retry(2)),
                                        name="failing_child")


@durable_execution
def case_3_9(event, context: DurableContext):
    text = event
    result = context.run_in_child_context(lambda child: child.step(lambda sc: text, name="child_step"),
                                          name="cached_child")
    return wait_then(context, result)


@durable_execution
def case_3_10(event, context: DurableContext):
    text = event
    return context.run_in_child_context(lambda child: echo_then_wait(child, text, "child_step"), name="mixed_child")


@durable_execution
def case_3_11(event, context: DurableContext):
    text = event

    def body(child: DurableContext):
        child.logger.info(text)
        small = child.step(lambda sc: "x", name="small_step")
        return small * (300 * 1024)

    result = context.run_in_child_context(body, name="large_child")
    context.wait(Duration.from_seconds(1))
    return len(result)


@durable_execution
def case_3_12(event, context: DurableContext):
    text = event
    execution_id = context.state.durable_execution_arn.rsplit("/", 1)[-1]

    def crash_once(sc: StepContext):
        # the process crashes the first time this execution's step runs (a marker file per execution
        # records it: the crash ends the process, so nothing in memory survives to the retry)
        marker = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"case-3-12-{execution_id}")
        if not os.path.exists(marker):
            open(marker, "w").close()
            # StepStarted goes out without waiting (at least once per retry): give the SDK's checkpoint
            # batcher a moment to send it, so the crash comes after ContextStarted and StepStarted
            time.sleep(1.0)
            os._exit(1)
        os.remove(marker)  # the retry after the crash: the marker has done its job
        return text

    return context.run_in_child_context(lambda child: child.step(crash_once, name="crashing_step"),
                                        name="crashing_child")


@durable_execution
def case_3_13(event, context: DurableContext):
    text = event

    def body(child: DurableContext):
        child.wait(Duration.from_seconds(1))
        return text

    context.run_in_child_context(body, name="waiting_child")
    return context.step(lambda sc: text, name="outer_step")


class UppercaseSerDes(SerDes):
    """Writes the result as its upper-case text (not JSON), and reads it back as it is."""

    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return str(value).upper()

    def deserialize(self, data: str, serdes_context: SerDesContext):
        return data


@durable_execution
def case_3_14(event, context: DurableContext):
    text = event
    return context.run_in_child_context(lambda child: child.step(lambda sc: text, name="child_step"),
                                        name="uppercase_child", config=ChildConfig(serdes=UppercaseSerDes()))


@durable_execution
def case_3_15(event, context: DurableContext):
    def body(child: DurableContext):
        raise RuntimeError("child failed directly")

    return context.run_in_child_context(body, name="throwing_child")


@durable_execution
def case_3_16(event, context: DurableContext):
    return context.run_in_child_context(lambda child: None, name="null_child")


@durable_execution
def case_3_17(event, context: DurableContext):
    text = event

    def body(child: DurableContext):
        child.logger.info(text)
        return text

    result = context.run_in_child_context(body, name="logging_child")
    return wait_then(context, result)


@durable_execution
def case_3_18(event, context: DurableContext):
    text = event
    context.run_in_child_context(lambda child: echo_then_wait(child, text, "inner_step"), name="outer_child")
    return echo_then_wait(context, text, "outer_step")
