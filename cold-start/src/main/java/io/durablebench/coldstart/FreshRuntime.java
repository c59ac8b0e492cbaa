package io.durablebench.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One cold start: a fresh JVM running a function's {@code sam build} package under AWS's runtime
 * interface client, the way Lambda's Java runtime starts it ({@code -cp runtime-lib/*:task:task/lib/*
 * com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>}), driven through
 * {@link RuntimeApiServer}. Measured:
 *
 * <ul>
 *   <li><b>init</b>: from starting the process to its first {@code GET next} (JVM start, the
 *       runtime client, loading and constructing the handler: what Lambda reports as Init Duration);</li>
 *   <li><b>first invoke</b>: from handing it the event to its answer;</li>
 *   <li><b>classes</b> loaded after init and after the first invoke: the lines of the JVM's
 *       {@code -Xlog:class+load} file, read while the runtime is blocked in {@code GET next}.</li>
 * </ul>
 */
final class FreshRuntime {
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Duration INIT_LIMIT = Duration.ofSeconds(60);
    /** org.crac's property naming the CRaC implementation to hand hooks to, and the runtime client's own. */
    static final String CRAC_COMPAT = "org.crac.Core.Compat";
    static final String LAMBDA_CRAC = "com.amazonaws.services.lambda.crac";

    /**
     * @param taskRoot   the function's package ({@code .aws-sam/build/<LogicalId>}: classes and lib/*.jar)
     * @param handler    as in the template ({@code package.Class::method})
     * @param env        the function's environment (the runtime API address is added)
     * @param jvmFlags   flags before the class path
     * @param runtimeLib the runtime interface client's jars
     * @param snapStart  init as Lambda does for a SnapStart version: the runtime client runs the
     *                   before-checkpoint hooks (org.crac routed to its CRaC context, as on Lambda), asks
     *                   for the restore, runs the after-restore hooks; the snapshot itself is not taken
     */
    record Launch(Path taskRoot, String handler, Map<String, String> env, List<String> jvmFlags, Path runtimeLib,
                  boolean snapStart) {
    }

    /**
     * One cold start's numbers; {@code answer} is what the first invocation returned or reported.
     * With SnapStart, {@code initMs} ends where the snapshot would be taken (hooks included) and
     * {@code restoreMs} runs from the restore to the runtime's first {@code GET next} (after-restore
     * hooks); without, {@code restoreMs} is 0.
     */
    record Measurement(double initMs, double restoreMs, double firstInvokeMs, long classesAfterInit,
                       long classesAfterInvoke, RuntimeApiServer.Answer answer) {
        /** What a caller waits for at this cold start (with SnapStart: not counting the snapshot's own restore). */
        double coldStartMs() {
            return restoreMs + firstInvokeMs;
        }
    }

    private FreshRuntime() {
    }

    static Measurement run(Launch launch, RuntimeApiServer.Event event, Duration invokeLimit) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("cold-start-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path classLog = scratch.resolve("classes.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmFlags());
        if (launch.snapStart()) {
            command.add("-D" + CRAC_COMPAT + "=" + LAMBDA_CRAC);
        }
        command.add("-Xlog:class+load=info:file=" + classLog + ":none");
        command.add("-cp");
        command.add(launch.runtimeLib() + "/*:" + launch.taskRoot() + ":" + launch.taskRoot() + "/lib/*");
        command.add(RIC_MAIN);
        command.add(launch.handler());
        try (RuntimeApiServer api = RuntimeApiServer.start()) {
            ProcessBuilder pb = new ProcessBuilder(command).directory(launch.taskRoot().toFile())
                    .redirectOutput(scratch.resolve("stdout.log").toFile())
                    .redirectError(scratch.resolve("stderr.log").toFile());
            pb.environment().clear();
            pb.environment().putAll(launch.env());
            pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            pb.environment().put("_HANDLER", launch.handler());
            pb.environment().put("LAMBDA_TASK_ROOT", launch.taskRoot().toString());
            pb.environment().put("LAMBDA_RUNTIME_DIR", launch.runtimeLib().toString());
            if (launch.snapStart()) {
                pb.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            }
            long started = System.nanoTime();
            Process process = pb.start();
            try {
                double initMs;
                double restoreMs = 0;
                long classesAfterInit;
                if (launch.snapStart()) {
                    Long snapshot = awaitSnapshotPoint(api, process, INIT_LIMIT, scratch);
                    initMs = (snapshot - started) / 1e6;
                    classesAfterInit = lines(classLog);
                    long restored = System.nanoTime();
                    api.restore();
                    restoreMs = (awaitNext(api, process, INIT_LIMIT, scratch) - restored) / 1e6;
                } else {
                    initMs = (awaitNext(api, process, INIT_LIMIT, scratch) - started) / 1e6;
                    classesAfterInit = lines(classLog);
                }
                api.offer(event);
                RuntimeApiServer.Answer answer = api.awaitAnswer(invokeLimit);
                if (answer == null) {
                    throw new IllegalStateException("no answer within " + invokeLimit + "; see " + scratch);
                }
                double invokeMs = (answer.arrivedNanos() - api.eventSentNanos()) / 1e6;
                awaitNext(api, process, INIT_LIMIT, scratch);
                long classesAfterInvoke = lines(classLog);
                return new Measurement(initMs, restoreMs, invokeMs, classesAfterInit, classesAfterInvoke, answer);
            } finally {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            keepLogs(scratch, launch);
            deleteQuietly(scratch);
        }
    }

    /** With {@code -Dcold-start.logs=<folder>}: the runtime's stdout, stderr and class-load log are kept there. */
    private static void keepLogs(Path scratch, Launch launch) {
        String keep = System.getProperty("cold-start.logs");
        if (keep == null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of(keep)).resolve(launch.taskRoot().getFileName() + "-"
                    + System.nanoTime());
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        } catch (IOException e) {
            System.err.println("cold-start: logs not kept: " + e.getMessage());
        }
    }

    /** A poll of the runtime API with a timeout: when a request arrived, or null. */
    private interface Arrival {
        Long poll(Duration timeout) throws InterruptedException;
    }

    private static Long awaitNext(RuntimeApiServer api, Process process, Duration limit, Path scratch)
            throws InterruptedException {
        return await(api::awaitNext, "ask for an event", api, process, limit, scratch);
    }

    private static Long awaitSnapshotPoint(RuntimeApiServer api, Process process, Duration limit, Path scratch)
            throws InterruptedException {
        return await(api::awaitSnapshotPoint, "ask for its restore (is AWS_LAMBDA_INITIALIZATION_TYPE honoured?)", api,
                process, limit, scratch);
    }

    /** Waits for the runtime's request, failing early when it reports an init error or exits. */
    private static Long await(Arrival arrival, String what, RuntimeApiServer api, Process process, Duration limit,
                              Path scratch) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Long at = arrival.poll(Duration.ofMillis(2));
            RuntimeApiServer.Answer failed = api.initError();
            if (failed != null) {
                throw new IllegalStateException("the runtime reported an init error: " + failed.text());
            }
            if (at != null) {
                return at;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the runtime exited with " + process.exitValue() + ": "
                        + tail(scratch.resolve("stdout.log")) + tail(scratch.resolve("stderr.log")));
            }
        }
        throw new IllegalStateException("the runtime did not " + what + " within " + limit);
    }

    private static long lines(Path file) {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
