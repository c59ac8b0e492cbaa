package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import io.durablebench.model.json.StrictJson;
import java.util.Set;

/**
 * A video job: transcode one source MP4 from S3 in chunks and store the verified result. Both video
 * functions (durable and baseline) take exactly this document and do the same media work; only
 * how they coordinate differs.
 *
 * <pre>{@code
 * {"jobId": "job-1", "source": {"bucket": "videobucket", "key": "inputs/source.mp4"},
 *  "chunkCount": 10, "target": {"qp": 26}, "maxConcurrency": 10, "fanOut": "in-process",
 *  "faults": {"chunkFailureProbability": 0.1, "seed": 7, "crashPoint": "mid-encode"}}
 * }</pre>
 *
 * @param jobId                names the job and its objects: 1-64 characters of letters, digits,
 *                             '-' or '_'; the same id is the same job (a retried request resumes or
 *                             returns the finished job rather than starting another)
 * @param source               the input MP4 (H.264) in S3
 * @param chunkCount           split into this many chunks of (nearly) equal frame counts,
 *                             1..{@value #MAX_CHUNKS}; exactly one of chunkCount and
 *                             chunkDurationSeconds is given
 * @param chunkDurationSeconds split into chunks of this many seconds (rounded to whole frames, the
 *                             last one shorter), more than 0 and at most {@value #MAX_CHUNK_SECONDS}
 * @param target               how the output is encoded; absent: like the source, default quality
 * @param maxConcurrency       at most this many chunks encode at the same time,
 *                             1..{@value #MAX_CHUNKS}; absent: all chunks at once
 * @param fanOut               threads in one invocation or one invocation per chunk; absent: in-process
 * @param faults               test hooks (injected chunk failures, crash points), taken only by a
 *                             function whose configuration turns them on (the local test beds; never a
 *                             deployed one, which refuses the field); kept as sent, since only the
 *                             test hooks read it; absent: none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoRequest(String jobId, S3ObjectRef source, Integer chunkCount, Double chunkDurationSeconds,
                           VideoTarget target, Integer maxConcurrency, FanOutMode fanOut, JsonNode faults) {
    /**
     * Upper bound of chunks per job, and of concurrency. A job of more chunks than one durable
     * execution may own runs in slices, each a child execution (see the functions' READMEs); 10,000
     * chunks need at least 10,000 frames, more than the default media limits' 10 minutes hold at
     * 16 fps.
     */
    public static final int MAX_CHUNKS = 10_000;
    public static final double MAX_CHUNK_SECONDS = 3600;
    private static final Set<String> FIELDS = Set.of("jobId", "source", "chunkCount", "chunkDurationSeconds",
            "target", "maxConcurrency", "fanOut", "faults");

    public VideoRequest {
        if ((chunkCount == null) == (chunkDurationSeconds == null)) {
            throw new IllegalArgumentException("exactly one of chunkCount and chunkDurationSeconds");
        }
        target = target == null ? VideoTarget.SOURCE : target;
        fanOut = fanOut == null ? FanOutMode.IN_PROCESS : fanOut;
    }

    public static VideoRequest parse(String json) {
        return fromJson(StrictJson.parse(json));
    }

    public static VideoRequest fromJson(JsonNode node) {
        JsonFields f = JsonFields.root(node, FIELDS);
        String jobId = f.requiredId("jobId");
        if (!f.has("source")) {
            throw new InvalidInputException("source", "required object is missing");
        }
        S3ObjectRef source = S3ObjectRef.fromJson(f.raw("source"), f.pathOf("source"));
        Integer chunkCount = f.optionalLong("chunkCount", 1, MAX_CHUNKS).map(Long::intValue).orElse(null);
        Double chunkSeconds = f.optionalNumber("chunkDurationSeconds", 0, MAX_CHUNK_SECONDS).orElse(null);
        if (chunkSeconds != null && chunkSeconds <= 0) {
            throw new InvalidInputException("chunkDurationSeconds", "must be more than 0 seconds, got " + chunkSeconds);
        }
        if (chunkCount != null && chunkSeconds != null) {
            throw new InvalidInputException("chunkDurationSeconds", "give chunkCount or chunkDurationSeconds, not both");
        }
        if (chunkCount == null && chunkSeconds == null) {
            throw new InvalidInputException("chunkCount", "required: give chunkCount or chunkDurationSeconds");
        }
        VideoTarget target = f.has("target") ? VideoTarget.fromJson(f.raw("target"), f.pathOf("target")) : null;
        Integer maxConcurrency = f.optionalLong("maxConcurrency", 1, MAX_CHUNKS).map(Long::intValue).orElse(null);
        FanOutMode fanOut = WireEnums.optional(f, "fanOut", FanOutMode.wireNames(), FanOutMode::fromWireName);
        JsonNode faults = f.has("faults") ? f.raw("faults") : null;
        return new VideoRequest(jobId, source, chunkCount, chunkSeconds, target, maxConcurrency, fanOut, faults);
    }

    public String toJson() {
        return StrictJson.write(this);
    }

    /** Where the output goes: {@code jobs/<jobId>/output.mp4} in the source's bucket. */
    public S3ObjectRef outputObject() {
        return new S3ObjectRef(source.bucket(), jobPrefix() + "output.mp4");
    }

    /** Where encoded chunk {@code index} goes: {@code jobs/<jobId>/chunks/<index, 4 digits>.mp4}. */
    public S3ObjectRef chunkObject(int index) {
        return new S3ObjectRef(source.bucket(), jobPrefix() + "chunks/" + String.format("%04d", index) + ".mp4");
    }

    /** Where the source segment of chunk {@code index} goes: {@code jobs/<jobId>/segments/<index>.mp4}. */
    public S3ObjectRef segmentObject(int index) {
        return new S3ObjectRef(source.bucket(), jobPrefix() + "segments/" + String.format("%04d", index) + ".mp4");
    }

    /** Every object of this job is under this prefix: {@code jobs/<jobId>/}. */
    public String jobPrefix() {
        return "jobs/" + jobId + "/";
    }
}
