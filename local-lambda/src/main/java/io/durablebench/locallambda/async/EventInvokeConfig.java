package io.durablebench.locallambda.async;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.LocalResources;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How Lambda handles a function's asynchronous events, from the template's SAM
 * {@code EventInvokeConfig}: how often a failed event is tried again, how old an event may get
 * before it is dropped, and where a record of a failed or dropped event goes. Lambda's defaults
 * when the template says nothing: 2 retries, 6 hours, no destination.
 *
 * @param maximumRetryAttempts retries after a function error, 0 to 2
 * @param maximumEventAge      how long an event may wait in the queue (retries included), 60 s to 6 h
 * @param onFailure            where the record of an event that failed every attempt or got too old goes
 */
public record EventInvokeConfig(int maximumRetryAttempts, Duration maximumEventAge, Optional<Destination> onFailure) {
    public static final EventInvokeConfig DEFAULTS = new EventInvokeConfig(2, Duration.ofHours(6), Optional.empty());
    private static final Set<String> FIELDS = Set.of("MaximumRetryAttempts", "MaximumEventAgeInSeconds",
            "DestinationConfig");
    /** SAM's destination types; its translator calls the S3 type {@code S3Bucket} (its docs write {@code S3}). */
    private static final Set<String> TYPES = Set.of("SQS", "SNS", "S3Bucket", "Lambda", "EventBridge");

    /**
     * A destination as SAM writes it: {@code Type} (SQS, SNS, S3Bucket, Lambda, EventBridge) and the
     * resource's ARN.
     */
    public record Destination(String type, String arn) {
        /** The bucket of an S3 destination ({@code arn:aws:s3:::name}). */
        public Optional<String> bucket() {
            return type.equals("S3Bucket") && arn.startsWith("arn:aws:s3:::") ? Optional.of(arn.substring(13))
                    : Optional.empty();
        }
    }

    /**
     * Reads the function's {@code EventInvokeConfig}, intrinsics resolved to their local values.
     *
     * @throws IllegalArgumentException naming the function and the property when a value is out of
     *                                  Lambda's range or not understood
     */
    public static EventInvokeConfig of(FunctionDefinition function, LocalResources resources) {
        Object raw = function.properties().get("EventInvokeConfig");
        if (raw == null) {
            return DEFAULTS;
        }
        String where = function.logicalId() + ": EventInvokeConfig";
        Map<?, ?> config = map(raw, where);
        for (Object key : config.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(where + "." + key + " is not a property this service knows ("
                        + FIELDS + ")");
            }
        }
        int retries = (int) number(config.get("MaximumRetryAttempts"), where + ".MaximumRetryAttempts", 0, 2,
                DEFAULTS.maximumRetryAttempts());
        long age = number(config.get("MaximumEventAgeInSeconds"), where + ".MaximumEventAgeInSeconds", 60, 21600,
                DEFAULTS.maximumEventAge().toSeconds());
        Optional<Destination> onFailure = Optional.empty();
        Object destinations = config.get("DestinationConfig");
        if (destinations != null) {
            Map<?, ?> d = map(destinations, where + ".DestinationConfig");
            Object failure = d.get("OnFailure");
            if (failure != null) {
                Map<?, ?> f = map(failure, where + ".DestinationConfig.OnFailure");
                String type = String.valueOf(f.get("Type"));
                if (!TYPES.contains(type)) {
                    throw new IllegalArgumentException(where + ".DestinationConfig.OnFailure.Type must be one of "
                            + TYPES + ", got " + type);
                }
                Object arn = f.get("Destination");
                if (arn == null) {
                    throw new IllegalArgumentException(where + ".DestinationConfig.OnFailure.Destination is required "
                            + "(this service creates no destination of its own)");
                }
                onFailure = Optional.of(new Destination(type, resources.resolve(arn)));
            }
        }
        return new EventInvokeConfig(retries, Duration.ofSeconds(age), onFailure);
    }

    private static Map<?, ?> map(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + " must be a mapping, got " + o);
        }
        return m;
    }

    private static long number(Object v, String where, long min, long max, long otherwise) {
        if (v == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(String.valueOf(v).trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a whole number from " + min + " to " + max + ", got "
                    + v);
        }
    }
}
