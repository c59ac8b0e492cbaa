package io.durablebench.video.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything the video stores hold, read from the stores themselves (a paginated ListObjectsV2 of the
 * bucket, a paginated consistent Scan of the table), not from any function's bookkeeping: what a
 * test compares before and after a job to see what the job left behind.
 *
 * @param objects every key of the bucket, sorted
 * @param items   every item of the table as {@code pk|sk}, sorted
 */
public record StoreCensus(List<String> objects, List<String> items) {
    public static StoreCensus of(VideoTestBed bed) {
        return of(bed.s3(), bed.bucket(), bed.dynamoDb(), bed.table());
    }

    /** The same for any bucket and table (e.g. a crash bed's). */
    public static StoreCensus of(S3Client s3, String bucket, DynamoDbClient dynamoDb, String table) {
        TreeSet<String> items = new TreeSet<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
            page.items().forEach(i -> items.add(i.get("pk").s() + "|" + i.get("sk").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        TreeSet<String> keys = new TreeSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
        return new StoreCensus(new ArrayList<>(keys), new ArrayList<>(items));
    }

    /** Keys of this census not in {@code before}. */
    public List<String> objectsAddedSince(StoreCensus before) {
        return objects.stream().filter(k -> !before.objects.contains(k)).toList();
    }

    /** Items of this census not in {@code before}. */
    public List<String> itemsAddedSince(StoreCensus before) {
        return items.stream().filter(k -> !before.items.contains(k)).toList();
    }
}
