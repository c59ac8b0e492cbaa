package io.durablebench.video.baseline;

import static io.durablebench.video.baseline.JobItems.SLICE_PREFIX;
import static io.durablebench.video.baseline.JobItems.key;
import static io.durablebench.video.baseline.JobItems.n;
import static io.durablebench.video.baseline.JobItems.pk;
import static io.durablebench.video.baseline.JobItems.s;
import static io.durablebench.video.baseline.JobItems.sliceSk;

import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.VideoSliceResult;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The DynamoDB calls of a job in slices, one method per call, on its slice items
 * ({@code sk = slice#0003} beside the job and chunk items, {@link JobItems}): each slice coordinator
 * writes its slice's end once (conditional, so a duplicate or late coordinator changes nothing), and
 * the job's coordinator reads them all with one Query per poll.
 */
record SliceTable(DynamoDbClient dynamoDb, String table, Clock clock) {
    /** One UpdateItem: the slice is DONE with its answer. False when it was DONE already (a duplicate). */
    boolean done(String jobId, VideoSliceResult result) {
        return write(jobId, result.index(), SliceRecord.DONE, "result", StrictJson.write(result));
    }

    /** One UpdateItem: a chunk of the slice failed for good. False when the slice was DONE already. */
    boolean failed(String jobId, int index, String error) {
        return write(jobId, index, SliceRecord.FAILED, "lastError", error.length() > 2000 ? error.substring(0, 2000) : error);
    }

    private boolean write(String jobId, int index, String status, String attribute, String value) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, sliceSk(index)))
                    .updateExpression("SET #status = :status, #value = :value, updatedAt = :now, expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(#status) OR #status <> :done")
                    .expressionAttributeNames(Map.of("#status", "status", "#value", attribute))
                    .expressionAttributeValues(Map.of(":status", s(status), ":value", s(value), ":now", n(clock.millis()),
                            ":exp", JobItems.expiry(clock), ":done", s(SliceRecord.DONE))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * One Query (a page holds far more slice items than a job has): every slice item written so
     * far. {@code consistent} for resuming a job, eventually consistent for polls.
     */
    List<SliceRecord> slices(String jobId, boolean consistent) {
        List<SliceRecord> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :slice)")
                    .expressionAttributeValues(Map.of(":pk", s(pk(jobId)), ":slice", s(SLICE_PREFIX)))
                    .consistentRead(consistent).exclusiveStartKey(from));
            r.items().forEach(i -> out.add(slice(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static SliceRecord slice(Map<String, AttributeValue> item) {
        int index = Integer.parseInt(item.get("sk").s().substring(SLICE_PREFIX.length()));
        String status = item.get("status").s();
        VideoSliceResult result = null;
        if (item.containsKey("result")) {
            try {
                result = StrictJson.mapper().readValue(item.get("result").s(), VideoSliceResult.class);
            } catch (IOException e) {
                throw new IllegalStateException("slice " + index + ": unreadable result", e);
            }
        }
        long updatedAt = Long.parseLong(item.get("updatedAt").n());
        return new SliceRecord(index, status, updatedAt, result,
                item.containsKey("lastError") ? item.get("lastError").s() : null);
    }
}
