package io.durablebench.video.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.local.s3.S3Local;
import io.durablebench.local.wire.WireCounter;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.metrics.StoreMetrics;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The meter on the functions' S3 client, against the local S3 server, with a wire-level proxy as the independent count. */
class S3MeterTest {
    static S3Local s3;
    static WireCounter wire;
    static StoreMeter meter;
    static S3Client client;

    @BeforeAll
    static void start() {
        s3 = S3Local.startInMemory();
        s3.createBucket("videos");
        wire = WireCounter.in(s3.endpoint());
        Map<String, String> env = new HashMap<>(s3.environment());
        env.put("AWS_ENDPOINT_URL_S3", wire.endpoint().toString());
        meter = new StoreMeter();
        client = VideoObjects.s3Client(new FunctionEnvironment(env), meter);
    }

    @AfterAll
    static void stop() {
        client.close();
        wire.close();
        s3.close();
    }

    @Test
    void countsS3CallsByOperation() {
        StoreMetrics dynamoBefore = meter.snapshot(StoreMeter.DYNAMODB);
        StoreMetrics before = meter.snapshot(StoreMeter.S3);
        wire.reset();
        byte[] video = new byte[100_000];
        new java.util.Random(3).nextBytes(video);
        client.putObject(r -> r.bucket("videos").key("job/source.mp4"), RequestBody.fromBytes(video));
        client.headObject(r -> r.bucket("videos").key("job/source.mp4"));
        byte[] read = client.getObjectAsBytes(r -> r.bucket("videos").key("job/source.mp4")).asByteArray();
        client.listObjectsV2(r -> r.bucket("videos").prefix("job/"));
        client.deleteObject(r -> r.bucket("videos").key("job/source.mp4"));
        assertThatThrownBy(() -> client.getObjectAsBytes(r -> r.bucket("videos").key("job/source.mp4")))
                .isInstanceOf(NoSuchKeyException.class);

        StoreMetrics m = meter.snapshot(StoreMeter.S3).minus(before);
        assertThat(read).isEqualTo(video);
        assertThat(m.byOperation()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PutObject", 1L, "HeadObject", 1L, "GetObject", 2L, "ListObjectsV2", 1L, "DeleteObject", 1L));
        assertThat(m.calls()).isEqualTo(6).isEqualTo(wire.totalRequests());
        assertThat(m.failedCalls()).isEqualTo(1);
        assertThat(m.retries()).isZero();
        assertThat(m.requestBytes()).isGreaterThanOrEqualTo(video.length);
        assertThat(m.responseBytes()).isGreaterThanOrEqualTo(video.length);
        assertThat(m.readCapacityUnits()).isZero();
        assertThat(m.writeCapacityUnits()).isZero();
        // S3 calls are S3's, not coordination.
        assertThat(meter.snapshot(StoreMeter.DYNAMODB)).isEqualTo(dynamoBefore);
    }

    @Test
    void countsEveryCallOfAMultipartUpload() {
        StoreMetrics before = meter.snapshot(StoreMeter.S3);
        String id = client.createMultipartUpload(r -> r.bucket("videos").key("big")).uploadId();
        String etag = client.uploadPart(r -> r.bucket("videos").key("big").uploadId(id).partNumber(1),
                RequestBody.fromBytes(new byte[1024])).eTag();
        client.completeMultipartUpload(r -> r.bucket("videos").key("big").uploadId(id)
                .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        StoreMetrics m = meter.snapshot(StoreMeter.S3).minus(before);
        assertThat(m.byOperation()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CreateMultipartUpload", 1L, "UploadPart", 1L, "CompleteMultipartUpload", 1L));
    }
}
