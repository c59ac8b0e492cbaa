package io.durablebench.video.baseline;

/**
 * The baseline video function's tests with LocalStack's DynamoDB and S3 (a container started through
 * Testcontainers' LocalStack module, from the image scripts/images.sh builds) instead of DynamoDB
 * Local and the local S3: the same tests, a second real backend. Fails, never skips, when Docker or
 * the image is missing.
 */
class VideoBaselineLocalStackTest extends VideoBaselineFunctionTest {
    @Override
    String stores() {
        return "localstack";
    }
}
