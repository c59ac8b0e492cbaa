"""Handlers for the parallel requirements (8-x), on the official Python SDK."""
import json

from aws_durable_execution_sdk_python import DurableContext, durable_execution
from aws_durable_execution_sdk_python.config import (
    CompletionConfig, Duration, NestingType, ParallelBranch, ParallelConfig)
from aws_durable_execution_sdk_python.serdes import SerDes, SerDesContext

from batch_summary import summary as _summary

SEQUENTIAL = ParallelConfig(max_concurrency=1)


def _const(value):
    return lambda ctx: value


def _failing(index):
    def branch(ctx):
        raise RuntimeError(f"branch {index} failed")
    return branch


def _tolerating(**completion):
    return ParallelConfig(max_concurrency=1, completion_config=CompletionConfig(**completion))


def _summarized(branches, status=True, failures=True, **completion):
    """A handler running `branches` one at a time until `completion` says, answering the batch's summary."""
    @durable_execution
    def handler(event, context: DurableContext):
        return _summary(context.parallel(branches, config=_tolerating(**completion)), status, failures)
    return handler


@durable_execution
def case_8_1(event, context: DurableContext):
    branches = [lambda ctx: ctx.step(lambda sc: "task-1", name="task-1"),
                lambda ctx: ctx.step(lambda sc: "task-2", name="task-2")]
    return context.parallel(branches, name="parallel", config=SEQUENTIAL).get_results()


@durable_execution
def case_8_2(event, context: DurableContext):
    return context.parallel([_const("alpha"), _const("beta")], config=SEQUENTIAL).get_results()


@durable_execution
def case_8_3(event, context: DurableContext):
    branches = [ParallelBranch(_const("one"), name="first"), ParallelBranch(_const("two"), name="second")]
    return context.parallel(branches, name="named", config=SEQUENTIAL).get_results()


@durable_execution
def case_8_4(event, context: DurableContext):
    return context.parallel([_const("hello"), _const(42), _const({"k": "v"})], config=SEQUENTIAL).get_results()


@durable_execution
def case_8_5(event, context: DurableContext):
    return context.parallel([]).get_results()


@durable_execution
def case_8_7(event, context: DurableContext):
    batch = context.parallel([_failing(0), _const("never")], config=_tolerating(tolerated_failure_count=0))
    batch.throw_if_error()
    return batch.get_results()


@durable_execution
def case_8_11(event, context: DurableContext):
    return context.parallel([_const("r0"), _const("r1"), _const("r2")],
                            config=ParallelConfig(max_concurrency=2)).get_results()


@durable_execution
def case_8_12(event, context: DurableContext):
    branches = [lambda ctx: ctx.step(lambda sc: "fa", name="fa"), lambda ctx: ctx.step(lambda sc: "fb", name="fb")]
    return context.parallel(branches, config=ParallelConfig(max_concurrency=1,
                                                            nesting_type=NestingType.FLAT)).get_results()


@durable_execution
def case_8_14(event, context: DurableContext):
    def waiting(ctx):
        ctx.wait(Duration.from_seconds(2))
        return "b1"
    branches = [lambda ctx: ctx.step(lambda sc: "b0", name="b0"), waiting]
    return context.parallel(branches, config=SEQUENTIAL).get_results()


class Envelope(SerDes):
    """A branch result v checkpointed as {"wrapped": v}, read back as v."""

    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return json.dumps({"wrapped": value})

    def deserialize(self, data: str, serdes_context: SerDesContext):
        return json.loads(data)["wrapped"]


@durable_execution
def case_8_15(event, context: DurableContext):
    return context.parallel([_const("x"), _const("y")],
                            config=ParallelConfig(max_concurrency=1, item_serdes=Envelope())).get_results()


@durable_execution
def case_8_19(event, context: DurableContext):
    return context.parallel([_const("a"), _const("b")], config=ParallelConfig(max_concurrency=0)).get_results()


@durable_execution
def case_8_20(event, context: DurableContext):
    batch = context.parallel([_const("a"), _failing(1), _const("c")], config=_tolerating(tolerated_failure_count=1))
    return {"hasFailure": batch.has_failure, "successCount": len(batch.succeeded()),
            "failureCount": len(batch.failed()), "errorCount": len([e for e in batch.get_errors() if e is not None])}


@durable_execution
def case_8_21(event, context: DurableContext):
    def inner(ctx):
        branches = [lambda c: c.step(lambda sc: "i1", name="i1"), lambda c: c.step(lambda sc: "i2", name="i2")]
        return ctx.parallel(branches, config=SEQUENTIAL).get_results()
    return context.parallel([inner], config=SEQUENTIAL).get_results()


# the requirements that answer the batch's summary
case_8_6 = _summarized([_const("ok"), _failing(1), _const("never")], tolerated_failure_count=0)
case_8_8 = _summarized([_const("a"), _const("b"), _const("c"), _const("d")], status=False, failures=False,
                       min_successful=2)
case_8_9 = _summarized([_const("a"), _failing(1), _const("c")], tolerated_failure_count=1)
case_8_10 = _summarized([_failing(0), _failing(1), _const("never")], status=False, tolerated_failure_count=1)
case_8_13 = _summarized([_failing(0), _failing(1), _const("c"), _const("d")], status=False,
                        tolerated_failure_percentage=25)
case_8_16 = _summarized([_failing(0), _failing(1), _failing(2)], tolerated_failure_count=3)
case_8_17 = _summarized([_const("a"), _failing(1), _const("c")], min_successful=3)
case_8_18 = _summarized([_failing(0), _failing(1), _const("c"), _const("d")], status=False, min_successful=3,
                        tolerated_failure_count=1)
case_8_22 = _summarized([_failing(0), _const("b"), _const("c"), _const("d")], tolerated_failure_percentage=25)
