package io.durablebench.durable.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for child processes that must be told theirs before they start (they cannot report port 0's choice). */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /** A port free on 127.0.0.1 at the moment of asking. */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
