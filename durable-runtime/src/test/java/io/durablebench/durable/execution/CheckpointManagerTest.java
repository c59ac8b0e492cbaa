package io.durablebench.durable.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.exception.CheckpointException;
import io.durablebench.durable.exception.PayloadTooLargeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;
import software.amazon.awssdk.services.lambda.model.WaitDetails;
import software.amazon.awssdk.services.lambda.model.WaitOptions;

/** Checkpoint calls against an in-memory service: tokens, batching, limits, paging, polling, failures. */
class CheckpointManagerTest {
    private final FakeDurableService service = new FakeDurableService("\"in\"");

    private InvocationRuntime runtime(UnaryOperator<DurableConfig.Builder> config) {
        DurableConfig c = config.apply(DurableConfig.builder().durableExecutionClient(service)).build();
        InvocationRuntime r = new InvocationRuntime(service, service.event(), c);
        r.loadRemainingPages(null);
        r.start();
        return r;
    }

    /** Runs {@code body} as the invocation's handler thread and returns how the invocation ended. */
    private static Outcome run(InvocationRuntime runtime, Runnable body) {
        runtime.startThread(() -> {
            body.run();
            runtime.finish(new Outcome.Succeeded("done"));
        });
        Outcome o = runtime.awaitOutcome();
        runtime.close();
        return o;
    }

    static OperationUpdate start(String id) {
        return OperationUpdate.builder().id(id).name(id).type(OperationType.STEP).subType("Step")
                .action(OperationAction.START).build();
    }

    static OperationUpdate succeed(String id, String payload) {
        return OperationUpdate.builder().id(id).name(id).type(OperationType.STEP).subType("Step")
                .action(OperationAction.SUCCEED).payload(payload).build();
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within the guard time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /**
     * Runs the invocation with a first update in a call the service holds (sent by a thread of its
     * own), {@code queue} queueing more meanwhile, then lets the service answer and waits for every
     * update to be acknowledged.
     */
    private Outcome behindAHeldCall(InvocationRuntime runtime, Runnable queue) {
        service.hold();
        return run(runtime, () -> {
            runtime.startThread(() -> runtime.checkpoint(start("first")));
            eventually(service::callHeld);
            queue.run();
            service.releaseAll();
            runtime.flush();
        });
    }

    private static List<Integer> sizes(List<FakeDurableService.Call> calls) {
        return calls.stream().map(c -> c.updates().size()).toList();
    }

    @Test
    void everyCallCarriesTheTokenTheLastAnswerGave() {
        InvocationRuntime runtime = runtime(b -> b);
        Outcome o = run(runtime, () -> {
            for (int i = 0; i < 3; i++) {
                runtime.checkpoint(succeed("s" + i, "" + i));
            }
        });
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(service.calls()).extracting(FakeDurableService.Call::token).containsExactly("t0", "t1", "t2");
        assertThat(runtime.operation("s2").status()).as("the answer is merged into the log")
                .isEqualTo(OperationStatus.SUCCEEDED);
    }

    @Test
    void updatesThreadsWaitForWhileACallIsInFlightShareTheNextCall() {
        InvocationRuntime runtime = runtime(b -> b);
        java.util.Set<String> updateThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Outcome o = behindAHeldCall(runtime, () -> {
            for (int i = 0; i < 10; i++) {
                String id = "s" + i;
                runtime.startThread(() -> {
                    updateThreads.add(Thread.currentThread().getName());
                    runtime.checkpoint(succeed(id, "1"));
                });
            }
            eventually(() -> runtime.queuedUpdates() == 10);
        });
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(sizes(service.calls())).containsExactly(1, 10);
        assertThat(service.mostInFlight()).as("one call at a time").isEqualTo(1);
        assertThat(service.calls().get(0).thread()).as("the first caller sends its own update").startsWith("durable-")
                .isNotEqualTo("durable-checkpoint");
        // what queued behind it goes with the sender thread, or with the root thread flushing at the
        // invocation's end, whichever gets there first; never with a thread waiting for its own update
        assertThat(service.calls().get(1).thread()).as("the call of what queued behind the held one")
                .isNotIn(updateThreads);
    }

    @Test
    void aStepsStartTravelsWithItsSucceedInOneCallMadeByTheStepsThread() {
        InvocationRuntime runtime = runtime(b -> b);
        String[] thread = new String[1];
        run(runtime, () -> {
            thread[0] = Thread.currentThread().getName();
            runtime.enqueue(start("s"));
            runtime.checkpoint(succeed("s", "42"));
        });
        assertThat(service.calls()).singleElement().satisfies(c -> {
            assertThat(c.updates()).extracting(OperationUpdate::actionAsString).containsExactly("START", "SUCCEED");
            assertThat(c.thread()).isEqualTo(thread[0]);
        });
    }

    @Test
    void withAGatheringDelayTheSenderThreadSendsOnceTheQueueIsDue() {
        InvocationRuntime runtime = runtime(b -> b.checkpointDelay(Duration.ofMillis(20)));
        Outcome o = run(runtime, () -> {
            runtime.enqueue(start("a"));
            runtime.checkpoint(succeed("a", "1"));
        });
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(service.calls()).singleElement().satisfies(c -> {
            assertThat(c.updates()).hasSize(2);
            assertThat(c.thread()).isEqualTo("durable-checkpoint");
        });
    }

    @Test
    void anUpdateNobodyWaitsForStillGoesOutWhileTheThreadIsBusy() {
        InvocationRuntime runtime = runtime(b -> b);
        Outcome o = run(runtime, () -> {
            runtime.enqueue(start("long-step"));
            eventually(() -> !service.calls().isEmpty()); // a busy step body: the START goes on its own
        });
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(service.calls()).singleElement().satisfies(c -> assertThat(c.thread()).isEqualTo("durable-checkpoint"));
    }

    @Test
    void aCallCarriesAtMostTheConfiguredNumberOfUpdates() {
        InvocationRuntime runtime = runtime(b -> b.maxUpdatesPerCheckpoint(3));
        behindAHeldCall(runtime, () -> {
            for (int i = 0; i < 7; i++) {
                runtime.enqueue(start("s" + i));
            }
        });
        assertThat(sizes(service.calls())).containsExactly(1, 3, 3, 1);
        assertThat(service.calls().stream().flatMap(c -> c.updates().stream()).map(OperationUpdate::id))
                .as("in the order they were queued")
                .containsExactly("first", "s0", "s1", "s2", "s3", "s4", "s5", "s6");
    }

    @Test
    void aCallCarriesAtMost750KilobytesOfPayloads() {
        InvocationRuntime runtime = runtime(b -> b);
        String payload = "x".repeat(200_000);
        behindAHeldCall(runtime, () -> {
            for (int i = 0; i < 5; i++) {
                runtime.enqueue(succeed("s" + i, payload));
            }
        });
        assertThat(sizes(service.calls())).containsExactly(1, 3, 2);
        for (FakeDurableService.Call call : service.calls()) {
            assertThat(call.updates().stream().mapToLong(u -> u.payload() == null ? 0 : u.payload().length()).sum())
                    .isLessThanOrEqualTo(750 * 1024);
        }
    }

    @Test
    void aPayloadOver256KilobytesIsRefusedBeforeAnythingIsSent() {
        InvocationRuntime runtime = runtime(b -> b);
        List<Throwable> refused = new ArrayList<>();
        Outcome o = run(runtime, () -> {
            try {
                runtime.checkpoint(succeed("big", "x".repeat(262_145)));
            } catch (PayloadTooLargeException e) {
                refused.add(e);
            }
            runtime.checkpoint(succeed("limit", "x".repeat(262_144)));
        });
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(refused).singleElement().extracting(Throwable::getMessage).asString().contains("262145 bytes");
        assertThat(service.calls()).singleElement().satisfies(c ->
                assertThat(c.updates()).extracting(OperationUpdate::id).containsExactly("limit"));
    }

    @Test
    void aStaleTokenEndsTheInvocationForLambdaToRetryAndAClientErrorFailsTheExecution() {
        CheckpointException stale = new CheckpointException("Invalid Checkpoint Token", true, null);
        service.failNextCall(stale);
        InvocationRuntime first = runtime(b -> b);
        assertThat(run(first, () -> first.checkpoint(start("a")))).isInstanceOfSatisfying(Outcome.Retry.class,
                r -> assertThat(r.cause()).isSameAs(stale));
        assertThat(service.operation("a")).as("the refused call changed nothing").isNull();

        FakeDurableService other = new FakeDurableService("\"in\"");
        other.failNextCall(new CheckpointException("KMSAccessDeniedException", false, null));
        InvocationRuntime second = new InvocationRuntime(other, other.event(),
                DurableConfig.builder().durableExecutionClient(other).build());
        second.start();
        assertThat(run(second, () -> second.checkpoint(start("a")))).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.error().errorType()).isEqualTo("CheckpointFailed"));
    }

    @Test
    void aPagedAnswerIsReadWholeWithTheNewTokenBeforeTheUpdatesAreAcknowledged() {
        service.pageSize(1);
        service.hold();
        InvocationRuntime runtime = runtime(b -> b);
        List<Operation> seen = new ArrayList<>();
        run(runtime, () -> {
            runtime.enqueue(start("first"));
            eventually(service::callHeld);
            runtime.enqueue(start("a"));
            runtime.enqueue(start("b"));
            runtime.enqueue(start("c"));
            service.releaseAll();
            runtime.flush();
            for (String id : List.of("a", "b", "c")) {
                seen.add(runtime.operation(id));
            }
        });
        assertThat(seen).allSatisfy(op -> assertThat(op).isNotNull());
        assertThat(service.stateCallTokens()).as("pages of the second call, read with the token it returned")
                .containsExactly("t2", "t2");
    }

    @Test
    void whileAnotherThreadRunsAWaitingThreadLearnsOfTheServicesChangeByPolling() throws Exception {
        InvocationRuntime runtime = runtime(b -> b);
        CountDownLatch waitFinished = new CountDownLatch(1);
        Outcome o = run(runtime, () -> {
            runtime.startThread(() -> {
                try {
                    waitFinished.await(); // a busy thread: the invocation must not suspend
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            runtime.checkpoint(OperationUpdate.builder().id("w").name("w").type(OperationType.WAIT).subType("Wait")
                    .action(OperationAction.START).waitOptions(WaitOptions.builder().waitSeconds(1).build()).build());
            Instant due = Instant.now();
            service.changeOutside(service.operation("w").toBuilder().status(OperationStatus.SUCCEEDED)
                    .waitDetails(WaitDetails.builder().scheduledEndTimestamp(due).build()).build());
            runtime.awaitOperation("w", op -> op.status() == OperationStatus.SUCCEEDED, due);
            waitFinished.countDown();
        });
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(service.calls()).extracting(c -> c.updates().size()).containsExactly(1, 0);
        assertThat(runtime.metrics().pollCalls()).isEqualTo(1);
        assertThat(waitFinished.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aThreadWaitingForTheServiceAloneSuspendsOnlyAfterTheQueueIsSent() {
        InvocationRuntime runtime = runtime(b -> b);
        Outcome o = run(runtime, () -> {
            runtime.enqueue(start("s"));
            runtime.awaitOperation("timer", op -> op != null && op.status() == OperationStatus.SUCCEEDED, null);
        });
        assertThat(o).isInstanceOf(Outcome.Pending.class);
        assertThat(service.operation("s").status()).isEqualTo(OperationStatus.STARTED);
    }

    @Test
    void updatesOfAClosedContextAreDroppedNotSent() {
        InvocationRuntime runtime = runtime(b -> b);
        run(runtime, () -> {
            runtime.registerContext("item", "map");
            runtime.closeContexts(List.of("map"));
            assertThat(runtime.enqueue(OperationUpdate.builder().id("inner").parentId("item").type(OperationType.STEP)
                    .action(OperationAction.START).build())).isDone();
            runtime.checkpoint(start("outside"));
        });
        assertThat(service.calls()).flatExtracting(FakeDurableService.Call::updates).extracting(OperationUpdate::id)
                .containsExactly("outside");
    }

    @Test
    void theCountersAgreeWithWhatTheServiceReceived() {
        InvocationRuntime runtime = runtime(b -> b);
        run(runtime, () -> {
            runtime.enqueue(start("a"));
            runtime.checkpoint(succeed("a", "\"héllo\""));
            runtime.checkpoint(succeed("b", "12"));
        });
        var m = runtime.metrics();
        List<FakeDurableService.Call> calls = service.calls();
        assertThat(m.checkpointCalls()).isEqualTo(calls.size());
        assertThat(m.operationUpdates()).isEqualTo(calls.stream().mapToLong(c -> c.updates().size()).sum());
        assertThat(m.checkpointBytes()).as("\"héllo\" is 8 bytes, 12 is 2").isEqualTo(8 + 2);
        assertThat(m.pollCalls()).isZero();
    }
}
