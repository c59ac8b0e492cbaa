package io.durablebench.locallambda.durable;

import static io.durablebench.locallambda.durable.ServiceFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.function.FunctionTarget;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ordinary and durable targets, unknown targets, and the child's derived name. */
class ChainedInvokesTest {
    @RegisterExtension
    final ServiceFixture f = new ServiceFixture();

    /** A parent that starts one chained invoke of {@code target} with {@code payload} and returns its outcome. */
    private static FunctionTarget parent(ServiceFixture f, String name, String target, String payload) {
        return f.startsThenReports(name, ServiceFixture.invokeStart("call", target, payload),
                op -> op.status() + " " + (op.result() != null ? op.result() : op.error().errorType()));
    }

    @Test
    void anOrdinaryTargetRunsOnceWithThePayloadAndItsOutputIsTheResult() throws Exception {
        f.ordinary("upper", (in, out, ctx) -> out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .toUpperCase().getBytes(StandardCharsets.UTF_8)));
        String arn = f.service.start(parent(f, "p1", "upper", "\"abc\""), null, null).arn();
        assertThat(f.awaitClosed(arn).result()).isEqualTo("SUCCEEDED \"ABC\"");
    }

    @Test
    void aDurableTargetRunsAsAChildExecutionNamedAfterTheParentOperation() throws Exception {
        f.durable("child", inv -> succeeded("\"child saw " + inv.input().replace("\"", "") + "\""));
        String arn = f.service.start(parent(f, "p2", "child:$LATEST", "\"x\""), null, null).arn();
        assertThat(f.awaitClosed(arn).result()).isEqualTo("SUCCEEDED \"child saw x\"");
        String childArn = f.execution(arn).op("call").extras().childExecutionArn();
        ExecutionHeader child = f.service.header(childArn);
        assertThat(child.executionName()).isEqualTo(ChainedInvokes.childName(arn, "call"));
        assertThat(child.parentArn()).isEqualTo(arn);
        assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aChainedInvokeWithoutAPayloadGivesTheChildNoInput() throws Exception {
        f.durable("inputless", inv -> succeeded("\"no input: " + !inv.event.get("InitialExecutionState")
                .get("Operations").get(0).get("ExecutionDetails").has("InputPayload") + "\""));
        String arn = f.service.start(parent(f, "p5", "inputless:$LATEST", null), null, null).arn();
        assertThat(f.awaitClosed(arn).result()).isEqualTo("SUCCEEDED \"no input: true\"");
        String childArn = f.execution(arn).op("call").extras().childExecutionArn();
        assertThat(f.execution(childArn).executionOperation().inputPayload()).isNull();
        assertThat(f.execution(childArn).events.get(0).details().has("Input")).isFalse();
    }

    @Test
    void anUnknownOrUnqualifiedDurableTargetEndsTheOperationFailed() throws Exception {
        f.durable("durableTarget", inv -> succeeded("\"never\""));
        String unknown = f.service.start(parent(f, "p3", "nope", null), null, null).arn();
        assertThat(f.awaitClosed(unknown).result()).isEqualTo("FAILED ResourceNotFoundException");
        String unqualified = f.service.start(parent(f, "p4", "durableTarget", null), null, null).arn();
        assertThat(f.awaitClosed(unqualified).result()).isEqualTo("FAILED InvalidParameterValueException");
        assertThat(f.execution(unqualified).op("call").status()).isEqualTo(OperationStatus.FAILED);
    }

    @Test
    void theTargetStartsOnceTheInvocationThatStartedItHasMovedOn() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean targetRan = new java.util.concurrent.atomic.AtomicBoolean();
        f.ordinary("marker", (in, out, ctx) -> {
            targetRan.set(true);
            out.write("\"ran\"".getBytes(StandardCharsets.UTF_8));
        });
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        FunctionTarget parent = f.durable("mover", inv -> {
            inv.checkpoint(ServiceFixture.invokeStart("call", "marker", "{}"));
            Thread.sleep(300);
            seen.add("before the next call: " + targetRan.get());
            // a handler that keeps working polls: from this call on, its target runs meanwhile
            for (int i = 0; i < 200 && f.execution(inv.arn).op("call").status() == OperationStatus.STARTED; i++) {
                inv.checkpoint();
                Thread.sleep(20);
            }
            seen.add("while still running: " + f.execution(inv.arn).op("call").status());
            return succeeded("\"done\"");
        });
        String arn = f.service.start(parent, null, null).arn();
        f.awaitClosed(arn);
        assertThat(seen).containsExactly("before the next call: false", "while still running: SUCCEEDED");
    }

    @Test
    void theChildNameIsStablePerParentOperationAndAValidExecutionName() {
        String a = ChainedInvokes.childName("arn:p/durable-execution/n/1", "op-1");
        assertThat(a).isEqualTo(ChainedInvokes.childName("arn:p/durable-execution/n/1", "op-1"));
        assertThat(a).isNotEqualTo(ChainedInvokes.childName("arn:p/durable-execution/n/1", "op-2"));
        assertThat(a).isNotEqualTo(ChainedInvokes.childName("arn:p/durable-execution/n/2", "op-1"));
        assertThat(a).matches("[a-zA-Z0-9_-]{1,64}");
    }
}
