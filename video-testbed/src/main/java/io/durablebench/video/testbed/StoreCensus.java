package io.durablebench.video.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

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
        TreeSet<String> items = new TreeSet<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = bed.dynamoDb().scan(b -> b.tableName(bed.table()).consistentRead(true)
                    .exclusiveStartKey(from));
            page.items().forEach(i -> items.add(i.get("pk").s() + "|" + i.get("sk").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new StoreCensus(List.copyOf(bed.keys("")), new ArrayList<>(items));
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
