package io.durablebench.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.durablebench.local.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The AWS SDK v2 S3 client (path-style) against the in-process server, with real bytes. */
class S3LocalTest {
    static S3Local s3;
    static S3Client client;

    @BeforeAll
    static void start() {
        s3 = S3Local.startInMemory();
        client = s3.client();
        s3.createBucket("media");
    }

    @AfterAll
    static void stop() {
        client.close();
        s3.close();
    }

    @Test
    void putGetHeadListDelete() {
        byte[] body = bytes(300_000, 1);
        var put = client.putObject(r -> r.bucket("media").key("jobs/j1/source.mp4").contentType("video/mp4"),
                RequestBody.fromBytes(body));
        assertThat(put.eTag()).isNotBlank();
        client.putObject(r -> r.bucket("media").key("jobs/j1/chunks/0001.mp4"), RequestBody.fromBytes(bytes(10, 2)));
        client.putObject(r -> r.bucket("media").key("jobs/j2/source.mp4"), RequestBody.fromBytes(bytes(10, 3)));

        assertThat(client.getObjectAsBytes(r -> r.bucket("media").key("jobs/j1/source.mp4")).asByteArray())
                .isEqualTo(body);
        var head = client.headObject(r -> r.bucket("media").key("jobs/j1/source.mp4"));
        assertThat(head.contentLength()).isEqualTo(body.length);
        assertThat(head.eTag()).isEqualTo(put.eTag());

        assertThat(client.listObjectsV2(r -> r.bucket("media").prefix("jobs/j1/")).contents())
                .extracting(S3Object::key).containsExactly("jobs/j1/chunks/0001.mp4", "jobs/j1/source.mp4");

        client.deleteObject(r -> r.bucket("media").key("jobs/j1/source.mp4"));
        assertThatThrownBy(() -> client.getObjectAsBytes(r -> r.bucket("media").key("jobs/j1/source.mp4")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(client.listObjectsV2(r -> r.bucket("media").prefix("jobs/j1/")).contents())
                .extracting(S3Object::key).containsExactly("jobs/j1/chunks/0001.mp4");
    }

    @Test
    void overwritingAKeyWithTheSameBytesKeepsItsETag() {
        byte[] body = bytes(1000, 4);
        var first = client.putObject(r -> r.bucket("media").key("same"), RequestBody.fromBytes(body));
        var second = client.putObject(r -> r.bucket("media").key("same"), RequestBody.fromBytes(body));
        assertThat(second.eTag()).isEqualTo(first.eTag());
    }

    @Test
    void listsPastOnePage() {
        for (int i = 0; i < 7; i++) {
            String key = "paged/" + i;
            client.putObject(r -> r.bucket("media").key(key), RequestBody.fromString("x"));
        }
        List<String> keys = new ArrayList<>();
        client.listObjectsV2Paginator(r -> r.bucket("media").prefix("paged/").maxKeys(3))
                .contents().forEach(o -> keys.add(o.key()));
        assertThat(keys).hasSize(7);
    }

    @Test
    void multipartUpload() {
        byte[] part1 = bytes(5 * 1024 * 1024, 5); // S3's minimum size for every part but the last
        byte[] part2 = bytes(1234, 6);
        String id = client.createMultipartUpload(r -> r.bucket("media").key("big.mp4")).uploadId();
        String e1 = client.uploadPart(r -> r.bucket("media").key("big.mp4").uploadId(id).partNumber(1),
                RequestBody.fromBytes(part1)).eTag();
        String e2 = client.uploadPart(r -> r.bucket("media").key("big.mp4").uploadId(id).partNumber(2),
                RequestBody.fromBytes(part2)).eTag();
        client.completeMultipartUpload(r -> r.bucket("media").key("big.mp4").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(),
                CompletedPart.builder().partNumber(2).eTag(e2).build())));
        byte[] got = client.getObjectAsBytes(r -> r.bucket("media").key("big.mp4")).asByteArray();
        byte[] expected = new byte[part1.length + part2.length];
        System.arraycopy(part1, 0, expected, 0, part1.length);
        System.arraycopy(part2, 0, expected, part1.length, part2.length);
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        try (Socket ok = new Socket()) {
            ok.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), s3.port()), 2000);
        }
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
        try (Socket refused = new Socket()) {
            assertThatThrownBy(() -> refused.connect(new InetSocketAddress(external.get(), s3.port()), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void keepsObjectsInADataFolderAcrossRestarts(@TempDir Path dir) {
        try (S3Local first = S3Local.start(dir); S3Client c = first.client()) {
            first.createBucket("kept");
            c.putObject(r -> r.bucket("kept").key("k"), RequestBody.fromString("survives"));
        }
        try (S3Local second = S3Local.start(dir); S3Client c = second.client()) {
            assertThat(c.getObjectAsBytes(r -> r.bucket("kept").key("k")).asUtf8String()).isEqualTo("survives");
        }
    }

    @Test
    void runsInOneJvmWithDynamoDbLocal() {
        try (DynamoDbLocal ddb = DynamoDbLocal.startInMemory(); DynamoDbClient dynamo = ddb.client()) {
            dynamo.createTable(r -> r.tableName("coexist").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            dynamo.putItem(r -> r.tableName("coexist").item(java.util.Map.of("pk", AttributeValue.fromS("a"))));
            client.putObject(r -> r.bucket("media").key("both"), RequestBody.fromString("s3"));
            assertThat(dynamo.getItem(r -> r.tableName("coexist").key(java.util.Map.of("pk", AttributeValue.fromS("a"))))
                    .item()).containsKey("pk");
            assertThat(client.getObjectAsBytes(r -> r.bucket("media").key("both")).asUtf8String()).isEqualTo("s3");
        }
    }

    @Test
    void aRequestNettyCannotParseIsAnswered400AndItsConnectionClosed() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s3.port())) {
            socket.setSoTimeout(60_000); // only so that a server that never answers fails the test instead of hanging it
            String overlongRequestLine = "GET /media/" + "k".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            socket.getOutputStream().write(overlongRequestLine.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII); // to the close
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close");
        }
        assertThat(client.listBuckets().buckets()).isNotEmpty(); // and the server still serves
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
