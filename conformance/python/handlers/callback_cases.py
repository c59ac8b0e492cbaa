"""Handlers for the callback requirements (4-x), on the official Python SDK. The external system (the
package's validator) completes the callbacks as each requirement's CallbackActions say."""
import json
from datetime import datetime

from aws_durable_execution_sdk_python import DurableContext, durable_execution
from aws_durable_execution_sdk_python.config import CallbackConfig, Duration
from aws_durable_execution_sdk_python.exceptions import CallbackError
from aws_durable_execution_sdk_python.serdes import SerDes, SerDesContext

from common import wait_then


@durable_execution
def case_4_1(event, context: DurableContext):
    return context.create_callback(name=event).result()


@durable_execution
def case_4_2(event, context: DurableContext):
    return context.create_callback(name="approval").result()


@durable_execution
def case_4_3(event, context: DurableContext):
    return context.create_callback(name=event, config=CallbackConfig(timeout=Duration.from_seconds(5))).result()


@durable_execution
def case_4_4(event, context: DurableContext):
    return context.create_callback(name=event,
                                   config=CallbackConfig(heartbeat_timeout=Duration.from_seconds(5))).result()


@durable_execution
def case_4_5(event, context: DurableContext):
    return context.create_callback(name=event,
                                   config=CallbackConfig(heartbeat_timeout=Duration.from_seconds(10))).result()


@durable_execution
def case_4_6(event, context: DurableContext):
    return context.create_callback(name=event).result()


@durable_execution
def case_4_7(event, context: DurableContext):
    callback = context.create_callback(name=event)
    context.step(lambda sc: "work", name="work")
    return callback.result()


@durable_execution
def case_4_8(event, context: DurableContext):
    callback = context.create_callback(name=event, config=CallbackConfig(timeout=Duration.from_seconds(5)))
    context.step(lambda sc: "work", name="work")
    return callback.result()


@durable_execution
def case_4_9(event, context: DurableContext):
    callback = context.create_callback(name=event)
    context.wait(Duration.from_seconds(5))
    return callback.result()


@durable_execution
def case_4_10(event, context: DurableContext):
    callback = context.create_callback(name=event)
    context.wait(Duration.from_seconds(5))
    return callback.result()


@durable_execution
def case_4_11(event, context: DurableContext):
    callback = context.create_callback(name=event, config=CallbackConfig(timeout=Duration.from_seconds(3)))
    context.wait(Duration.from_seconds(6))
    return callback.result()


@durable_execution
def case_4_12(event, context: DurableContext):
    result = context.create_callback(name=event).result()
    return wait_then(context, result, 2)


@durable_execution
def case_4_13(event, context: DurableContext):
    try:
        message = context.create_callback(name=event).result()
    except CallbackError as e:
        message = f"callback failed: {e}"
    return wait_then(context, message, 2)


@durable_execution
def case_4_14(event, context: DurableContext):
    try:
        message = context.create_callback(name=event, config=CallbackConfig(timeout=Duration.from_seconds(3))).result()
    except CallbackError as e:
        message = f"callback timed out: {e}"
    return wait_then(context, message, 2)


class MessageSerDes(SerDes):
    """Reads {id, message, timestamp (ISO text)} and turns the timestamp into epoch seconds."""

    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return json.dumps(value)

    def deserialize(self, data: str, serdes_context: SerDesContext):
        raw = json.loads(data)
        stamp = datetime.fromisoformat(raw["timestamp"].replace("Z", "+00:00"))
        return {"id": raw["id"], "message": raw["message"], "timestamp": int(stamp.timestamp())}


@durable_execution
def case_4_15(event, context: DurableContext):
    received = context.create_callback(name=event, config=CallbackConfig(serdes=MessageSerDes())).result()
    return {"received": received}


class NumberSerDes(SerDes):
    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return str(value)

    def deserialize(self, data: str, serdes_context: SerDesContext):
        return int(json.loads(data))


@durable_execution
def case_4_16(event, context: DurableContext):
    count = context.create_callback(name=event, config=CallbackConfig(serdes=NumberSerDes())).result()
    return {"count": count, "doubled": count * 2}


@durable_execution
def case_4_17(event, context: DurableContext):
    a = context.create_callback(name=event[0]).result()
    b = context.create_callback(name=event[1]).result()
    return [a, b]


@durable_execution
def case_4_18(event, context: DurableContext):
    a = context.create_callback(name=event[0])
    b = context.create_callback(name=event[1])
    return [a.result(), b.result()]


@durable_execution
def case_4_19(event, context: DurableContext):
    a = context.create_callback(name=event[0])
    b = context.create_callback(name=event[1])
    second = b.result()
    first = a.result()
    return [first, second]
