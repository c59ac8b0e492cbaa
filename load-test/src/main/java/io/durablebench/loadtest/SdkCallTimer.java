package io.durablebench.loadtest;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every AWS SDK call in this JVM while a breakdown is being recorded: the SDK loads it into
 * every client as a global interceptor (listed in {@code software/amazon/awssdk/global/handlers/execution.interceptors}),
 * so on the embedded target it sees the driver's invokes, the functions' DynamoDB and S3 calls and
 * the durable runtime's checkpoint calls alike, without a change to any function. Off (one volatile
 * read per hook) unless {@link #record} turned it on.
 *
 * <p>Each call: started (the SDK's first hook), request sent (after marshalling, signing and the
 * other interceptors), response received (the HTTP response's headers read), ended (unmarshalled).
 */
public final class SdkCallTimer implements ExecutionInterceptor {
    /** Set on the driver's own client (HarnessClients), so its calls are told apart from the functions'. */
    static final ExecutionAttribute<Boolean> HARNESS = new ExecutionAttribute<>("load-test.harness");
    private static final ExecutionAttribute<long[]> TIMES = new ExecutionAttribute<>("load-test.sdk-call-times");

    private static volatile List<Call> recording;

    /** One SDK call, System.nanoTime() at each point. */
    record Call(String service, String operation, boolean harness, String thread, long started, long sent,
                long received, long ended, boolean failed) {
        double ms() {
            return (ended - started) / 1e6;
        }
    }

    /** Starts recording calls (dropping any recorded before). */
    static void record() {
        recording = new ArrayList<>();
    }

    /** Stops recording and returns the calls recorded since {@link #record}. */
    static List<Call> stop() {
        List<Call> r = recording;
        recording = null;
        if (r == null) {
            return List.of();
        }
        synchronized (r) {
            return List.copyOf(r);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (recording != null) {
            long[] t = new long[3];
            t[0] = System.nanoTime();
            attributes.putAttribute(TIMES, t);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        long[] t = attributes.getAttribute(TIMES);
        if (t != null) {
            t[1] = System.nanoTime(); // the last attempt's, when the SDK retries
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        long[] t = attributes.getAttribute(TIMES);
        if (t != null) {
            t[2] = System.nanoTime();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        end(attributes, false);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        end(attributes, true);
    }

    private static void end(ExecutionAttributes attributes, boolean failed) {
        long ended = System.nanoTime();
        long[] t = attributes.getAttribute(TIMES);
        List<Call> r = recording;
        if (t == null || r == null) {
            return;
        }
        Call c = new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                Boolean.TRUE.equals(attributes.getAttribute(HARNESS)), Thread.currentThread().getName(), t[0],
                t[1] == 0 ? t[0] : t[1], t[2] == 0 ? ended : t[2], ended, failed);
        synchronized (r) {
            r.add(c);
        }
    }
}
