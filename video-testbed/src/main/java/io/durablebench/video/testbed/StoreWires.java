package io.durablebench.video.testbed;

import io.durablebench.local.wire.WireCounter;

/**
 * The wire counters every function's store calls go through on a {@link VideoTestBed}: one in
 * front of the S3 server, one in front of DynamoDB. They are the independent count a test compares
 * with what the functions report; they start and close together with the bed's stores.
 */
public record StoreWires(WireCounter s3, WireCounter dynamoDb) implements AutoCloseable {
    @Override
    public void close() {
        try {
            s3.close();
        } finally {
            dynamoDb.close();
        }
    }
}
