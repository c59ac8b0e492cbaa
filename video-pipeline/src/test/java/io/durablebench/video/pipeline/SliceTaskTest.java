package io.durablebench.video.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMetrics;
import io.durablebench.model.video.FanOutMode;
import io.durablebench.model.video.S3ObjectRef;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.video.media.ChunkPlan;
import io.durablebench.video.media.EncodeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliceTaskTest {
    static final EncodeSettings SETTINGS = new EncodeSettings(96, 64, 26, 12, 16);

    static JobPlan plan(int chunks) {
        List<ChunkPlan> c = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            c.add(new ChunkPlan(i, 3 * i, 3, 3 * i - (3 * i) % 12));
        }
        return new JobPlan(c, SETTINGS);
    }

    static VideoRequest request(Integer maxConcurrency) {
        return new VideoRequest("job-1", new S3ObjectRef("videobucket", "inputs/a.mp4"), 5, null, null,
                maxConcurrency, FanOutMode.PER_CHUNK_INVOCATION, null);
    }

    @Test
    void aSliceOfAPlannedJobRoundTripsAndNamesItsOwnKeys() {
        JobSlices slices = new JobSlices(5, 2);
        SliceTask last = SliceTask.of(request(3), plan(5), slices, 2);
        assertThat(last.firstChunk()).isEqualTo(4);
        assertThat(last.chunks()).hasSize(1);
        assertThat(last.maxConcurrency()).isEqualTo(2);
        SliceTask middle = SliceTask.of(request(null), plan(5), slices, 1);
        SliceTask read = SliceTask.fromJson(StrictJson.parse(StrictJson.write(middle)), "", "videobucket");
        assertThat(read).isEqualTo(middle);
        assertThat(read.tasks()).extracting(ChunkTask::index).containsExactly(2, 3);
        assertThat(read.tasks().get(0).segmentKey()).isEqualTo("jobs/job-1/segments/0002.mp4");
        assertThat(read.tasks().get(1).chunkKey()).isEqualTo("jobs/job-1/chunks/0003.mp4");
    }

    @Test
    void refusalsNameTheField() {
        ObjectNode good = (ObjectNode) StrictJson.parse(StrictJson.write(SliceTask.of(request(null), plan(5),
                new JobSlices(5, 2), 1)));
        Map<String, ObjectNode> cases = Map.of(
                "bucket", good.deepCopy().put("bucket", "other"),
                "chunks[1].index", withChunkIndex(good, 1, 7),
                "chunks", good.deepCopy().set("chunks", StrictJson.mapper().createArrayNode()),
                "fanOut", good.deepCopy().put("fanOut", "everywhere"),
                "colour", good.deepCopy().put("colour", "red"),
                "chunks[0].decodeFromFrame", withDecodeFrom(good, 0, 999),
                "maxConcurrency", good.deepCopy().put("maxConcurrency", 0));
        cases.forEach((field, doc) -> {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> SliceTask.fromJson(doc, "", "videobucket"));
            assertThat(e).as(field).isNotNull();
            assertThat(e.field()).isEqualTo(field);
        });
        ObjectNode noFanOut = good.deepCopy();
        noFanOut.remove("fanOut");
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> SliceTask.fromJson(noFanOut, "", "videobucket")).field()).isEqualTo("fanOut");
        ObjectNode tooMany = good.deepCopy();
        ArrayNode many = tooMany.putArray("chunks");
        for (int i = 0; i <= JobSlices.MAX_SLICE_CHUNKS; i++) {
            many.addObject().put("index", i).put("firstFrame", i).put("frameCount", 1).put("decodeFromFrame", i);
        }
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> SliceTask.fromJson(tooMany, "", "videobucket")).getMessage()).contains("at most 2500");
    }

    private static ObjectNode withChunkIndex(ObjectNode good, int i, int index) {
        ObjectNode copy = good.deepCopy();
        ((ObjectNode) copy.get("chunks").get(i)).put("index", index);
        return copy;
    }

    private static ObjectNode withDecodeFrom(ObjectNode good, int i, int frame) {
        ObjectNode copy = good.deepCopy();
        ((ObjectNode) copy.get("chunks").get(i)).put("decodeFromFrame", frame);
        return copy;
    }

    @Test
    void theSlicesAnswerAddsUpItsChunksAndItsWorkers() {
        SliceTask task = SliceTask.of(request(null), plan(5), new JobSlices(5, 2), 1);
        StoreMetrics oneGet = new StoreMetrics(1, Map.of("GetObject", 1L), 0, 0, 0, 0, 10, 20);
        InvocationMetrics w = new InvocationMetrics("VideoChunkEncoderFunction", "r", 7.0, StoreMetrics.NONE, oneGet, null);
        List<VideoChunkResult> byWorkers = List.of(new VideoChunkResult(3, 9, 3, "k3", 100, 2, 5.0, w),
                new VideoChunkResult(2, 6, 3, "k2", 50, 1, 4.0, w));
        VideoSliceResult r = task.result(byWorkers);
        assertThat(r.firstChunk()).isEqualTo(2);
        assertThat(r.chunkCount()).isEqualTo(2);
        assertThat(r.frameCount()).isEqualTo(6);
        assertThat(r.sizeBytes()).isEqualTo(150);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.encodeMillis()).isEqualTo(9.0);
        assertThat(r.workerInvocations()).isEqualTo(2);
        assertThat(r.workers().durationMs()).isEqualTo(14.0);
        assertThat(r.workers().blob().callsOf("GetObject")).isEqualTo(2);
        VideoSliceResult inProcess = task.result(List.of(new VideoChunkResult(2, 6, 3, "k2", 50, 1, 4.0)));
        assertThat(inProcess.workers()).isNull();
        assertThat(inProcess.workerInvocations()).isZero();
    }
}
