package io.durablebench.locallambda;

/**
 * Thrown by a hosted handler to play its process exiting mid-invocation (what {@code System.exit}
 * or a crash does on Lambda): the invocation fails with {@code Runtime.ExitError}, as Lambda
 * reports it, and the handler instance is discarded with its dead "environment". Tests use it to
 * interrupt a handler at a chosen point without killing the whole service.
 */
public class ProcessExit extends Error {
    public ProcessExit(String why) {
        super(why);
    }
}
