package io.durablebench.durable.client;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.SdkMetric;

/**
 * Where one AWS SDK call's time went, as the SDK's own metrics report it (summed over retry attempts).
 *
 * @param marshallingNanos   turning the request object into an HTTP request ({@code MarshallingDuration})
 * @param signingNanos       SigV4 signing ({@code SigningDuration})
 * @param httpNanos          sending the request until the response's status and headers arrived: the network
 *                           and the service's own work ({@code ServiceCallDuration})
 * @param unmarshallingNanos reading the response into the response object ({@code UnmarshallingDuration})
 */
public record SdkCallTimings(long marshallingNanos, long signingNanos, long httpNanos, long unmarshallingNanos) {
    /** A call whose stages the client cannot tell (not made through the AWS SDK, or not measured). */
    public static final SdkCallTimings UNKNOWN = new SdkCallTimings(0, 0, 0, 0);

    /** The stages of the API call whose metrics are {@code call} (the SDK's ApiCall collection). */
    public static SdkCallTimings of(MetricCollection call) {
        return new SdkCallTimings(sum(call, CoreMetric.MARSHALLING_DURATION), sum(call, CoreMetric.SIGNING_DURATION),
                sum(call, CoreMetric.SERVICE_CALL_DURATION), sum(call, CoreMetric.UNMARSHALLING_DURATION));
    }

    private static long sum(MetricCollection c, SdkMetric<Duration> metric) {
        long total = 0;
        List<Duration> values = c.metricValues(metric);
        for (Duration d : values) {
            total += d.toNanos();
        }
        for (MetricCollection child : c.children()) {
            total += sum(child, metric);
        }
        return total;
    }
}
