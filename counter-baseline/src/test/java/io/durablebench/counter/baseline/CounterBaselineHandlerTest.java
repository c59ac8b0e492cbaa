package io.durablebench.counter.baseline;

import io.durablebench.local.LocalAws;
import io.durablebench.local.template.SamTemplate;
import java.nio.file.Path;

/** The counter baseline's store tests on DynamoDB Local, in this JVM. */
class CounterBaselineHandlerTest extends CounterBaselineBackendTest {
    @Override
    Backend startBackend() {
        LocalAws aws = LocalAws.start(SamTemplate.locate(Path.of("")));
        return new Backend(aws.dynamoDb().endpoint(), aws.dynamoDbClient(), aws.environmentOf(FUNCTION), aws::close);
    }

    /** DynamoDB Local reports a flat 4.0 WCU for every transaction whatever its size: not DynamoDB's 8.0. */
    @Override
    double paperSequenceWriteCapacity() {
        return 4.0;
    }
}
