"""Handlers for the map requirements (9-x), on the official Python SDK."""
from aws_durable_execution_sdk_python import DurableContext, durable_execution
from aws_durable_execution_sdk_python.config import CompletionConfig, Duration, MapConfig, NestingType
from aws_durable_execution_sdk_python.serdes import SerDes, SerDesContext

from batch_summary import summary as _summary
from common import JsonSerDes, PrefixSerDes, wait_then

SEQUENTIAL = MapConfig(max_concurrency=1)


def _tolerating(**completion):
    return MapConfig(max_concurrency=1, completion_config=CompletionConfig(**completion))


def _fail_on(bad):
    def item(ctx, value, index, items):
        if index in bad:
            raise RuntimeError(f"item {index} failed")
        return "ok"
    return item


def _summarized(items, item, status=True, failures=True, **completion):
    """A handler mapping `item` over `items` one at a time until `completion` says, answering the batch's
    summary."""
    @durable_execution
    def handler(event, context: DurableContext):
        return _summary(context.map(items, item, config=_tolerating(**completion)), status, failures)
    return handler


@durable_execution
def case_9_1(event, context: DurableContext):
    def greet(ctx, item, index, items):
        return ctx.step(lambda sc: f"Hello, {item}!", name=f"greet-{index}")
    return context.map(event, greet, name="map", config=SEQUENTIAL).get_results()


@durable_execution
def case_9_2(event, context: DurableContext):
    return context.map(event, lambda ctx, item, index, items: item * 2, config=SEQUENTIAL).get_results()


@durable_execution
def case_9_3(event, context: DurableContext):
    return context.map(event, lambda ctx, item, index, items: item + index, config=SEQUENTIAL).get_results()


@durable_execution
def case_9_4(event, context: DurableContext):
    return context.map(event, lambda ctx, item, index, items: item).get_results()


@durable_execution
def case_9_6(event, context: DurableContext):
    batch = context.map(["a", "b"], _fail_on({0}), config=_tolerating(tolerated_failure_count=0))
    batch.throw_if_error()
    return batch.get_results()


@durable_execution
def case_9_11(event, context: DurableContext):
    return context.map([0, 1, 2], lambda ctx, item, index, items: f"r{item}",
                       config=MapConfig(max_concurrency=2)).get_results()


@durable_execution
def case_9_12(event, context: DurableContext):
    def item(ctx, value, index, items):
        return ctx.step(lambda sc: value, name=f"flat-{index}")
    return context.map(["fa", "fb"], item, config=MapConfig(max_concurrency=1,
                                                            nesting_type=NestingType.FLAT)).get_results()


@durable_execution
def case_9_13(event, context: DurableContext):
    config = MapConfig(max_concurrency=1, item_namer=lambda item, index: f"item-{item}")
    return context.map(event, lambda ctx, item, index, items: item * 10, config=config).get_results()


@durable_execution
def case_9_14(event, context: DurableContext):
    return context.map(["x", "y"], lambda ctx, item, index, items: item.upper(),
                       config=MapConfig(max_concurrency=1, item_serdes=PrefixSerDes("wrapped:"))).get_results()


@durable_execution
def case_9_15(event, context: DurableContext):
    def item(ctx, value, index, items):
        if index == 1:
            ctx.wait(Duration.from_seconds(1))
        return ctx.step(lambda sc: f"r{index}", name=f"result-{index}")
    return context.map([0, 1], item, config=SEQUENTIAL).get_results()


@durable_execution
def case_9_16(event, context: DurableContext):
    batch = context.map([0, 1, 2, 3], lambda ctx, item, index, items: "x" * (70 * 1024), config=SEQUENTIAL)
    return {"successCount": batch.success_count, "totalCount": batch.total_count}


@durable_execution
def case_9_17(event, context: DurableContext):
    result = context.map(["a", "b"], lambda ctx, item, index, items: item.upper()).get_results()
    return wait_then(context, result)


class OperationSerDes(SerDes):
    """The whole map result as "OPSERDE:" and the comma-joined results; read back the same way."""

    def serialize(self, value, serdes_context: SerDesContext) -> str:
        return "OPSERDE:" + ",".join(value.get_results())

    def deserialize(self, data: str, serdes_context: SerDesContext):
        from aws_durable_execution_sdk_python.concurrency.models import (
            BatchItem, BatchItemStatus, BatchResult, CompletionReason)
        values = data[len("OPSERDE:"):].split(",")
        return BatchResult([BatchItem(i, BatchItemStatus.SUCCEEDED, v) for i, v in enumerate(values)],
                           CompletionReason.ALL_COMPLETED)


@durable_execution
def case_9_19(event, context: DurableContext):
    return context.map(["x", "y"], lambda ctx, item, index, items: item.upper(),
                       config=MapConfig(max_concurrency=1, serdes=OperationSerDes(),
                                        item_serdes=JsonSerDes())).get_results()


@durable_execution
def case_9_20(event, context: DurableContext):
    result = context.map(["x", "y"], lambda ctx, item, index, items: item.upper(),
                         config=MapConfig(max_concurrency=1, serdes=OperationSerDes(),
                                          item_serdes=JsonSerDes())).get_results()
    return wait_then(context, result)


@durable_execution
def case_9_18(event, context: DurableContext):
    batch = context.map(["ok", "fail"], _fail_on({1}), name="fail-then-wait",
                        config=_tolerating(tolerated_failure_count=1))
    return wait_then(context, _summary(batch))


# the requirements that answer the batch's summary
case_9_5 = _summarized(["a", "b", "c"], _fail_on({1}), tolerated_failure_count=0)
case_9_7 = _summarized(["a", "b", "c", "d"], lambda ctx, item, index, items: "done", status=False, failures=False,
                      min_successful=2)
case_9_8 = _summarized(["a", "b", "c"], _fail_on({1}), tolerated_failure_count=1)
case_9_9 = _summarized(["a", "b", "c"], _fail_on({0, 1, 2}), status=False, tolerated_failure_count=1)
case_9_10 = _summarized(["a", "b", "c", "d"], _fail_on({0, 1, 2, 3}), status=False, tolerated_failure_percentage=25)
