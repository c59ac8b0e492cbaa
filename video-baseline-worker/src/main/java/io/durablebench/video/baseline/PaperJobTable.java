package io.durablebench.video.baseline;

import static io.durablebench.video.baseline.JobItems.JOB_SK;
import static io.durablebench.video.baseline.JobItems.chunkSk;
import static io.durablebench.video.baseline.JobItems.key;
import static io.durablebench.video.baseline.JobItems.n;
import static io.durablebench.video.baseline.JobItems.s;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB calls of the paper's baseline design ({@code COORDINATION=paper}), one method per
 * call, on the same items as {@link JobTable}: records written up front without conditions (the
 * paper's baseline had no idempotency), RUNNING and DONE updates by the runners, job status updates
 * by the coordinator. Failed attempts and DONE are recorded with {@link JobTable}'s calls.
 */
public record PaperJobTable(DynamoDbClient dynamoDb, String table, Clock clock) {

    /** One PutItem, unconditional (the paper's baseline had no idempotency): the job, STARTED. */
    public void createJob(String jobId, int chunkCount) {
        Map<String, AttributeValue> item = new HashMap<>(key(jobId, JOB_SK));
        item.put("status", s("STARTED"));
        item.put("chunkCount", n(chunkCount));
        item.put("expiresAt", JobItems.expiry(clock));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    /** One PutItem per chunk, unconditional: its status record, PENDING. */
    public void createChunk(String jobId, int index) {
        Map<String, AttributeValue> item = new HashMap<>(key(jobId, chunkSk(index)));
        item.put("status", s(ChunkRecord.PENDING));
        item.put("attempts", n(0));
        item.put("updatedAt", n(clock.millis()));
        item.put("expiresAt", JobItems.expiry(clock));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    /** One UpdateItem: the worker took the chunk, RUNNING. */
    public void chunkRunning(String jobId, int index) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, chunkSk(index)))
                .updateExpression("SET #status = :running, updatedAt = :now")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":running", s(ChunkRecord.RUNNING), ":now", n(clock.millis()))));
    }

    /** One UpdateItem: the job's status (ASSEMBLING, DONE, FAILED), with the answer at the end. */
    public void jobStatus(String jobId, String status, String responseJson) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(status));
        String update = "SET #status = :status";
        if (responseJson != null) {
            update += ", #response = :response";
            values.put(":response", s(responseJson));
        }
        String expression = update;
        dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, JOB_SK)).updateExpression(expression)
                .expressionAttributeNames(responseJson == null ? Map.of("#status", "status")
                        : Map.of("#status", "status", "#response", "response"))
                .expressionAttributeValues(values));
    }
}
