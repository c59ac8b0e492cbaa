package io.durablebench.counter.baseline;

import io.durablebench.local.localstack.LocalStackAws;
import io.durablebench.local.template.SamTemplate;
import java.nio.file.Path;

/**
 * The counter baseline's store tests on LocalStack (DynamoDB API), in a container started through
 * Testcontainers' LocalStack module from the image scripts/images.sh builds. Fails, never skips, when
 * Docker or the image is missing.
 */
class CounterBaselineLocalStackTest extends CounterBaselineBackendTest {
    @Override
    Backend startBackend() {
        LocalStackAws aws = LocalStackAws.start(SamTemplate.locate(Path.of("")));
        return new Backend(aws.endpoint(), aws.dynamoDbClient(), aws.environmentOf(FUNCTION), aws::close);
    }

    /**
     * LocalStack answers DynamoDB calls with DynamoDB Local behind its gateway, so it reports DynamoDB
     * Local's flat 4.0 WCU per transaction too: not DynamoDB's documented 8.0 for this transaction.
     */
    @Override
    double paperSequenceWriteCapacity() {
        return 4.0;
    }
}
