package io.durablebench.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The server releases every buffer it reads from its connections: S3 traffic (puts of several
 * sizes, gets, a range get, a head, a refused put, a delete, an upload whose client hangs up halfway)
 * under netty's leak detector at PARANOID
 * level (every buffer tracked), then garbage collection until the detector has reported a buffer
 * this test leaks on purpose, and no other leak may have been reported.
 */
class S3LocalBufferLeakTest {
    private static final String CANARY = "s3-local-leak-test-canary";
    private static final int MAX_GC_ROUNDS = 500;

    @Test
    void s3TrafficLeaksNoNettyBuffer() throws Exception {
        ResourceLeakDetector<ByteBuf> detector = byteBufLeakDetector();
        ResourceLeakDetector.Level levelBefore = ResourceLeakDetector.getLevel();
        List<String> leaks = new CopyOnWriteArrayList<>();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        detector.setLeakListener((type, records) -> leaks.add(records));
        try {
            s3Traffic();
            // The server's buffers are garbage now (its connections are closed). A first canary,
            // leaked after them, is found by a garbage collection that also finds them; a second
            // canary, leaked once the first was reported, comes off a later reference list, so
            // when it is reported every leak of the earlier collections has been reported too.
            collectUntilCanaryReported(leaks, 1);
            collectUntilCanaryReported(leaks, 2);
        } finally {
            detector.setLeakListener(null);
            ResourceLeakDetector.setLevel(levelBefore);
        }
        assertThat(leaks.stream().filter(records -> !records.contains(CANARY)))
                .as("netty buffers garbage-collected without release()").isEmpty();
    }

    private static void s3Traffic() throws IOException {
        try (S3Local s3 = S3Local.startInMemory(); S3Client client = s3.client()) {
            s3.createBucket("media");
            for (int size : new int[] {1, 10_000, 300_000, 2_000_000}) {
                byte[] body = bytes(size, size);
                String key = "leak/" + size + ".bin";
                client.putObject(r -> r.bucket("media").key(key), RequestBody.fromBytes(body));
                assertThat(client.getObjectAsBytes(r -> r.bucket("media").key(key)).asByteArray()).isEqualTo(body);
                assertThat(client.headObject(r -> r.bucket("media").key(key)).contentLength()).isEqualTo(size);
            }
            byte[] range = client.getObjectAsBytes(r -> r.bucket("media").key("leak/10000.bin").range("bytes=10-19"))
                    .asByteArray();
            assertThat(range).hasSize(10);
            assertThatThrownBy(() -> client.putObject(r -> r.bucket("no-such-bucket").key("k"),
                    RequestBody.fromBytes(bytes(50_000, 7)))).isInstanceOf(NoSuchBucketException.class);
            client.deleteObject(r -> r.bucket("media").key("leak/1.bin"));
            abandonUploadHalfway(s3.port());
        }
    }

    /**
     * A PUT whose client closes the connection halfway through the body. The server's interim
     * "100 Continue" shows it has decoded the head and begun collecting the body before the close.
     */
    private static void abandonUploadHalfway(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /media/abandoned.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 100");
            out.write(bytes(50_000, 9));
            out.flush();
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    /** Garbage-collects, and allocates (which reports what was collected), until the canary is reported. */
    private static void collectUntilCanaryReported(List<String> leaks, int canary) {
        String hint = CANARY + "-" + canary;
        leakOneBuffer(hint);
        for (int round = 0; round < MAX_GC_ROUNDS; round++) {
            if (leaks.stream().anyMatch(records -> records.contains(hint))) {
                return;
            }
            System.gc();
            ByteBufAllocator.DEFAULT.directBuffer(1).release(); // at PARANOID every allocation reports
        }
        throw new AssertionError("the leak detector did not report " + hint + " after " + MAX_GC_ROUNDS
                + " garbage collections; it cannot vouch for the server either");
    }

    private static void leakOneBuffer(String hint) {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(16);
        buffer.touch(hint);
    }

    /** The detector every netty ByteBuf is tracked by (created when netty's buffers load, so fetched). */
    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> byteBufLeakDetector() throws ReflectiveOperationException {
        Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
        field.setAccessible(true);
        return (ResourceLeakDetector<ByteBuf>) field.get(null);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
