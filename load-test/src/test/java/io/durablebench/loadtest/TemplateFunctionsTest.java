package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.durablebench.durable.DurableHandler;
import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.Intrinsic;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.locallambda.function.HostedFunction;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.video.baseline.SliceEvent;
import io.durablebench.video.baseline.WorkerTask;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.SliceTask;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** template.yaml against the code: every function's handler, durable settings and sample event. */
class TemplateFunctionsTest {
    static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate(Path.of("")));
    static final Path EVENTS = TEMPLATE.file().getParent().resolve("events");

    /** Each function's sample event and the decoder of its handler's input type. */
    static final Map<String, Consumer<String>> INPUT_DECODERS = Map.of(
            "CounterBaselineFunction", json -> CounterRequest.fromJson(StrictJson.parse(json)),
            "CounterDurableFunction", json -> CounterRequest.fromJson(StrictJson.parse(json)),
            "CounterEntityFunction", json -> {
                var state = StrictJson.mapper().convertValue(StrictJson.parse(json),
                        io.durablebench.counter.durable.EntityState.class);
                assertThat(state.counterId()).matches(io.durablebench.model.json.JsonFields.ID_PATTERN);
                assertThat(state.generation()).isPositive();
            },
            "VideoDurableFunction", VideoRequest::parse,
            "VideoBaselineFunction", VideoRequest::parse,
            "VideoBaselinePaperFunction", VideoRequest::parse,
            "VideoChunkEncoderFunction", json -> strict(json, ChunkTask.class),
            "VideoSliceFunction", json -> SliceTask.fromJson(StrictJson.parse(json), "", "videobucket"),
            "VideoChunkWorkerFunction", json -> strict(json, WorkerTask.class),
            "VideoBaselineSliceFunction", json -> SliceEvent.fromJson(StrictJson.parse(json), "videobucket"));

    /** Jackson binding that refuses unknown properties (the mapper's default), as the handlers' inputs are read. */
    static <T> T strict(String json, Class<T> type) {
        try {
            return StrictJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @TestFactory
    List<DynamicTest> everyHandlerClassExistsAndIsAStreamHandler() {
        return TEMPLATE.functions().values().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            Class<?> handler = Class.forName(f.handlerClass());
            assertThat(RequestStreamHandler.class).isAssignableFrom(handler);
            assertThat(Modifier.isAbstract(handler.getModifiers())).isFalse();
            assertThat(f.handler()).endsWith("::handleRequest");
            assertThat(handler.getConstructors()).as("Lambda's no-argument constructor, and no other")
                    .extracting(Constructor::getParameterCount).containsExactly(0);
            // the local Lambda hosts several functions in one JVM and hands each its environment here
            Method handEnvironment = handler.getMethod(HostedFunction.ENVIRONMENT_METHOD, Map.class);
            assertThat(handEnvironment.getReturnType()).isEqualTo(void.class);
            assertThat(Modifier.isStatic(handEnvironment.getModifiers())).isFalse();
            assertThat(Path.of(TEMPLATE.file().getParent().toString(), f.codeUri(), "pom.xml")).exists();
            boolean durableCode = DurableHandler.class.isAssignableFrom(handler);
            assertThat(f.isDurable()).as("DurableConfig present exactly on durable handlers").isEqualTo(durableCode);
        })).toList();
    }

    @TestFactory
    List<DynamicTest> everyDurableFunctionHasDurableConfigAnAliasAndCheckpointRights() {
        return TEMPLATE.functions().values().stream().filter(FunctionDefinition::isDurable)
                .map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
                    assertThat(f.durable().get().executionTimeoutSeconds()).isBetween(1L, 31_622_400L);
                    assertThat(f.durable().get().retentionPeriodInDays()).isBetween(1, 90);
                    assertThat(f.autoPublishAlias()).as("callers need a qualified ARN").isPresent();
                    String policies = f.policies().toString();
                    assertThat(policies).contains("lambda:CheckpointDurableExecution").contains("lambda:GetDurableExecutionState");
                    Object name = f.properties().get("FunctionName");
                    assertThat(name).as("an explicit name lets the policy name the qualified ARN").isInstanceOf(Intrinsic.class);
                    assertThat(policies).contains(((Intrinsic) name).argument() + ":*");
                })).toList();
    }

    @TestFactory
    List<DynamicTest> everyFunctionHasASampleEventThatItsHandlerAccepts() {
        return TEMPLATE.functions().values().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            Path event = EVENTS.resolve(eventFileOf(f.logicalId()));
            assertThat(event).exists();
            Consumer<String> decoder = INPUT_DECODERS.get(f.logicalId());
            assertThat(decoder).as("a decoder for " + f.logicalId() + " in INPUT_DECODERS").isNotNull();
            decoder.accept(Files.readString(event));
        })).toList();
    }

    @Test
    void everyEventFileBelongsToAFunction() throws Exception {
        try (var files = Files.list(EVENTS)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            List<String> expected = TEMPLATE.functions().keySet().stream().map(TemplateFunctionsTest::eventFileOf).toList();
            assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** CounterBaselineFunction -> counter-baseline.json */
    static String eventFileOf(String logicalId) {
        String base = logicalId.endsWith("Function") ? logicalId.substring(0, logicalId.length() - "Function".length()) : logicalId;
        return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase() + ".json";
    }
}
