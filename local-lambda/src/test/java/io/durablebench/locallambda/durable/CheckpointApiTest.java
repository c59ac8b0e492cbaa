package io.durablebench.locallambda.durable;

import static io.durablebench.locallambda.durable.ServiceFixture.stepSucceed;
import static io.durablebench.locallambda.durable.ServiceFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.error.LambdaApiException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tokens, ClientToken replay, refused batches, due timers inside a checkpoint, delta paging. */
class CheckpointApiTest {
    @RegisterExtension
    final ServiceFixture f = new ServiceFixture();

    @Test
    void tokensAreSingleUseAndARefusedCallChangesNothingAndKeepsTheToken() throws Exception {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        ExecutionHeader h = f.runToEnd("tokens", inv -> {
            String first = inv.token;
            inv.checkpoint(stepSucceed("s1", "1"));
            outcomes.add(refusal(() -> f.service.checkpoint(inv.arn, first, List.of(stepSucceed("s2", "2")),
                    null, 0)));
            // an Id twice in one batch is refused; the current token still works afterwards
            outcomes.add(refusal(() -> f.service.checkpoint(inv.arn, inv.token,
                    List.of(stepSucceed("s3", "3"), stepSucceed("s3", "3")), null, 0)));
            inv.checkpoint(stepSucceed("s4", "4"));
            return succeeded("\"ok\"");
        });
        String arn = h.arn();
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(outcomes.get(0)).startsWith("Invalid Checkpoint Token: the token was already used");
        assertThat(outcomes.get(1)).contains("Cannot checkpoint multiple operations with the same ID.");
        DurableExecution exec = f.execution(arn);
        assertThat(exec.op("s2")).isNull();
        assertThat(exec.op("s3")).isNull();
        assertThat(exec.op("s4")).isNotNull();
        assertThat(exec.metrics.checkpointCalls).isEqualTo(2);
        assertThat(exec.metrics.rejectedCheckpointCalls).isEqualTo(2);
    }

    @Test
    void theSameClientTokenWithTheSameUsedTokenGetsTheFirstAnswerAgain() throws Exception {
        List<byte[]> answers = new CopyOnWriteArrayList<>();
        String arn = f.runToEnd("retrying", inv -> {
            answers.add(f.service.checkpoint(inv.arn, inv.token, List.of(stepSucceed("s1", "1")), "c-1", 0));
            answers.add(f.service.checkpoint(inv.arn, inv.token, List.of(stepSucceed("s1", "1")), "c-1", 0));
            return succeeded("\"ok\"");
        }).arn();
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(f.execution(arn).metrics.checkpointCalls).isEqualTo(1);
    }

    @Test
    void aDueWaitIsCompletedInsideTheCheckpointThatSeesIt() throws Exception {
        List<JsonNode> responses = new CopyOnWriteArrayList<>();
        String arn = f.runToEnd("waiter", inv -> {
            responses.add(inv.checkpoint(ServiceFixture.waitStart("w1", 5)));
            // time skipping moved the clock past the wait's end when its timer was armed
            responses.add(inv.checkpoint());
            return succeeded("\"ok\"");
        }).arn();
        JsonNode ops = responses.get(1).get("NewExecutionState").get("Operations");
        assertThat(ops).anySatisfy(op -> {
            assertThat(op.get("Id").asText()).isEqualTo("w1");
            assertThat(op.get("Status").asText()).isEqualTo("SUCCEEDED");
        });
    }

    @Test
    void aLargeDeltaIsPagedAndTheRestIsReadWithTheNewTokenAndMarker() throws Exception {
        DurableService.Options onePerPage = new DurableService.Options(3, 3, java.time.Duration.ofMillis(50), 1,
                5 * 1024 * 1024);
        try (ServiceFixture f = new ServiceFixture(new io.durablebench.locallambda.store.MemoryJournal(), true,
                onePerPage)) {
            List<String> ids = new CopyOnWriteArrayList<>();
            String arn = f.runToEnd("pager", inv -> {
                JsonNode r = inv.checkpoint(stepSucceed("a", "1"), stepSucceed("b", "2"), stepSucceed("c", "3"));
                JsonNode page = r.get("NewExecutionState");
                page.get("Operations").forEach(op -> ids.add(op.get("Id").asText()));
                String marker = page.get("NextMarker").asText();
                while (marker != null) {
                    JsonNode next = f.service.state(inv.arn, inv.token, marker, 1);
                    next.get("Operations").forEach(op -> ids.add(op.get("Id").asText()));
                    marker = next.has("NextMarker") ? next.get("NextMarker").asText() : null;
                }
                return succeeded("\"ok\"");
            }).arn();
            assertThat(ids).containsExactly("a", "b", "c");
            assertThat(f.execution(arn).metrics.stateCalls).isEqualTo(2);
        }
    }

    @Test
    void aCheckpointOutsideAnInvocationIsRefused() throws Exception {
        String arn = f.runToEnd("quick", inv -> succeeded("\"ok\"")).arn();
        assertThat(refusal(() -> f.service.checkpoint(arn, "whatever", List.of(), null, 0)))
                .isEqualTo("Invalid Checkpoint Token: the execution is SUCCEEDED");
        assertThatThrownBy(() -> f.service.state(arn, "t", null, 0)).hasMessageContaining("MaxItems");
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
            return "accepted";
        } catch (LambdaApiException e) {
            return e.getMessage();
        }
    }
}
