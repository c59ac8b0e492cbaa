package io.durablebench.loadtest;

import io.durablebench.video.media.SyntheticVideo;
import io.durablebench.video.media.SyntheticVideoSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/** The bucket the video functions read their source from, and the sources uploaded into it (each once). */
public final class VideoStore {
    private final String bucket;
    private final BiConsumer<String, byte[]> upload;
    private final ToLongFunction<String> count;
    private final Map<SyntheticVideoSpec, String> uploaded = new ConcurrentHashMap<>();

    /**
     * @param upload puts bytes under a key of {@code bucket}
     * @param count  the number of objects under a prefix of {@code bucket}, listed from the store
     */
    public VideoStore(String bucket, BiConsumer<String, byte[]> upload, ToLongFunction<String> count) {
        this.bucket = bucket;
        this.upload = upload;
        this.count = count;
    }

    /** Objects of a job left in the bucket ({@code jobs/<jobId>/}), listed from the store. */
    public long objectsOf(String jobId) {
        return count.applyAsLong("jobs/" + jobId + "/");
    }

    /** A store on an S3 endpoint (a deployed stack's bucket, or a local S3 beside an endpoint). */
    public static VideoStore onS3(software.amazon.awssdk.services.s3.S3Client s3, String bucket) {
        return new VideoStore(bucket, (key, bytes) -> s3.putObject(b -> b.bucket(bucket).key(key),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes)),
                prefix -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().count());
    }

    public String bucket() {
        return bucket;
    }

    /** The source's key in the bucket, generating and uploading it the first time. */
    public String sourceKey(SyntheticVideoSpec s) {
        return uploaded.computeIfAbsent(s, spec -> {
            String key = String.format("inputs/loadtest-%dx%d-%dfps-%dframes-k%d.mp4", spec.width(), spec.height(),
                    spec.fps(), spec.frameCount(), spec.keyInterval());
            upload.accept(key, SyntheticVideo.generate(spec));
            return key;
        });
    }
}
