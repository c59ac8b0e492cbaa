"""Handlers for the invoke requirements (5-x), on the official Python SDK. The targets are ordinary
functions of the same template (targets.py), named by ECHO_TARGET, FAILING_TARGET and SIZE_TARGET."""
import json
import os

from aws_durable_execution_sdk_python import DurableContext, durable_execution
from aws_durable_execution_sdk_python.config import InvokeConfig
from aws_durable_execution_sdk_python.exceptions import InvokeError
from aws_durable_execution_sdk_python.serdes import SerDes, SerDesContext

from common import wait_then


def _echo():
    return os.environ["ECHO_TARGET"]


def _failing():
    return os.environ["FAILING_TARGET"]


@durable_execution
def case_5_1(event, context: DurableContext):
    return context.invoke(_echo(), event)


@durable_execution
def case_5_2(event, context: DurableContext):
    return context.invoke(_echo(), event["payload"], name=event["name"])


@durable_execution
def case_5_3(event, context: DurableContext):
    return context.invoke(_echo(), event)


@durable_execution
def case_5_4(event, context: DurableContext):
    return context.invoke(_echo(), None)


@durable_execution
def case_5_5(event, context: DurableContext):
    return context.invoke(_failing(), None)


@durable_execution
def case_5_6(event, context: DurableContext):
    try:
        return context.invoke(_failing(), None)
    except InvokeError:
        return "fallback"


@durable_execution
def case_5_7(event, context: DurableContext):
    # near the 256 KiB a checkpointed payload may have
    return context.invoke(os.environ["SIZE_TARGET"], {"data": "x" * (240 * 1024)})


@durable_execution
def case_5_8(event, context: DurableContext):
    return context.invoke(_echo(), event["payload"], config=InvokeConfig(tenant_id=event["tenantId"]))


@durable_execution
def case_5_9(event, context: DurableContext):
    result = context.invoke(_echo(), {"value": "cached"})
    return wait_then(context, result)


@durable_execution
def case_5_10(event, context: DurableContext):
    try:
        context.invoke(_failing(), None)
    except InvokeError:
        # on the replay after the wait, the same (stored) failure is raised again and caught here
        pass
    return wait_then(context, "caught")


@durable_execution
def case_5_11(event, context: DurableContext):
    value = context.step(lambda sc: "from the step", name="produce")
    return context.invoke(_echo(), value)


@durable_execution
def case_5_12(event, context: DurableContext):
    result = context.invoke(_echo(), {"value": 42})
    return context.step(lambda sc: result, name="consume")


@durable_execution
def case_5_13(event, context: DurableContext):
    return context.run_in_child_context(lambda child: child.invoke(_echo(), {"value": "child"}), name="invoking_child")


@durable_execution
def case_5_14(event, context: DurableContext):
    first = context.invoke(_echo(), {"call": 1})
    second = context.invoke(_echo(), {"call": 2})
    return [first, second]


class UppercasePayload(SerDes):
    """Sends the payload with its string values in upper case."""

    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return json.dumps({k: v.upper() if isinstance(v, str) else v for k, v in value.items()})

    def deserialize(self, data: str, serdes_context: SerDesContext):
        return json.loads(data)


@durable_execution
def case_5_15(event, context: DurableContext):
    return context.invoke(_echo(), event, config=InvokeConfig(serdes_payload=UppercasePayload()))


class UppercaseResult(SerDes):
    """Reads the target's result text in upper case, as it is (no JSON decoding)."""

    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return json.dumps(value)

    def deserialize(self, data: str, serdes_context: SerDesContext):
        return data.upper()


@durable_execution
def case_5_16(event, context: DurableContext):
    return context.invoke(_echo(), event, config=InvokeConfig(serdes_result=UppercaseResult()))
