"""What several case modules share: the wait that ends an invocation before a handler answers, and the
SerDes kinds more than one requirement asks for."""
import json

from aws_durable_execution_sdk_python.config import Duration
from aws_durable_execution_sdk_python.serdes import SerDes, SerDesContext


def wait_then(context, value, seconds=1):
    """Waits `seconds` (the invocation ends; the next one replays what came before), then returns `value`,
    computed before the wait."""
    context.wait(Duration.from_seconds(seconds))
    return value


def echo_then_wait(context, text, name):
    """A step named `name` answering `text`, then a one-second wait; returns the step's result."""
    return wait_then(context, context.step(lambda sc: text, name=name))


class JsonSerDes(SerDes):
    """Values as JSON text."""

    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return json.dumps(value)

    def deserialize(self, data: str, serdes_context: SerDesContext):
        return json.loads(data)


class PrefixSerDes(SerDes):
    """A string as `prefix` followed by the string, read back by dropping the prefix (a real round trip)."""

    def __init__(self, prefix):
        self.prefix = prefix

    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return self.prefix + value

    def deserialize(self, data: str, serdes_context: SerDesContext):
        return data[len(self.prefix):]
