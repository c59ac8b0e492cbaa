package io.durablebench.counter.baseline;

import io.durablebench.model.aws.PrimingRequests;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import io.durablebench.model.counter.CounterRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The counter with its state kept explicitly in one DynamoDB table, exactly-once per operation id.
 *
 * <h2>Items</h2>
 * <ul>
 *   <li>{@code counter#<counterId>}: {@code value}, {@code version} (bumped by every write)</li>
 *   <li>{@code op#<counterId>#<opId>}: one marker per applied increment/decrement, holding the value
 *       right after it; expires after {@link #MARKER_RETENTION} (the exactly-once window)</li>
 * </ul>
 *
 * <h2>Calls per request</h2>
 * One strongly consistent {@code GetItem} of the counter, then one {@code TransactWriteItems} that
 * sets the new value on condition that the version is still the one read (optimistic concurrency:
 * no lost updates) and puts one marker per mutating operation on condition that it does not exist
 * (exactly-once: a re-delivered operation cancels the transaction and is reported, with its recorded
 * value, as a duplicate). Because the version pins the state the values were computed from, every
 * operation's result (including reads between writes) is exact. A request of reads only is one
 * {@code GetItem}. Contention or a duplicate costs one more transaction (and a re-read only if the
 * version moved). Requests with more than {@value #MAX_MARKERS_PER_TRANSACTION} mutating operations
 * use one transaction per {@value #MAX_MARKERS_PER_TRANSACTION} (DynamoDB allows 100 items each).
 */
public record CounterLedger(DynamoDbClient dynamoDb, String table, Clock clock) {
    public static final Duration MARKER_RETENTION = Duration.ofDays(7);
    static final int MAX_MARKERS_PER_TRANSACTION = 99;
    static final int MAX_ATTEMPTS = 200;

    static final String PK = "pk";
    static final String VALUE = "value";
    static final String VERSION = "version";
    static final String UPDATED_AT = "updatedAt";
    static final String EXPIRES_AT = "expiresAt";

    /** What applying a request did: one result per operation, in request order, and the final value. */
    public record Outcome(List<CounterOperationResult> results, long finalValue, int attempts) {
    }

    public static String counterKey(String counterId) {
        return "counter#" + counterId;
    }

    public static String markerKey(String counterId, String operationId) {
        return "op#" + counterId + "#" + operationId;
    }

    public Outcome apply(CounterRequest request) {
        List<CounterOperation> ops = request.operations();
        CounterOperationResult[] results = new CounterOperationResult[ops.size()];
        Snapshot snapshot = null;
        int attempts = 0;
        int segmentStart = 0;
        while (segmentStart < ops.size()) {
            int segmentEnd = segmentEnd(ops, segmentStart);
            Map<String, Long> duplicates = new HashMap<>();
            while (true) {
                if (++attempts > MAX_ATTEMPTS) {
                    throw new IllegalStateException("counter " + request.counterId() + " is too contended: gave up after "
                            + MAX_ATTEMPTS + " optimistic attempts; the request may be retried safely");
                }
                if (snapshot == null) {
                    snapshot = read(request.counterId());
                }
                Plan plan = plan(ops, segmentStart, segmentEnd, snapshot, duplicates);
                if (plan.markers.isEmpty()) {
                    plan.copyInto(results, segmentStart);
                    break;
                }
                Optional<Conflict> conflict = write(request.counterId(), snapshot, plan);
                if (conflict.isEmpty()) {
                    plan.copyInto(results, segmentStart);
                    snapshot = new Snapshot(plan.value, snapshot.version + 1);
                    break;
                }
                duplicates.putAll(conflict.get().duplicates);
                if (conflict.get().counterMoved) {
                    snapshot = null;
                }
                if (conflict.get().needsBackoff) {
                    backoff(attempts);
                }
            }
            segmentStart = segmentEnd;
        }
        // The snapshot always holds the state after the last segment: written by us or just read.
        return new Outcome(List.of(results), snapshot.value, attempts);
    }

    /** The segment [start, end) holds at most {@link #MAX_MARKERS_PER_TRANSACTION} mutating operations. */
    private static int segmentEnd(List<CounterOperation> ops, int start) {
        int mutating = 0;
        int i = start;
        while (i < ops.size()) {
            if (ops.get(i).op().mutates()) {
                if (mutating == MAX_MARKERS_PER_TRANSACTION) {
                    break;
                }
                mutating++;
            }
            i++;
        }
        return i;
    }

    private record Snapshot(long value, long version) {
    }

    private static final class Plan {
        final List<CounterOperationResult> results = new ArrayList<>();
        final List<CounterOperationResult> markers = new ArrayList<>();
        long value;

        void copyInto(CounterOperationResult[] all, int offset) {
            for (int i = 0; i < results.size(); i++) {
                all[offset + i] = results.get(i);
            }
        }
    }

    private static Plan plan(List<CounterOperation> ops, int start, int end, Snapshot snapshot,
                             Map<String, Long> duplicates) {
        Plan plan = new Plan();
        long value = snapshot.value;
        for (int i = start; i < end; i++) {
            CounterOperation op = ops.get(i);
            Long recorded = duplicates.get(op.id());
            if (recorded != null) {
                plan.results.add(CounterOperationResult.duplicateOf(op, recorded));
                continue;
            }
            value = Math.addExact(value, op.delta());
            CounterOperationResult result = CounterOperationResult.applied(op, value);
            plan.results.add(result);
            if (op.op().mutates()) {
                plan.markers.add(result);
            }
        }
        plan.value = value;
        return plan;
    }

    /**
     * The ledger's two calls, the counter's read and a transaction, as priming requests: built and
     * signed by its client and stopped before sending ({@link PrimingRequests}), for a SnapStart snapshot.
     */
    void prime() {
        Map<String, AttributeValue> key = Map.of(PK, s(counterKey("priming")));
        PrimingRequests.run(() -> dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key)
                .overrideConfiguration(PrimingRequests.marked())));
        PrimingRequests.run(() -> dynamoDb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .update(Update.builder().tableName(table).key(key).updateExpression("SET #v = :value")
                        .expressionAttributeNames(Map.of("#v", VALUE)).expressionAttributeValues(Map.of(":value", n(0)))
                        .build()).build()).overrideConfiguration(PrimingRequests.marked())));
    }

    private Snapshot read(String counterId) {
        GetItemResponse item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(counterKey(counterId))))
                .projectionExpression("#v, #ver")
                .expressionAttributeNames(Map.of("#v", VALUE, "#ver", VERSION)));
        if (!item.hasItem() || item.item().isEmpty()) {
            return new Snapshot(0, 0);
        }
        return new Snapshot(Long.parseLong(item.item().get(VALUE).n()), Long.parseLong(item.item().get(VERSION).n()));
    }

    private record Conflict(Map<String, Long> duplicates, boolean counterMoved, boolean needsBackoff) {
    }

    private Optional<Conflict> write(String counterId, Snapshot snapshot, Plan plan) {
        long now = clock.millis();
        List<TransactWriteItem> items = new ArrayList<>(plan.markers.size() + 1);
        Map<String, AttributeValue> counterValues = new HashMap<>();
        counterValues.put(":value", n(plan.value));
        counterValues.put(":next", n(snapshot.version + 1));
        counterValues.put(":now", n(now));
        String condition;
        if (snapshot.version == 0) {
            condition = "attribute_not_exists(#ver)";
        } else {
            condition = "#ver = :expected";
            counterValues.put(":expected", n(snapshot.version));
        }
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of(PK, s(counterKey(counterId))))
                .updateExpression("SET #v = :value, #ver = :next, #at = :now")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#v", VALUE, "#ver", VERSION, "#at", UPDATED_AT))
                .expressionAttributeValues(counterValues)
                .build()).build());
        long expiresAt = (now + MARKER_RETENTION.toMillis()) / 1000;
        for (CounterOperationResult marker : plan.markers) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(PK, s(markerKey(counterId, marker.id())));
            item.put("op", s(marker.op().wireName()));
            item.put("amount", n(marker.amount()));
            item.put(VALUE, n(marker.value()));
            item.put("appliedAt", n(now));
            item.put(EXPIRES_AT, n(expiresAt));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
        }
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(items));
            return Optional.empty();
        } catch (TransactionCanceledException cancelled) {
            return Optional.of(conflictOf(counterId, plan, cancelled));
        }
    }

    private Conflict conflictOf(String counterId, Plan plan, TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        if (reasons.size() != plan.markers.size() + 1) {
            // No per-item reasons: treat as a conflict, re-read and retry after a pause.
            return new Conflict(Map.of(), true, true);
        }
        Map<String, Long> duplicates = new HashMap<>();
        List<String> duplicatesWithoutItem = new ArrayList<>();
        boolean counterMoved = "ConditionalCheckFailed".equals(reasons.get(0).code());
        boolean needsBackoff = false;
        for (int i = 0; i < reasons.size(); i++) {
            String code = reasons.get(i).code();
            if ("TransactionConflict".equals(code) || "ThrottlingError".equals(code)
                    || "ProvisionedThroughputExceeded".equals(code)) {
                needsBackoff = true;
            }
            if (i > 0 && "ConditionalCheckFailed".equals(code)) {
                String opId = plan.markers.get(i - 1).id();
                Map<String, AttributeValue> old = reasons.get(i).item();
                if (old != null && old.containsKey(VALUE)) {
                    duplicates.put(opId, Long.parseLong(old.get(VALUE).n()));
                } else {
                    duplicatesWithoutItem.add(opId);
                }
            }
        }
        for (String opId : duplicatesWithoutItem) {
            duplicates.put(opId, readMarker(counterId, opId));
        }
        if (counterMoved) {
            needsBackoff = true;
        }
        return new Conflict(duplicates, counterMoved, needsBackoff);
    }

    private long readMarker(String counterId, String opId) {
        GetItemResponse marker = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(markerKey(counterId, opId)))));
        if (!marker.hasItem() || !marker.item().containsKey(VALUE)) {
            throw new IllegalStateException("operation " + opId + " was reported as applied but its marker is missing");
        }
        return Long.parseLong(marker.item().get(VALUE).n());
    }

    private static void backoff(int attempt) {
        long capMillis = Math.min(100, 2L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, capMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
