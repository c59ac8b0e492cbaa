/**
 * Stand-in for LocalStack's DynamoDB Local agent (ddb-local-loader), which LocalStack downloads from
 * its own artifact repository at run time and cannot be had here. LocalStack starts DynamoDB Local
 * with {@code -javaagent:<that jar>}; the real agent patches DynamoDB Local to allow more than 20
 * global secondary indexes per table. This one changes nothing, so DynamoDB Local keeps its own
 * limit of 20 (the project's tables have none).
 */
public final class DdbLocalLoaderStandIn {
    private DdbLocalLoaderStandIn() {
    }

    public static void premain(String arguments) {
        // deliberately nothing
    }
}
