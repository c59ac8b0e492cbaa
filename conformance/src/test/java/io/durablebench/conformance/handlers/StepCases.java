package io.durablebench.conformance.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.durable.config.JitterStrategy;
import io.durablebench.durable.config.RetryStrategies;
import io.durablebench.durable.config.StepConfig;
import io.durablebench.durable.config.StepSemantics;
import io.durablebench.durable.exception.StepFailedException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Suite 1, step: the handlers of vectors 1-1 .. 1-20. */
final class StepCases {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final StepConfig NO_RETRY = StepConfig.builder().retryStrategy(RetryStrategies.Presets.NO_RETRY).build();

    private StepCases() {
    }

    /** The custom error the retry-specific-exception vectors throw. */
    static final class TransientError extends RuntimeException {
        TransientError(String message) {
            super(message);
        }
    }

    static Map<String, CaseBody> bodies() {
        Map<String, CaseBody> c = new LinkedHashMap<>();
        c.put("1-1", (in, ctx, p) -> ctx.step(null, String.class, () -> greet(in)));
        c.put("1-2", (in, ctx, p) -> ctx.step("custom_step_name", String.class, () -> greet(in)));
        c.put("1-3", (in, ctx, p) -> {
            String first = ctx.step("step_one", String.class, () -> "first");
            return ctx.step("step_two", String.class, () -> first + "_second");
        });
        c.put("1-4", (in, ctx, p) -> ctx.step("build_response", JsonNode.class, () -> {
            ObjectNode out = JSON.createObjectNode();
            out.putObject("user").put("name", in.path("name").asText()).set("tags", in.path("tags"));
            out.put("count", in.path("tags").size());
            return out;
        }));
        c.put("1-5", (in, ctx, p) -> ctx.step("do_nothing", Object.class, () -> null));
        c.put("1-6", (in, ctx, p) -> ctx.step("return_input", String.class, step -> in.asText(),
                StepConfig.builder().serDes(Serdes.UPPERCASE).build()));
        c.put("1-7", (in, ctx, p) -> ctx.step("greet", String.class, step -> {
            step.getLogger().info("Greeting step started for: " + in.asText());
            String greeting = greet(in);
            step.getLogger().info("Greeting step completed with: " + greeting);
            return greeting;
        }));
        c.put("1-8", (in, ctx, p) -> {
            String v = ctx.step("compute", String.class, () -> "computed");
            ctx.wait("pause", Duration.ofSeconds(2));
            return v;
        });
        c.put("1-9", (in, ctx, p) -> {
            String v = ctx.step("compute", String.class, step -> {
                step.getLogger().info("step executed");
                return "cached_value";
            });
            ctx.wait("pause", Duration.ofSeconds(1));
            return v;
        });
        c.put("1-10", (in, ctx, p) -> {
            String outcome;
            try {
                ctx.step("always_fails", String.class, step -> {
                    step.getLogger().info("step executed");
                    throw new IllegalStateException("permanent failure");
                }, NO_RETRY);
                outcome = "not reached";
            } catch (StepFailedException e) {
                outcome = "caught: " + e.getErrorType();
            }
            ctx.wait("pause", Duration.ofSeconds(1));
            return outcome;
        });
        c.put("1-11", (in, ctx, p) -> ctx.step("unreliable", String.class, step -> {
            if (step.getAttempt() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            return "Operation succeeded";
        }, StepConfig.builder().retryStrategy(RetryStrategies.fixedDelay(3, Duration.ofSeconds(1))).build()));
        c.put("1-12", (in, ctx, p) -> ctx.step("always_fail", String.class, step -> {
            throw new IllegalStateException("attempt " + step.getAttempt() + " fails");
        }, StepConfig.builder().retryStrategy(RetryStrategies.fixedDelay(4, Duration.ofSeconds(1))).build()));
        c.put("1-13", (in, ctx, p) -> ctx.step("unreliable", String.class, step -> {
            if (step.getAttempt() < 3) {
                throw new IllegalStateException("attempt " + step.getAttempt() + " fails");
            }
            return "succeeded on attempt " + step.getAttempt();
        }));
        c.put("1-14", (in, ctx, p) -> ctx.step("unreliable", String.class, step -> {
            if (step.getAttempt() < 3) {
                throw new IllegalStateException("attempt " + step.getAttempt() + " fails");
            }
            return "succeeded on attempt " + step.getAttempt();
        }, StepConfig.builder().retryStrategy(RetryStrategies.exponentialBackoff(5, Duration.ofSeconds(2),
                Duration.ofSeconds(60), 3.0, JitterStrategy.NONE)).build()));
        c.put("1-15", (in, ctx, p) -> ctx.step("transient", String.class, step -> {
            if (step.getAttempt() == 1) {
                throw new TransientError("transient failure");
            }
            return "recovered";
        }, StepConfig.builder().retryStrategy(RetryStrategies.retryIf(e -> e instanceof TransientError,
                RetryStrategies.fixedDelay(3, Duration.ofSeconds(1)))).build()));
        c.put("1-16", (in, ctx, p) -> ctx.step("transient", String.class, step -> {
            throw new TransientError("transient failure");
        }, StepConfig.builder().retryStrategy(RetryStrategies.retryIf(e -> !(e instanceof TransientError),
                RetryStrategies.Presets.DEFAULT)).build()));
        c.put("1-17", (in, ctx, p) -> ctx.step("at_most_once_flaky_step", String.class, step -> {
            step.getLogger().info("step input: " + in.asText());
            throw p.crash(ctx, 1);
        }, StepConfig.builder().semanticsPerRetry(StepSemantics.AT_MOST_ONCE_PER_RETRY)
                .retryStrategy(RetryStrategies.Presets.NO_RETRY).build()));
        c.put("1-18", (in, ctx, p) -> ctx.step("at_most_once_step", String.class, step -> {
            step.getLogger().info("step input: " + in.asText());
            if (step.getAttempt() == 1) {
                throw p.crash(ctx, 1);
            }
            return "succeeded on second attempt";
        }, StepConfig.builder().semanticsPerRetry(StepSemantics.AT_MOST_ONCE_PER_RETRY)
                .retryStrategy(RetryStrategies.fixedDelay(3, Duration.ofSeconds(1))).build()));
        c.put("1-19", (in, ctx, p) -> ctx.step("failing", String.class, step -> {
            throw new IllegalStateException("always fails");
        }, NO_RETRY));
        c.put("1-20", (in, ctx, p) -> {
            String fallback;
            try {
                fallback = ctx.step("failing", String.class, step -> {
                    throw new IllegalStateException("always fails");
                }, NO_RETRY);
            } catch (StepFailedException e) {
                fallback = "fallback";
            }
            String value = fallback;
            return ctx.step("after_failure", String.class, () -> value + "_result");
        });
        return c;
    }

    static String greet(JsonNode in) {
        return "Hello, " + in.asText() + "!";
    }
}
