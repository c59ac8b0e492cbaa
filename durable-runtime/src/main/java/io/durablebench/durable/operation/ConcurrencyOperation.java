package io.durablebench.durable.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.durable.BatchError;
import io.durablebench.durable.BatchItem;
import io.durablebench.durable.BatchItemStatus;
import io.durablebench.durable.CompletionReason;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.config.CompletionConfig;
import io.durablebench.durable.config.ConcurrencyConfig;
import io.durablebench.durable.config.NestingType;
import io.durablebench.durable.exception.DurableExecutionException;
import io.durablebench.durable.execution.Errors;
import io.durablebench.durable.execution.InvocationRuntime;
import io.durablebench.durable.execution.OperationIds;
import io.durablebench.durable.serde.SerDes;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.model.ContextOptions;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;

/**
 * Map and parallel: a CONTEXT (SubType Map / Parallel) whose units (items / branches) run as child
 * contexts (MapIteration / ParallelBranch; or virtual ones with FLAT nesting) on threads of their
 * own, at most {@code maxConcurrency} at once, started in index order.
 *
 * <p>After each unit finishes, the completion config decides whether to stop starting units:
 * enough successes (MIN_SUCCESSFUL_REACHED), more failures than tolerated by count or by percentage
 * of all units (FAILURE_TOLERANCE_EXCEEDED); otherwise the operation ends when every unit ran
 * (ALL_COMPLETED). Units still running when it stops are not awaited and no longer checkpoint.
 *
 * <p>A map checkpoints its result (every item's serialized result and error) when it fits in one
 * operation, otherwise only the statuses with {@code ReplayChildren=true}; a parallel always
 * checkpoints statuses with {@code ReplayChildren=true}. With ReplayChildren a later invocation
 * re-runs the orchestration, but only the units recorded as finished, whose own contexts replay
 * their recorded results, so the result is rebuilt exactly.
 */
public final class ConcurrencyOperation<T> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Map or parallel, with their SubTypes. */
    public enum Kind {
        MAP("Map", "MapIteration"),
        PARALLEL("Parallel", "ParallelBranch");

        final String subType;
        final String unitSubType;

        Kind(String subType, String unitSubType) {
            this.subType = subType;
            this.unitSubType = unitSubType;
        }
    }

    /** One item or branch: its name, body, and (for parallel branches) its own result type. */
    public record Unit<T>(String name, Function<DurableContext, T> body, TypeToken<T> type) {
        public Unit(String name, Function<DurableContext, T> body) {
            this(name, body, null);
        }
    }

    private final InvocationRuntime runtime;
    private final Kind kind;
    private final Updates.OperationRef ref;
    private final List<Unit<T>> units;
    private final TypeToken<T> resultType;
    private final Integer maxConcurrency;
    private final CompletionConfig completion;
    private final NestingType nesting;
    private final SerDes itemSerDes;
    private final SerDes operationSerDes;
    private final BiFunction<String, String, DurableContext> contexts;

    /**
     * @param itemSerDes serializer of each unit's result (the config's, or the context's)
     * @param contexts   creates a context from (context id for numbering, ParentId for its operations)
     */
    public ConcurrencyOperation(InvocationRuntime runtime, Kind kind, String id, String parentId, String name,
                                List<Unit<T>> units, TypeToken<T> resultType, ConcurrencyConfig config,
                                SerDes itemSerDes, BiFunction<String, String, DurableContext> contexts) {
        validateMaxConcurrency(kind, config.maxConcurrency());
        this.runtime = runtime;
        this.kind = kind;
        this.ref = new Updates.OperationRef(id, parentId, name, OperationType.CONTEXT, kind.subType);
        this.units = List.copyOf(units);
        this.resultType = resultType;
        this.maxConcurrency = config.maxConcurrency();
        this.completion = config.completionConfig() == null ? CompletionConfig.allCompleted() : config.completionConfig();
        this.nesting = config.nesting() == null ? NestingType.NESTED : config.nesting();
        this.itemSerDes = itemSerDes;
        this.operationSerDes = config.serDes();
        this.contexts = contexts;
    }

    public static void validateMaxConcurrency(Kind kind, Integer maxConcurrency) {
        if (maxConcurrency != null && maxConcurrency < 1) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " maxConcurrency must be at least 1 "
                    + "(or unset for no limit); got " + maxConcurrency);
        }
    }

    /** Runs the units (or replays them) and returns items and completion reason. */
    public Outcome<T> run() {
        Operation op = OperationSupport.existing(runtime, ref);
        boolean replayChildren = op != null && op.contextDetails() != null
                && Boolean.TRUE.equals(op.contextDetails().replayChildren());
        if (op != null && op.status() == OperationStatus.SUCCEEDED && !replayChildren) {
            runtime.replayed();
            return decode(op.contextDetails().result());
        }
        if (op != null && op.status() != OperationStatus.SUCCEEDED && op.status() != OperationStatus.STARTED) {
            runtime.replayed();
            ErrorObject e = op.contextDetails() == null ? null : op.contextDetails().error();
            throw new DurableExecutionException(OperationSupport.label(kind.subType.toLowerCase(), ref.name())
                    + " failed: " + Errors.describe(e));
        }
        Summary recorded = op != null && op.status() == OperationStatus.SUCCEEDED
                ? summaryOf(op.contextDetails().result()) : null;
        runtime.registerContext(ref.id(), ref.parentId());
        if (op == null) {
            runtime.executing();
            runtime.enqueue(Updates.of(ref, OperationAction.START).build());
        } else if (recorded != null) {
            runtime.replayed();
        }
        Outcome<T> outcome = schedule(recorded);
        if (recorded == null) {
            checkpointResult(outcome);
        }
        return outcome;
    }

    /** Items in index order and why the operation completed. */
    public record Outcome<T>(List<BatchItem<T>> items, CompletionReason reason) {
    }

    private Outcome<T> schedule(Summary recorded) {
        int n = units.size();
        BatchItemStatus[] status = new BatchItemStatus[n];
        Arrays.fill(status, BatchItemStatus.NOT_STARTED);
        Object[] results = new Object[n];
        BatchError[] errors = new BatchError[n];
        ConcurrentLinkedQueue<Integer> finished = new ConcurrentLinkedQueue<>();
        Set<Integer> toRun = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (recorded == null || recorded.finished(i)) {
                toRun.add(i);
            }
        }
        int next = 0;
        int running = 0;
        int succeeded = 0;
        int failed = 0;
        CompletionReason reason = null;
        while (true) {
            while (reason == null && next < n && (maxConcurrency == null || running < maxConcurrency)) {
                int i = next++;
                if (!toRun.contains(i)) {
                    continue;
                }
                status[i] = BatchItemStatus.STARTED;
                running++;
                startUnit(i, status, results, errors, finished);
            }
            if (reason == null && next >= n && running == 0) {
                reason = recorded != null ? recorded.reason : CompletionReason.ALL_COMPLETED;
            }
            if (reason != null) {
                break;
            }
            runtime.awaitUntil(() -> !finished.isEmpty());
            Integer i;
            while ((i = finished.poll()) != null) {
                running--;
                if (status[i] == BatchItemStatus.SUCCEEDED) {
                    succeeded++;
                } else {
                    failed++;
                }
                if (reason == null && recorded == null) {
                    reason = stopReason(succeeded, failed, n);
                }
            }
        }
        List<String> stillRunning = new ArrayList<>();
        List<BatchItem<T>> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BatchItemStatus s = status[i];
            if (s == BatchItemStatus.STARTED && !finished.contains(i)) {
                stillRunning.add(unitId(i));
            }
            @SuppressWarnings("unchecked")
            T r = s == BatchItemStatus.SUCCEEDED ? (T) results[i] : null;
            items.add(new BatchItem<>(i, unitName(i), s, r, s == BatchItemStatus.FAILED ? errors[i] : null));
        }
        if (!stillRunning.isEmpty()) {
            runtime.closeContexts(stillRunning);
        }
        return new Outcome<>(items, reason);
    }

    private CompletionReason stopReason(int succeeded, int failed, int total) {
        if (completion.minSuccessful() != null && succeeded >= completion.minSuccessful()) {
            return CompletionReason.MIN_SUCCESSFUL_REACHED;
        }
        if (completion.toleratedFailureCount() != null && failed > completion.toleratedFailureCount()) {
            return CompletionReason.FAILURE_TOLERANCE_EXCEEDED;
        }
        if (completion.toleratedFailurePercentage() != null && total > 0
                && failed * 100.0 / total > completion.toleratedFailurePercentage()) {
            return CompletionReason.FAILURE_TOLERANCE_EXCEEDED;
        }
        return null;
    }

    private void startUnit(int i, BatchItemStatus[] status, Object[] results, BatchError[] errors,
                           ConcurrentLinkedQueue<Integer> finished) {
        runtime.startThread(() -> {
            try {
                results[i] = runUnit(i);
                status[i] = BatchItemStatus.SUCCEEDED;
            } catch (Throwable t) {
                OperationSupport.rethrowUnlessUserFailure(t);
                ErrorObject e = Errors.of(t);
                errors[i] = new BatchError(e.errorType(), e.errorMessage());
                status[i] = BatchItemStatus.FAILED;
            }
            finished.add(i);
            runtime.signal();
        });
    }

    private T runUnit(int i) {
        String id = unitId(i);
        Unit<T> unit = units.get(i);
        if (nesting == NestingType.FLAT) {
            // a virtual context: numbered under its own id, but its operations hang off the map/parallel
            return unit.body().apply(contexts.apply(id, ref.id()));
        }
        return new ChildContextOperation<>(runtime, id, ref.id(), unitName(i), kind.unitSubType,
                unit.type() != null ? unit.type() : resultType, unit.body(), ctxId -> contexts.apply(ctxId, ctxId),
                itemSerDes).run();
    }

    private String unitId(int i) {
        return OperationIds.childId(ref.id(), i);
    }

    private String unitName(int i) {
        return units.get(i).name();
    }

    // ---------------------------------------------------------------- checkpointed form

    private void checkpointResult(Outcome<T> outcome) {
        String payload = null;
        if (kind == Kind.MAP) {
            payload = operationSerDes != null ? operationSerDes.serialize(new io.durablebench.durable.MapResult<>(
                    outcome.items(), outcome.reason())) : encode(outcome, true);
        }
        if (payload == null || OperationSupport.bytes(payload) > InvocationRuntime.MAX_OPERATION_PAYLOAD_BYTES) {
            runtime.checkpoint(Updates.of(ref, OperationAction.SUCCEED).payload(encode(outcome, false))
                    .contextOptions(ContextOptions.builder().replayChildren(true).build()).build());
        } else {
            runtime.checkpoint(Updates.of(ref, OperationAction.SUCCEED).payload(payload).build());
        }
    }

    private String encode(Outcome<T> outcome, boolean withResults) {
        ObjectNode root = JSON.createObjectNode();
        root.put("completionReason", outcome.reason().name());
        long ok = outcome.items().stream().filter(i -> i.status() == BatchItemStatus.SUCCEEDED).count();
        long failed = outcome.items().stream().filter(i -> i.status() == BatchItemStatus.FAILED).count();
        root.put("successCount", ok).put("failureCount", failed)
                .put("totalCount", outcome.items().stream().filter(i -> i.status() != BatchItemStatus.NOT_STARTED).count());
        ArrayNode items = root.putArray("items");
        for (BatchItem<T> item : outcome.items()) {
            ObjectNode n = items.addObject().put("index", item.index()).put("name", item.name())
                    .put("status", item.status().name());
            if (withResults && item.status() == BatchItemStatus.SUCCEEDED) {
                n.put("result", itemSerDes.serialize(item.result()));
            }
            if (item.error() != null) {
                n.putObject("error").put("errorType", item.error().errorType())
                        .put("errorMessage", item.error().errorMessage());
            }
        }
        return root.toString();
    }

    private Outcome<T> decode(String payload) {
        if (kind == Kind.MAP && operationSerDes != null) {
            io.durablebench.durable.MapResult<T> r = operationSerDes.deserialize(payload, mapResultType());
            return new Outcome<>(r.getItems(), r.getCompletionReason());
        }
        JsonNode root = read(payload);
        List<BatchItem<T>> items = new ArrayList<>();
        for (JsonNode n : root.get("items")) {
            BatchItemStatus s = BatchItemStatus.valueOf(n.get("status").asText());
            T result = n.hasNonNull("result") ? itemSerDes.deserialize(n.get("result").asText(), resultType) : null;
            BatchError error = n.hasNonNull("error") ? new BatchError(n.get("error").path("errorType").asText(null),
                    n.get("error").path("errorMessage").asText(null)) : null;
            items.add(new BatchItem<>(n.get("index").asInt(), n.path("name").asText(null), s, result, error));
        }
        return new Outcome<>(items, CompletionReason.valueOf(root.get("completionReason").asText()));
    }

    private record Summary(Set<Integer> finishedUnits, CompletionReason reason) {
        boolean finished(int i) {
            return finishedUnits.contains(i);
        }
    }

    private Summary summaryOf(String payload) {
        JsonNode root = read(payload);
        Set<Integer> finished = new HashSet<>();
        for (JsonNode n : root.get("items")) {
            String s = n.get("status").asText();
            if (s.equals("SUCCEEDED") || s.equals("FAILED")) {
                finished.add(n.get("index").asInt());
            }
        }
        return new Summary(finished, CompletionReason.valueOf(root.get("completionReason").asText()));
    }

    private JsonNode read(String payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            if (root == null || !root.has("items") || !root.has("completionReason")) {
                throw new IllegalArgumentException("missing items/completionReason");
            }
            return root;
        } catch (Exception e) {
            throw new DurableExecutionException("the checkpointed result of " + OperationSupport.label(
                    kind.subType.toLowerCase(), ref.name()) + " cannot be read: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private TypeToken<io.durablebench.durable.MapResult<T>> mapResultType() {
        Type itemType = resultType.getType();
        ParameterizedType p = new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {itemType};
            }

            @Override
            public Type getRawType() {
                return io.durablebench.durable.MapResult.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }

            @Override
            public String getTypeName() {
                return "MapResult<" + itemType.getTypeName() + ">";
            }
        };
        return (TypeToken<io.durablebench.durable.MapResult<T>>) (TypeToken<?>) TypeToken.ofType(p);
    }
}
