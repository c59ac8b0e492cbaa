package io.durablebench.model.metrics;

import io.durablebench.model.aws.PrimingRequests;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Counts every AWS API call made through the clients it is attached to: per service and operation,
 * failures, retries, consumed capacity and body bytes. For DynamoDB it asks for
 * {@code ReturnConsumedCapacity=TOTAL} on every request that accepts it (unless the caller chose a
 * value), so capacity comes from DynamoDB's own accounting rather than an estimate.
 *
 * <p>One meter belongs to one function instance. Like a Lambda execution environment, an instance
 * runs one invocation at a time, so the difference of two {@link #snapshot()}s is one invocation's
 * cost even when the invocation itself makes calls from several threads.
 *
 * <p>Capacity is only known for calls that succeed: DynamoDB does not report the capacity a
 * rejected conditional write consumed, so those calls are counted in {@code failedCalls} but add no
 * capacity units.
 */
public final class StoreMeter implements ExecutionInterceptor {
    /** Service names as the SDK reports them. */
    public static final String DYNAMODB = "DynamoDB";
    public static final String S3 = "S3";

    private static final List<String> READ_OPERATIONS =
            List.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "ExecuteStatement");

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    /** Everything counted so far for one service. */
    public StoreMetrics snapshot(String service) {
        Tally t = tallies.get(service);
        return t == null ? StoreMetrics.NONE : t.toMetrics();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        Optional<SdkField<?>> field = field(request, "ReturnConsumedCapacity");
        if (field.isEmpty() || field.get().getValueOrDefault(request) != null) {
            return request;
        }
        SdkRequest.Builder builder = request.toBuilder();
        field.get().set(builder, "TOTAL");
        return (SdkRequest) builder.build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Tally t = tally(attributes);
        t.attempts.incrementAndGet();
        long length = context.requestBody().flatMap(RequestBody::optionalContentLength).orElse(0L);
        t.requestBytes.addAndGet(length);
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty()) {
            return body;
        }
        AtomicLong counter = tally(attributes).responseBytes;
        return Optional.of(new CountingInputStream(body.get(), counter));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Tally t = tally(attributes);
        t.count(operation(attributes), false);
        addCapacity(t, operation(attributes), context.response());
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (PrimingRequests.isPriming(attributes)) {
            return; // stopped before sending: not a call
        }
        tally(attributes).count(operation(attributes), true);
    }

    private Tally tally(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String normalized = service == null ? "unknown" : switch (service) {
            case "DynamoDb", "DynamoDB", "dynamodb" -> DYNAMODB;
            case "S3", "s3" -> S3;
            default -> service;
        };
        return tallies.computeIfAbsent(normalized, s -> new Tally());
    }

    private static String operation(ExecutionAttributes attributes) {
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return op == null ? "unknown" : op;
    }

    private static void addCapacity(Tally t, String operation, SdkResponse response) {
        Optional<SdkField<?>> field = field(response, "ConsumedCapacity");
        if (field.isEmpty()) {
            return;
        }
        Object value = field.get().getValueOrDefault(response);
        if (value instanceof List<?> list) {
            for (Object item : list) {
                addOne(t, operation, item);
            }
        } else {
            addOne(t, operation, value);
        }
    }

    private static void addOne(Tally t, String operation, Object consumed) {
        if (!(consumed instanceof SdkPojo pojo)) {
            return;
        }
        Double read = number(pojo, "ReadCapacityUnits");
        Double write = number(pojo, "WriteCapacityUnits");
        if (read != null || write != null) {
            if (read != null) {
                t.readUnits.add(read);
            }
            if (write != null) {
                t.writeUnits.add(write);
            }
            return;
        }
        Double total = number(pojo, "CapacityUnits");
        if (total == null) {
            return;
        }
        // TOTAL mode reports one figure; which kind it is follows from the operation.
        if (READ_OPERATIONS.contains(operation)) {
            t.readUnits.add(total);
        } else {
            t.writeUnits.add(total);
        }
    }

    private static Double number(SdkPojo pojo, String name) {
        return field(pojo, name).map(f -> f.getValueOrDefault(pojo)).filter(Double.class::isInstance)
                .map(Double.class::cast).orElse(null);
    }

    private static Optional<SdkField<?>> field(SdkPojo pojo, String memberName) {
        for (SdkField<?> f : pojo.sdkFields()) {
            if (memberName.equals(f.memberName())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static final class Tally {
        final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();
        final AtomicLong calls = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong requestBytes = new AtomicLong();
        final AtomicLong responseBytes = new AtomicLong();
        final DoubleAdder readUnits = new DoubleAdder();
        final DoubleAdder writeUnits = new DoubleAdder();

        void count(String operation, boolean failure) {
            calls.incrementAndGet();
            byOperation.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
            if (failure) {
                failed.incrementAndGet();
            }
        }

        StoreMetrics toMetrics() {
            Map<String, Long> ops = new java.util.TreeMap<>();
            byOperation.forEach((k, v) -> ops.put(k, v.get()));
            long c = calls.get();
            return new StoreMetrics(c, ops, failed.get(), Math.max(0, attempts.get() - c),
                    readUnits.sum(), writeUnits.sum(), requestBytes.get(), responseBytes.get());
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong counter;

        CountingInputStream(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }
    }
}
