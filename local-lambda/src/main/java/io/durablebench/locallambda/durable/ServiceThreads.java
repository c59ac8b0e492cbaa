package io.durablebench.locallambda.durable;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's threads: one timer thread that only hands due work to a cached worker pool
 * (handler invocations, timer callbacks, chained-invoke dispatches; the asynchronous invocations'
 * attempts have a pair of their own), and the closing flag every collaborator checks before
 * starting new work.
 */
public final class ServiceThreads implements AutoCloseable {
    private final ScheduledExecutorService timerThread;
    private final ExecutorService workers;
    private volatile boolean closing;

    ServiceThreads() {
        this("local-lambda-timers", "local-lambda-worker-");
    }

    /** @param workerPrefix the workers' thread names, each followed by its number */
    public ServiceThreads(String timerName, String workerPrefix) {
        this.timerThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, timerName));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, workerPrefix + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    Future<?> submit(Runnable task) {
        return workers.submit(task);
    }

    /** Runs {@code task} on a worker after {@code delayMillis}. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return timerThread.schedule(() -> workers.submit(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    public boolean closing() {
        return closing;
    }

    @Override
    public void close() {
        closing = true;
        timerThread.shutdownNow();
        workers.shutdownNow();
    }
}
