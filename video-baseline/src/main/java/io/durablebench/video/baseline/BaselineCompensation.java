package io.durablebench.video.baseline;

import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.VideoCompensation;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.VideoObjects;
import io.durablebench.video.pipeline.VideoStages;
import java.util.List;

/**
 * Undoes the partial work of a baseline job that failed for good, in its coordinator, in reverse
 * order of the work: the job item becomes COMPENSATING (with the failure's answer), the encoded
 * chunks and any output are deleted and that count recorded in the job item, then every object
 * left under the job's prefix (the segments), then the job's chunk and slice items in transactions
 * that also record the counts; the job item ends FAILED with the answer, which says what was
 * deleted. A crash anywhere in between leaves the
 * job COMPENSATING: the request delivered again takes it over (as any crashed job, after its lease
 * or at once for Lambda's retry) and resumes the compensation, never the encoding.
 *
 * <p>Runs only once every chunk (and slice) the job started has ended, so nothing writes after it.
 */
record BaselineCompensation(VideoStages stages, CompensationTable table) {
    /** What a failed baseline job keeps. */
    static final List<String> KEPT = List.of("the job item (status FAILED, this answer and the request's hash, so "
            + "the same request is answered again without running), expiring 7 days after its last write");

    /**
     * @param failed  the failure's answer, without compensation
     * @param resumed the job was taken over COMPENSATING: an earlier invocation began the compensation
     */
    VideoResponse run(VideoRequest request, String owner, VideoResponse failed, boolean resumed, JobHooks hooks,
                      JobHooks.Marker marker) {
        String jobId = request.jobId();
        CompensationTable.Undone before;
        if (resumed) {
            before = table.undoneSoFar(jobId);
            before = new CompensationTable.Undone(before.objects(), before.items(), before.calls() + 1);
        } else {
            ours(table.begin(jobId, owner, StrictJson.write(OptimizedCoordinator.forStorage(failed))), jobId);
            before = new CompensationTable.Undone(0, 0, 1);
        }
        VideoObjects.Deleted encode = stages.undoEncode(request);
        ours(table.recordUndone(jobId, owner, encode.objects(), 0, encode.calls() + 1), jobId);
        hooks.compensating(marker);
        VideoObjects.Deleted split = stages.undoSplit(request);
        CompensationTable.Undone items = table.deleteOtherItemsRecorded(jobId, owner, split.objects(), split.calls());
        VideoCompensation done = new VideoCompensation(before.objects(), before.items(), before.calls(), KEPT)
                .plus(encode.objects() + split.objects(), items.items(),
                        encode.calls() + 1 + split.calls() + items.calls() + 1); // + 1: the finish below
        VideoResponse answer = failed.withCompensation(done);
        ours(table.finish(jobId, owner, StrictJson.write(OptimizedCoordinator.forStorage(answer))), jobId);
        return answer;
    }

    private static void ours(boolean written, String jobId) {
        if (!written) {
            throw new Lease.LostException(jobId);
        }
    }
}
