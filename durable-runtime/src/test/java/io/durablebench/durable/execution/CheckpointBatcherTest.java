package io.durablebench.durable.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.durable.exception.PayloadTooLargeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/** How the queue is cut into checkpoint calls, with times given explicitly. */
class CheckpointBatcherTest {
    static OperationUpdate update(String id, String payload) {
        return OperationUpdate.builder().id(id).name("op-" + id).type(OperationType.STEP).subType("Step")
                .action(OperationAction.SUCCEED).payload(payload).build();
    }

    static List<List<String>> drain(CheckpointBatcher b) {
        List<List<String>> calls = new ArrayList<>();
        while (!b.isEmpty()) {
            calls.add(b.take(0).stream().map(q -> q.update().id()).toList());
        }
        return calls;
    }

    static void add(CheckpointBatcher b, OperationUpdate u) {
        b.add(u, CheckpointBatcher.checkedBytes(u), 0);
    }

    @Test
    void callsKeepTheOrderAndCarryAtMostTheConfiguredCount() {
        CheckpointBatcher b = new CheckpointBatcher(2, 750 * 1024, Duration.ZERO);
        for (String id : List.of("a", "b", "c", "d", "e")) {
            add(b, update(id, "1"));
        }
        assertThat(drain(b)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
    }

    @Test
    void aCallCarriesAtMost750KilobytesOfPayloads() {
        CheckpointBatcher b = new CheckpointBatcher(200, 750 * 1024, Duration.ZERO);
        String payload = "x".repeat(200_000); // 3 fit in 768,000 bytes, 4 do not
        for (int i = 0; i < 7; i++) {
            add(b, update("u" + i, payload));
        }
        assertThat(drain(b)).extracting(List::size).containsExactly(3, 3, 1);
    }

    @Test
    void anUpdateHeavierThanTheCallLimitStillGoesAlone() {
        CheckpointBatcher b = new CheckpointBatcher(200, 1_000, Duration.ZERO);
        add(b, update("small", "x".repeat(10)));
        add(b, update("big", "x".repeat(5_000)));
        add(b, update("after", "x".repeat(10)));
        assertThat(drain(b)).containsExactly(List.of("small"), List.of("big"), List.of("after"));
    }

    @Test
    void errorsWeighTheirTypeMessageAndDataInUtf8() {
        OperationUpdate failed = OperationUpdate.builder().id("f").type(OperationType.STEP).action(OperationAction.FAIL)
                .error(ErrorObject.builder().errorType("T").errorMessage("ééé").errorData("{}").build()).build();
        assertThat(CheckpointBatcher.checkedBytes(failed)).isEqualTo(1 + 6 + 2);
    }

    @Test
    void aPayloadOverTheServicesOperationLimitIsRefusedInBytesNotCharacters() {
        assertThat(CheckpointBatcher.checkedBytes(update("ok", "x".repeat(262_144)))).isEqualTo(262_144);
        // 131,073 two-byte characters: under the limit in characters, 262,146 bytes in UTF-8
        assertThatThrownBy(() -> CheckpointBatcher.checkedBytes(update("big", "é".repeat(131_073))))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("\"op-big\" (big)").hasMessageContaining("262146 bytes")
                .hasMessageContaining("at most 262144");
    }

    @Test
    void anUpdateSomeoneWaitsForIsDueAtOnceOrAfterTheGatheringDelay() {
        CheckpointBatcher now = new CheckpointBatcher(200, 750 * 1024, Duration.ZERO);
        now.awaited(now.add(update("a", "1"), 1, 1_000), 1_000);
        assertThat(now.dueAtNanos(false)).isEqualTo(1_000);

        CheckpointBatcher gathering = new CheckpointBatcher(1, 750 * 1024, Duration.ofMillis(5));
        assertThat(gathering.dueAtNanos(false)).isEqualTo(Long.MAX_VALUE);
        gathering.awaited(gathering.add(update("a", "1"), 1, 1_000), 1_000);
        gathering.awaited(gathering.add(update("b", "1"), 1, 4_000_000), 4_000_000);
        assertThat(gathering.dueAtNanos(false)).as("a later update does not postpone the call").isEqualTo(1_000 + 5_000_000);
        gathering.take(6_000_000);
        assertThat(gathering.dueAtNanos(false)).as("what stays behind waits a full delay from the call")
                .isEqualTo(6_000_000 + 5_000_000);
        gathering.take(11_000_000);
        assertThat(gathering.dueAtNanos(false)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anUpdateNobodyWaitsForWaitsForCompanyButNotLongerThanTheDeferralBound() {
        long second = 1_000_000_000L;
        CheckpointBatcher b = new CheckpointBatcher(200, 750 * 1024, Duration.ZERO);
        CheckpointBatcher.QueuedUpdate start = b.add(update("s", null), 0, 10 * second);
        assertThat(b.dueAtNanos(false)).as("held back, at most one second").isEqualTo(11 * second);
        assertThat(b.dueAtNanos(true)).as("every thread waits: nothing else will send it").isEqualTo(10 * second);
        b.awaited(b.add(update("s", "42"), 2, 10 * second + 300), 10 * second + 300);
        assertThat(b.dueAtNanos(false)).as("the step's SUCCEED takes its START along").isEqualTo(10 * second + 300);
        assertThat(b.take(10 * second + 400)).extracting(CheckpointBatcher.QueuedUpdate::update)
                .containsExactly(start.update(), update("s", "42"));
    }

    @Test
    void aFlushMakesEveryQueuedUpdateWaitedFor() {
        CheckpointBatcher b = new CheckpointBatcher(200, 750 * 1024, Duration.ZERO);
        b.add(update("a", null), 0, 100);
        b.awaitAll(500);
        assertThat(b.dueAtNanos(false)).isEqualTo(500);
    }
}
