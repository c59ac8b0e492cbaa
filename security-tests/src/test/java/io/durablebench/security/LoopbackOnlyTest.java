package io.durablebench.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.local.LocalAws;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.local.wire.WireCounter;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local services listen on loopback only: local-lambda, DynamoDB Local, the local S3, the
 * counting proxy and this module's recording proxy. For each, the kernel's table of listening sockets must show 127.0.0.1 (or ::1)
 * for its port and nothing else, a connection to 127.0.0.1 must work, and a connection to every
 * non-loopback address of this machine must be refused.
 */
class LoopbackOnlyTest {

    @Test
    void everyLocalServiceListensOnLoopbackOnly() throws Exception {
        Path template = SamTemplate.locate(Path.of(""));
        try (LocalAws aws = LocalAws.start(template);
             WireCounter proxy = WireCounter.in(aws.s3().endpoint());
             RecordingProxy recorder = new RecordingProxy(aws.dynamoDb().endpoint());
             LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(template).port(0).build())) {
            Map<String, URI> services = new LinkedHashMap<>();
            services.put("DynamoDB Local", aws.dynamoDb().endpoint());
            services.put("local S3", aws.s3().endpoint());
            services.put("wire counter", proxy.endpoint());
            services.put("recording proxy (security-tests)", recorder.endpoint());
            services.put("local-lambda", lambda.endpoint());
            List<InetAddress> external = nonLoopbackAddresses();
            System.out.println("non-loopback addresses of this machine: " + external);
            for (Map.Entry<String, URI> s : services.entrySet()) {
                int port = s.getValue().getPort();
                assertThat(s.getValue().getHost()).as(s.getKey()).isEqualTo("127.0.0.1");
                assertThat(connects(InetAddress.getByName("127.0.0.1"), port)).as(s.getKey() + " on 127.0.0.1").isTrue();
                List<String> listening = listeningAddresses(port);
                if (listening != null) {
                    assertThat(listening).as(s.getKey() + ": addresses listening on port " + port).isNotEmpty()
                            .allMatch(a -> a.equals("127.0.0.1") || a.equals("::1") || a.equals("::ffff:127.0.0.1"));
                }
                for (InetAddress a : external) {
                    assertThat(connects(a, port)).as(s.getKey() + " must not answer on " + a.getHostAddress()).isFalse();
                }
                System.out.println(s.getKey() + " port " + port + " listening on " + listening);
            }
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                // link-local IPv6 addresses need a scope to connect to; the IPv4/global ones suffice
                if (!a.isLoopbackAddress() && !(a instanceof Inet6Address && a.isLinkLocalAddress())) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /**
     * Local addresses of the sockets in LISTEN state on {@code port}, from Linux's /proc/net/tcp and
     * tcp6; null where those files do not exist (the connection checks still run).
     */
    static List<String> listeningAddresses(int port) throws IOException {
        Path v4 = Path.of("/proc/net/tcp");
        Path v6 = Path.of("/proc/net/tcp6");
        if (!Files.exists(v4)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Path p : List.of(v4, v6)) {
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (f[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
                    out.add(decode(local[0]));
                }
            }
        }
        return out;
    }

    /** /proc/net/tcp writes addresses as 32-bit words in host (little-endian) order. */
    private static String decode(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int w = 0; w < b.length; w += 4) {
            for (int i = 0; i < 4; i++) {
                b[w + i] = (byte) Integer.parseInt(hex.substring((w + 3 - i) * 2, (w + 4 - i) * 2), 16);
            }
        }
        try {
            String s = InetAddress.getByAddress(b).getHostAddress().toLowerCase(Locale.ROOT);
            if (b.length == 16) {
                boolean mapped = true;
                for (int i = 0; i < 10; i++) {
                    mapped &= b[i] == 0;
                }
                mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
                if (mapped) {
                    return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
                }
                if (s.equals("0:0:0:0:0:0:0:1")) {
                    return "::1";
                }
            }
            return s;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
