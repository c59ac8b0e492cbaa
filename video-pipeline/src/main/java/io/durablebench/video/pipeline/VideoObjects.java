package io.durablebench.video.pipeline;

import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.aws.PrimingRequests;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.video.media.InvalidMediaException;
import io.durablebench.video.media.InvalidMediaException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 side of the pipeline: whole objects in and out of one bucket. Every call goes through the
 * function's metered client, so each response's blob counts are the real calls.
 */
public final class VideoObjects {
    private final S3Client s3;
    private final String bucket;

    public VideoObjects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The objects of {@code bucket} through the function's S3 client, metered by {@code meter}. */
    public static VideoObjects connect(FunctionEnvironment env, StoreMeter meter, String bucket) {
        return new VideoObjects(s3Client(env, meter), bucket);
    }

    /**
     * The S3 client of a function. With a custom endpoint (a local S3) it uses path-style
     * addressing ({@code http://host:port/bucket/key}), since a local server has no per-bucket host
     * names; against AWS it keeps the SDK's default virtual-hosted style.
     */
    public static S3Client s3Client(FunctionEnvironment env, StoreMeter meter) {
        var builder = S3Client.builder();
        if (AwsClients.endpoint(env, "S3").isPresent()) {
            builder.forcePathStyle(true);
        }
        return AwsClients.build(builder, "S3", env, meter);
    }

    /**
     * The pipeline's two S3 calls, GetObject and PutObject, as priming requests: built and signed by
     * the client and stopped before sending ({@link PrimingRequests}), for a SnapStart snapshot.
     */
    public void prime() {
        PrimingRequests.run(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("priming/get")
                .overrideConfiguration(PrimingRequests.marked())));
        PrimingRequests.run(() -> s3.putObject(b -> b.bucket(bucket).key("priming/put").contentType("video/mp4")
                .overrideConfiguration(PrimingRequests.marked()), RequestBody.fromBytes(new byte[1])));
    }

    public String bucket() {
        return bucket;
    }

    /** A source read with its ETag. */
    public record Source(byte[] bytes, String eTag) {
    }

    /**
     * Reads a source, refusing it without reading the body when S3 reports it larger than
     * {@code maxBytes}. With {@code expectedETag} the object must still be the one validated.
     * Problems the caller caused are {@link InvalidInputException} (no such key or bucket, no
     * access) or {@link InvalidMediaException} (too large); S3 failures are thrown as they are.
     */
    public Source readSource(String key, long maxBytes, String expectedETag) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> {
            b.bucket(bucket).key(key);
            if (expectedETag != null) {
                b.ifMatch(expectedETag);
            }
        })) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort();
                throw new InvalidMediaException(Problem.TOO_LARGE,
                        "input is " + length + " bytes, more than the limit of " + maxBytes);
            }
            return new Source(in.readAllBytes(), in.response().eTag());
        } catch (NoSuchKeyException e) {
            throw new InvalidInputException("source.key", "no object \"" + key + "\" in bucket \"" + bucket + "\"");
        } catch (NoSuchBucketException e) {
            throw new InvalidInputException("source.bucket", "bucket \"" + bucket + "\" does not exist");
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new InvalidInputException("source.key", "the function may not read \"" + key + "\" in bucket \""
                        + bucket + "\" (access denied)");
            }
            if (e.statusCode() == 412) {
                throw new InvalidInputException("source.key", "\"" + key + "\" changed while the job ran (its ETag is no "
                        + "longer " + expectedETag + ")");
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key, e);
        }
    }

    /** Reads an object the pipeline wrote itself. */
    public byte[] read(String key) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key, e);
        }
    }

    /** Writes an object (whole, one PutObject), returning its ETag. */
    public String write(String key, byte[] bytes) {
        return s3.putObject(b -> b.bucket(bucket).key(key).contentType("video/mp4").contentLength((long) bytes.length),
                RequestBody.fromBytes(bytes)).eTag();
    }
}
