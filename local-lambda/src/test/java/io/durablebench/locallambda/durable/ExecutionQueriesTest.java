package io.durablebench.locallambda.durable;

import static io.durablebench.locallambda.durable.ServiceFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.function.FunctionTarget;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Describe, history paging in both orders, list filters and paging, metrics; bad arguments refused. */
class ExecutionQueriesTest {
    @RegisterExtension
    final ServiceFixture f = new ServiceFixture();

    @Test
    void historyPagesInBothOrdersAndHidesPayloadsUnlessAsked() throws Exception {
        FunctionTarget fn = f.durable("steps", inv -> {
            inv.checkpoint(ServiceFixture.stepSucceed("a", "1"));
            inv.checkpoint(ServiceFixture.stepSucceed("b", "2"));
            return succeeded("\"ok\"");
        });
        String arn = f.service.start(fn, "h1", "{\"secret\":1}").arn();
        f.awaitClosed(arn);
        List<String> forward = pages(f, arn, false);
        List<String> backward = pages(f, arn, true);
        assertThat(forward).containsExactly("ExecutionStarted", "StepSucceeded", "StepSucceeded",
                "InvocationCompleted", "ExecutionSucceeded");
        assertThat(backward).isEqualTo(reversed(forward));
        JsonNode started = f.service.history(arn, false, 1, null, false).get("Events").get(0);
        assertThat(started.get("ExecutionStartedDetails").get("Input").get("Truncated").asBoolean()).isTrue();
        assertThat(started.get("ExecutionStartedDetails").get("Input").has("Payload")).isFalse();
        JsonNode withData = f.service.history(arn, true, 1, null, false).get("Events").get(0);
        assertThat(withData.get("ExecutionStartedDetails").get("Input").get("Payload").asText())
                .isEqualTo("{\"secret\":1}");
        assertThatThrownBy(() -> f.service.history(arn, true, 1001, null, false))
                .hasMessage("MaxItems must be between 1 and 1000, got 1001");
        assertThatThrownBy(() -> f.service.history(arn, true, 1, "%%%", false)).hasMessage("Marker is not valid");
    }

    private static List<String> pages(ServiceFixture f, String arn, boolean reverse) {
        List<String> types = new ArrayList<>();
        String marker = null;
        do {
            ObjectNode page = f.service.history(arn, false, 2, marker, reverse);
            page.get("Events").forEach(e -> types.add(e.get("EventType").asText()));
            marker = page.has("NextMarker") ? page.get("NextMarker").asText() : null;
        } while (marker != null);
        return types;
    }

    private static List<String> reversed(List<String> l) {
        List<String> r = new ArrayList<>(l);
        java.util.Collections.reverse(r);
        return r;
    }

    @Test
    void listFiltersByNameAndStatusAndPagesInStartOrder() throws Exception {
        FunctionTarget fn = f.durable("lister", inv -> succeeded("\"ok\""));
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            arns.add(f.service.start(fn, "run-" + i, null).arn());
            f.awaitClosed(arns.get(i));
            Thread.sleep(2);
        }
        List<String> listed = new ArrayList<>();
        String marker = null;
        do {
            ObjectNode page = f.service.list("lister", null, null, null, null, null, false, marker, 2);
            page.get("DurableExecutions").forEach(e -> listed.add(e.get("DurableExecutionArn").asText()));
            marker = page.has("NextMarker") ? page.get("NextMarker").asText() : null;
        } while (marker != null);
        assertThat(listed).isEqualTo(arns);
        JsonNode one = f.service.list("lister", null, "run-3", null, null, null, false, null, null);
        assertThat(one.get("DurableExecutions")).hasSize(1);
        assertThat(one.get("DurableExecutions").get(0).get("DurableExecutionArn").asText()).isEqualTo(arns.get(3));
        JsonNode running = f.service.list("lister", null, null, EnumSet.of(ExecutionStatus.RUNNING), null, null,
                false, null, null);
        assertThat(running.get("DurableExecutions")).isEmpty();
        assertThatThrownBy(() -> f.service.list("missing", null, null, null, null, null, false, null, null))
                .isInstanceOfSatisfying(LambdaApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.ResourceNotFoundException));
    }

    @Test
    void describeAndMetricsReportTheExecution() throws Exception {
        FunctionTarget fn = f.durable("described", inv -> {
            inv.checkpoint(ServiceFixture.stepSucceed("a", "1"));
            return succeeded("\"done\"");
        });
        String arn = f.service.start(fn, "d1", "{\"in\":true}").arn();
        f.awaitClosed(arn);
        JsonNode d = f.service.describe(arn);
        assertThat(d.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(d.get("Result").asText()).isEqualTo("\"done\"");
        assertThat(d.get("InputPayload").asText()).isEqualTo("{\"in\":true}");
        assertThat(d.get("DurableExecutionName").asText()).isEqualTo("d1");
        assertThat(arn).startsWith(d.get("FunctionArn").asText() + "/durable-execution/d1/");
        JsonNode m = f.service.metrics(arn);
        assertThat(m.get("CheckpointCalls").asInt()).isEqualTo(1);
        assertThat(m.get("Invocations").asInt()).isEqualTo(1);
        assertThat(m.get("Operations").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> f.service.describe("not-an-arn")).hasMessageContaining("not a durable execution ARN");
    }
}
