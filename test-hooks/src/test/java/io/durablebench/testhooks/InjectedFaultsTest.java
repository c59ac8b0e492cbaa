package io.durablebench.testhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.video.media.ChunkPlan;
import io.durablebench.video.media.EncodeSettings;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.InjectedCrash;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobStage;
import io.durablebench.video.pipeline.TransientChunkFailure;
import io.durablebench.video.pipeline.VideoTestHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hooks a test bed's function gets with TEST_HOOKS=on (found through ServiceLoader on this class path). */
class InjectedFaultsTest {
    static final VideoTestHooks ON = VideoTestHooks.fromEnvironment(new FunctionEnvironment(Map.of("TEST_HOOKS", "on")));

    static JobHooks hooks(String faults, boolean crashRecovery) {
        return ON.forJob(StrictJson.parse(faults), "faults", "job-1", crashRecovery);
    }

    static ChunkTask chunk(int index) {
        return new ChunkTask("job-1", "b", new ChunkPlan(index, 0, 1, 0), "s", "c", new EncodeSettings(16, 16, 26, 1, 0),
                null);
    }

    /** Records what the function's store was asked, answering "first time" as told. */
    static final class RecordingMarker implements JobHooks.Marker {
        final List<String> points = new ArrayList<>();
        final boolean first;

        RecordingMarker(boolean first) {
            this.first = first;
        }

        @Override
        public synchronized boolean firstTime(String point, Runnable beforeRecording) {
            beforeRecording.run();
            points.add(point);
            return first;
        }
    }

    @Test
    void everyAttemptFailsAtProbabilityOneAndNoneAtZero() {
        JobHooks always = hooks("{\"chunkFailureProbability\":1}", true);
        JobHooks never = hooks("{\"chunkFailureProbability\":0,\"seed\":3}", true);
        for (int attempt = 1; attempt <= 8; attempt++) {
            int a = attempt;
            assertThatThrownBy(() -> always.beforeChunkStored(chunk(2), a)).isInstanceOf(TransientChunkFailure.class)
                    .hasMessageContaining("chunk 2, attempt " + a);
            never.beforeChunkStored(chunk(2), a);
        }
    }

    @Test
    void crashesAtItsStageOnlyAndOnlyWhenTheStoreSaysFirstTime() {
        JobHooks hooks = hooks("{\"crashPoint\":\"after-split\"}", true);
        RecordingMarker first = new RecordingMarker(true);
        hooks.stageDone(JobStage.VALIDATE, first);
        assertThat(first.points).as("no record for a point the job does not crash at").isEmpty();
        assertThatThrownBy(() -> hooks.stageDone(JobStage.SPLIT, first)).isInstanceOf(InjectedCrash.class)
                .hasMessage("injected crash at after-split of job job-1");
        assertThat(first.points).containsExactly("after-split");
        RecordingMarker replayed = new RecordingMarker(false);
        hooks.stageDone(JobStage.SPLIT, replayed); // recorded before: the resumed job goes on
        assertThat(replayed.points).containsExactly("after-split");
    }

    @Test
    void crashesMidCompensationOnlyWhereTheJobCompensatesAndOnlyTheFirstTime() {
        JobHooks hooks = hooks("{\"chunkFailureProbability\":1,\"crashPoint\":\"mid-compensation\"}", true);
        RecordingMarker first = new RecordingMarker(true);
        for (JobStage stage : JobStage.values()) {
            hooks.stageDone(stage, first);
        }
        assertThat(first.points).as("no stage boundary is the compensation").isEmpty();
        assertThatThrownBy(() -> hooks.compensating(first)).isInstanceOf(InjectedCrash.class)
                .hasMessage("injected crash at mid-compensation of job job-1");
        RecordingMarker replayed = new RecordingMarker(false);
        hooks.compensating(replayed); // recorded before: the resumed compensation goes on
        assertThat(replayed.points).containsExactly("mid-compensation");
        RecordingMarker other = new RecordingMarker(true);
        hooks("{\"crashPoint\":\"after-split\"}", true).compensating(other);
        assertThat(other.points).as("a job told to crash elsewhere records nothing here").isEmpty();
    }

    @Test
    void theBaselineCrashesMidEncodeOnceChunksZeroToHalfAreDoneInAnyOrder() {
        JobHooks hooks = hooks("{\"crashPoint\":\"mid-encode\"}", true);
        RecordingMarker marker = new RecordingMarker(true);
        hooks.chunksDone(Set.of(3, 1), 5, marker);
        hooks.chunksDone(Set.of(3, 1, 0), 5, marker);
        assertThat(marker.points).isEmpty();
        assertThatThrownBy(() -> hooks.chunksDone(Set.of(3, 1, 0, 2), 5, marker)).isInstanceOf(InjectedCrash.class);
        hooks.chunksDone(Set.of(3, 1, 0, 2, 4), 5, marker);
        assertThat(marker.points).as("one record per invocation").containsExactly("mid-encode");
    }

    @Test
    void theDurableSideRecordsMidEncodeInItemHalfMinusOneAfterWaitingForTheOthers() throws Exception {
        JobHooks hooks = hooks("{\"crashPoint\":\"mid-encode\"}", true);
        RecordingMarker marker = new RecordingMarker(true);
        hooks.chunkDone(3, 4, marker);
        CompletableFuture<Throwable> itemOne = CompletableFuture.supplyAsync(() -> {
            try {
                hooks.chunkDone(1, 4, marker);
                return null;
            } catch (InjectedCrash crash) {
                return crash;
            }
        });
        Thread.sleep(200);
        assertThat(itemOne).as("item 1 (h-1 for 4 chunks) waits for chunk 0").isNotDone();
        hooks.chunkDone(0, 4, marker);
        assertThat(itemOne.get(30, TimeUnit.SECONDS)).isInstanceOf(InjectedCrash.class);
        hooks.chunkDone(2, 4, marker);
        assertThat(marker.points).containsExactly("mid-encode");
    }

    @Test
    void thePaperModeRefusesCrashPointsButTakesChunkFailures() {
        InvalidInputException e = catchThrowableOfType(() -> hooks("{\"crashPoint\":\"after-encode\"}", false),
                InvalidInputException.class);
        assertThat(e.field()).isEqualTo("faults.crashPoint");
        assertThat(e.reason()).contains("no crash recovery");
        assertThat(hooks("{\"chunkFailureProbability\":0.5}", false)).isNotNull();
    }

    static Stream<Arguments> badSections() {
        return Stream.of(
                Arguments.of("{\"chunkFailureProbability\":1.5}", "faults.chunkFailureProbability", "out of range"),
                Arguments.of("{\"chunkFailureProbability\":\"0.1\"}", "faults.chunkFailureProbability", "got string"),
                Arguments.of("{\"seed\":1.5}", "faults.seed", "got number"),
                Arguments.of("{\"seed\":99999999999999999999}", "faults.seed", "out of range"),
                Arguments.of("{\"crashPoint\":\"halfway\"}", "faults.crashPoint",
                        "one of [after-validate, after-split, mid-encode, after-encode, after-assemble, after-verify, "
                                + "mid-compensation]"),
                Arguments.of("{\"kill\":true}", "faults.kill", "unknown field"),
                Arguments.of("[]", "faults", "expected a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("badSections")
    void aMalformedSectionIsRefusedNamingTheField(String section, String field, String reason) {
        InvalidInputException e = catchThrowableOfType(() -> hooks(section, true), InvalidInputException.class);
        assertThat(e).as(section).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.reason()).contains(reason);
    }
}
