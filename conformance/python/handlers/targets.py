"""The functions the invoke requirements call: durable functions (the requirements expect the chained
invoke to start a durable execution: ChainedInvokeStartedDetails.DurableExecutionArn), on the official
Python SDK: an echo, a failure, and one that answers the size of a large payload."""
from aws_durable_execution_sdk_python import DurableContext, durable_execution


@durable_execution
def echo(event, context: DurableContext):
    return event


@durable_execution
def fail(event, context: DurableContext):
    raise RuntimeError("the target function failed")


@durable_execution
def size(event, context: DurableContext):
    return {"length": len(event["data"]) if isinstance(event, dict) else 0}
