package io.durablebench.durable.execution;

import io.durablebench.durable.exception.DurableOperationException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.ErrorObject;

/** Turns thrown exceptions into the service's error objects and back into messages. */
public final class Errors {
    /** The service refuses errors over 32 KiB; keep well under it. */
    static final int MAX_MESSAGE_CHARS = 8 * 1024;
    static final int MAX_STACK_FRAMES = 20;

    private Errors() {
    }

    /**
     * The error checkpointed for {@code t}. A durable operation's failure keeps the error type and
     * message it was recorded with, so the root cause (the user's exception class) survives being
     * rethrown through child contexts, maps and the handler.
     */
    public static ErrorObject of(Throwable t) {
        String type = t.getClass().getName();
        String message = t.getMessage();
        if (t instanceof DurableOperationException d && d.getErrorType() != null) {
            type = d.getErrorType();
            message = rootMessage(d);
        }
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            if (frames.size() == MAX_STACK_FRAMES) {
                break;
            }
            frames.add(e.getClassName() + "|" + e.getMethodName() + "|" + e.getFileName() + "|" + e.getLineNumber());
        }
        return ErrorObject.builder().errorType(type).errorMessage(truncate(message == null ? type : message))
                .stackTrace(frames).build();
    }

    /** An error built by the runtime itself (no user exception behind it). */
    public static ErrorObject of(String type, String message) {
        return ErrorObject.builder().errorType(type).errorMessage(truncate(message)).build();
    }

    public static String describe(ErrorObject error) {
        if (error == null) {
            return "unknown error";
        }
        return (error.errorType() == null ? "Error" : error.errorType()) + ": " + error.errorMessage();
    }

    /** The message a failed durable operation was recorded with (without our "step X failed:" prefixes). */
    private static String rootMessage(DurableOperationException d) {
        String m = d.getMessage();
        int i = m == null ? -1 : m.indexOf(" failed: " + d.getErrorType() + ": ");
        return i < 0 ? m : m.substring(i + (" failed: " + d.getErrorType() + ": ").length());
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "... (truncated)";
    }
}
