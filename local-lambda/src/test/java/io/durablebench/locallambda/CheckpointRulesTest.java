package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static io.durablebench.locallambda.LocalLambdaTestSupport.invoke;
import static io.durablebench.locallambda.LocalLambdaTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The service's checkpoint rules, exercised from inside a running invocation (ProbeHandler) so
 * each call carries a valid token; every violation must reach the stock SDK as
 * InvalidParameterValueException and change nothing.
 */
class CheckpointRulesTest extends SharedLambdaTest {

    @BeforeAll
    static void start() {
        start(config().build());
    }

    /** Runs the batches in one invocation and returns each batch's outcome. */
    private static List<JsonNode> probe(String batches) {
        InvokeResponse r = invoke(client, "ProbeFunction:$LATEST", "{\"batches\":[" + batches + "]}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        List<JsonNode> out = new ArrayList<>();
        json(r.payload().asUtf8String()).forEach(out::add);
        return out;
    }

    private static String batch(String... updates) {
        return "{\"updates\":[" + String.join(",", updates) + "]}";
    }

    private static String step(String id, String action) {
        return "{\"Id\":\"" + id + "\",\"Type\":\"STEP\",\"SubType\":\"Step\",\"Name\":\"" + id + "\",\"Action\":\""
                + action + "\"}";
    }

    private static String op(String id, String type, String action, String extra) {
        return "{\"Id\":\"" + id + "\",\"Type\":\"" + type + "\",\"Action\":\"" + action + "\"" + extra + "}";
    }

    private static void assertRefused(JsonNode result, String messageStart) {
        assertThat(result.path("error").asText()).as(result.toString()).isEqualTo("InvalidParameterValueException");
        assertThat(result.get("status").asInt()).isEqualTo(400);
        assertThat(result.get("message").asText()).startsWith(messageStart);
    }

    private static void assertOk(JsonNode result) {
        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    }

    /** What {@link #assertOutcomes} expects of a batch that is accepted. */
    private static final String OK = "(accepted)";

    /** Batch i of {@code r} is accepted ({@link #OK}) or refused with a message starting with {@code outcomes[i]}. */
    private static void assertOutcomes(List<JsonNode> r, String... outcomes) {
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i].equals(OK)) {
                assertOk(r.get(i));
            } else {
                assertRefused(r.get(i), outcomes[i]);
            }
        }
    }

    @Test
    void checkpointTokensAreSingleUse() {
        List<JsonNode> r = probe(batch() + "," + "{\"updates\":[],\"token\":\"previous\"}" + ","
                + "{\"updates\":[],\"token\":\"bogus\"}" + "," + batch());
        assertOk(r.get(0));
        assertThat(r.get(0).get("tokenChanged").asBoolean()).isTrue();
        assertRefused(r.get(1), "Invalid Checkpoint Token");
        assertRefused(r.get(2), "Invalid Checkpoint Token");
        assertOk(r.get(3));
    }

    @Test
    void aRetriedCallWithTheSameClientTokenGetsTheSameAnswer() {
        List<JsonNode> r = probe("{\"updates\":[" + step("s1", "START") + "],\"clientToken\":\"c-1\"},"
                + "{\"updates\":[" + step("s1", "START") + "],\"clientToken\":\"c-1\",\"token\":\"previous\"},"
                + "{\"updates\":[" + step("s1", "START") + "],\"clientToken\":\"c-2\",\"token\":\"previous\"}");
        assertOk(r.get(0));
        assertOk(r.get(1));
        assertThat(r.get(1).get("ops")).isEqualTo(r.get(0).get("ops"));
        assertRefused(r.get(2), "Invalid Checkpoint Token");
    }

    @Test
    void responsesCarryTheOperationsThatChanged() {
        List<JsonNode> r = probe(batch(step("s1", "START"), step("s1", "SUCCEED")) + "," + batch());
        JsonNode ops = r.get(0).get("ops");
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0).get("Id").asText()).isEqualTo("s1");
        assertThat(ops.get(0).get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ops.get(0).get("Attempt").asInt()).isEqualTo(1);
        assertThat(r.get(1).get("ops")).isEmpty();
    }

    @Test
    void responsesAlsoCarryWhatChangedOutsideTheHandler() {
        String wait = op("w", "WAIT", "START", ",\"WaitOptions\":{\"WaitSeconds\":1}");
        String retry = op("r", "STEP", "RETRY", ",\"Error\":{\"ErrorMessage\":\"x\"},"
                + "\"StepOptions\":{\"NextAttemptDelaySeconds\":1}");
        List<JsonNode> r = probe(batch(wait, step("r", "START"), retry) + ",{\"sleep\":1500}," + batch());
        JsonNode started = r.get(0).get("ops");
        assertThat(started.get(0).get("Status").asText()).isEqualTo("STARTED");
        assertThat(started.get(0).get("ScheduledEnd").asLong() - started.get(0).get("Start").asLong())
                .isEqualTo(1000);
        assertThat(started.get(1).get("Status").asText()).isEqualTo("PENDING");
        // An empty checkpoint (the SDKs' poll) returns the wait's end and the retry's READY.
        JsonNode polled = r.get(2).get("ops");
        assertThat(polled).hasSize(2);
        assertThat(polled.get(0).get("Id").asText()).isEqualTo("w");
        assertThat(polled.get(0).get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(polled.get(1).get("Id").asText()).isEqualTo("r");
        assertThat(polled.get(1).get("Status").asText()).isEqualTo("READY");
        assertThat(polled.get(1).get("Attempt").asInt()).isEqualTo(1);
    }

    @Test
    void parentMustExistAsAContextOrBeStartedEarlierInTheBatch() {
        String child = "{\"Id\":\"c1\",\"ParentId\":\"ctx\",\"Type\":\"STEP\",\"Action\":\"START\"}";
        String ctx = op("ctx", "CONTEXT", "START", ",\"SubType\":\"RunInChildContext\"");
        List<JsonNode> r = probe(batch(child) + "," + batch(child, ctx) + "," + batch(ctx, child) + ","
                + batch(step("plain", "START")) + ","
                + batch("{\"Id\":\"c2\",\"ParentId\":\"plain\",\"Type\":\"STEP\",\"Action\":\"START\"}") + ","
                + batch("{\"Id\":\"c3\",\"ParentId\":\"ctx\",\"Type\":\"WAIT\",\"Action\":\"START\","
                + "\"WaitOptions\":{\"WaitSeconds\":5}}"));
        assertOutcomes(r, "Invalid parent operation id.", "Invalid parent operation id.", OK, OK,
                "Invalid parent operation id.", OK);
    }

    @Test
    void anIdAppearsOncePerBatchExceptStartFollowedByAnEnd() {
        String wait = op("w", "WAIT", "START", ",\"WaitOptions\":{\"WaitSeconds\":5}");
        List<JsonNode> r = probe(batch(wait, wait) + "," + batch(step("a", "START"), step("a", "SUCCEED")) + ","
                + batch(step("b", "START"), step("b", "START")) + ","
                + batch(op("c", "CONTEXT", "START", ""), op("c", "CONTEXT", "SUCCEED", ",\"Payload\":\"1\"")) + ","
                + batch(step("d", "SUCCEED"), step("d", "SUCCEED")));
        assertOutcomes(r, "Cannot checkpoint multiple operations with the same ID.", OK,
                "Cannot checkpoint multiple operations with the same ID.", OK,
                "Cannot checkpoint multiple operations with the same ID.");
    }

    @Test
    void typeSubTypeNameAndParentMustMatchTheStoredOperation() {
        List<JsonNode> r = probe(batch(step("s", "START"), op("ctx", "CONTEXT", "START", "")) + ","
                + batch("{\"Id\":\"s\",\"Type\":\"STEP\",\"Name\":\"other\",\"Action\":\"SUCCEED\"}") + ","
                + batch("{\"Id\":\"s\",\"Type\":\"STEP\",\"SubType\":\"Other\",\"Action\":\"SUCCEED\"}") + ","
                + batch("{\"Id\":\"s\",\"Type\":\"WAIT\",\"Action\":\"CANCEL\"}") + ","
                + batch("{\"Id\":\"s\",\"ParentId\":\"ctx\",\"Type\":\"STEP\",\"Action\":\"SUCCEED\"}") + ","
                + batch("{\"Id\":\"s\",\"Type\":\"STEP\",\"Name\":\"s\",\"SubType\":\"Step\",\"Action\":\"SUCCEED\"}"));
        assertOutcomes(r, OK, "Inconsistent operation name.", "Inconsistent operation subtype.",
                "Inconsistent operation type.", "Inconsistent parent operation id.", OK);
    }

    @Test
    void payloadsAreLimitedTo262144BytesPerOperation() {
        List<JsonNode> r = probe(
                batch("{\"Id\":\"big\",\"Type\":\"STEP\",\"Action\":\"SUCCEED\",\"PayloadSize\":262145}") + ","
                + batch("{\"Id\":\"big\",\"Type\":\"STEP\",\"Action\":\"SUCCEED\",\"PayloadSize\":262144}"));
        assertRefused(r.get(0), "STEP output payload size must be less than or equal to 262144 bytes");
        assertOk(r.get(1));
    }

    @Test
    void eachTypeAcceptsOnlyItsTransitions() {
        String wait = op("w", "WAIT", "START", ",\"WaitOptions\":{\"WaitSeconds\":100}");
        String callback = op("cb", "CALLBACK", "START", "");
        List<JsonNode> r = probe(String.join(",",
                batch(step("s", "START")),                                            // 0 ok
                batch(step("s", "START")),                                            // 1 START on STARTED
                batch(step("s", "SUCCEED")),                                          // 2 ok
                batch(step("s", "SUCCEED")),                                          // 3 close twice
                batch(step("s", "RETRY").replace("}", ",\"StepOptions\":{\"NextAttemptDelaySeconds\":1}}")), // 4
                batch(op("r", "STEP", "RETRY", "")),                                   // 5 RETRY without options
                batch(op("r", "STEP", "RETRY", ",\"Payload\":\"1\",\"Error\":{\"ErrorMessage\":\"x\"},"
                        + "\"StepOptions\":{\"NextAttemptDelaySeconds\":1}")),         // 6 both payload and error
                batch(op("e", "STEP", "SUCCEED", ",\"Error\":{\"ErrorMessage\":\"x\"}")),  // 7
                batch(op("f", "STEP", "FAIL", ",\"Payload\":\"1\"")),                  // 8
                batch(op("ctx", "CONTEXT", "START", "")),                             // 9 ok
                batch(op("ctx", "CONTEXT", "START", "")),                             // 10 CONTEXT twice
                batch(op("ctx", "CONTEXT", "SUCCEED", "")),                           // 11 ok
                batch(op("ctx", "CONTEXT", "FAIL", "")),                              // 12 close twice
                batch(wait),                                                          // 13 ok
                batch(wait),                                                          // 14 WAIT twice
                batch(op("nowait", "WAIT", "CANCEL", "")),                            // 15 cancel unknown
                batch(op("w", "WAIT", "SUCCEED", "")),                                // 16 wrong action
                batch(callback),                                                      // 17 ok
                batch(callback),                                                      // 18 CALLBACK twice
                batch(op("ci", "CHAINED_INVOKE", "START", "")),                       // 19 no options
                batch(op("x", "EXECUTION", "START", "")),                             // 20 wrong action
                batch(op("w", "WAIT", "CANCEL", "")),                                 // 21 ok
                batch(op("w2", "WAIT", "START", ",\"WaitOptions\":{\"WaitSeconds\":0}"))  // 22 out of range
        ));
        assertOutcomes(r, OK, "Invalid current STEP state to start.", OK, "Invalid current STEP state to close.",
                "Invalid current STEP state to re-attempt.", "Invalid StepOptions for the given action.",
                "Cannot provide both error and payload to RETRY a STEP.",
                "Cannot provide an Error for SUCCEED action.", "Cannot provide a Payload for FAIL action.", OK,
                "Cannot start a CONTEXT that already exist.", OK, "Invalid current CONTEXT state to close.", OK,
                "Cannot start a WAIT that already exist.",
                "Cannot cancel a WAIT that does not exist or has already completed.",
                "Invalid action for the given operation type.", OK, "Cannot start a CALLBACK that already exist.",
                "Update for CHAINED_INVOKE operation requires ChainedInvokeOptions.",
                "Invalid action for the given operation type.", OK,
                "Updates[0].WaitOptions.WaitSeconds: must be between 1 and 31622400");
        assertThat(r.get(17).get("ops").get(0).get("CallbackId").asText()).isNotBlank();
        assertThat(r.get(21).get("ops").get(0).get("Status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void executionUpdatesComeAloneAndLast() {
        String succeed = op("exec", "EXECUTION", "SUCCEED", ",\"Payload\":\"1\"");
        List<JsonNode> r = probe(batch(succeed, step("s", "START")) + "," + batch(succeed, succeed));
        assertRefused(r.get(0), "EXECUTION checkpoint must be the last update.");
        assertRefused(r.get(1), "Cannot checkpoint multiple EXECUTION updates.");
    }

    @Test
    void malformedUpdatesNameTheMember() {
        List<JsonNode> r = probe(batch("{\"Id\":\"bad id!\",\"Type\":\"STEP\",\"Action\":\"START\"}") + ","
                + batch("{\"Id\":\"ok\",\"Type\":\"TIMER\",\"Action\":\"START\"}") + ","
                + batch("{\"Id\":\"ok\",\"Type\":\"STEP\",\"Action\":\"PAUSE\"}"));
        assertRefused(r.get(0), "Updates[0].Id: must be 1 to 64 characters");
        assertRefused(r.get(1), "Updates[0].Type: unknown value TIMER");
        assertRefused(r.get(2), "Updates[0].Action: unknown value PAUSE");
    }

    @Test
    void aRefusedBatchChangesNothingAndKeepsTheToken() {
        String wait = op("w", "WAIT", "START", ",\"WaitOptions\":{\"WaitSeconds\":5}");
        List<JsonNode> r = probe(batch(step("z", "START"), wait, wait) + "," + batch(step("z", "START")));
        assertRefused(r.get(0), "Cannot checkpoint multiple operations with the same ID.");
        // Had the refused batch stored "z" as STARTED, this START would be refused.
        assertOk(r.get(1));
    }

    @Test
    void stateIsPagedByMaxItemsInStartOrder() {
        List<JsonNode> r = probe(String.join(",",
                batch(step("s1", "START"), step("s2", "START"), step("s3", "START"), step("s4", "START"),
                        step("s5", "START")),
                "{\"state\":{\"maxItems\":2}}",
                "{\"state\":{\"maxItems\":1000}}",
                "{\"state\":{\"maxItems\":1001}}"));
        assertOk(r.get(1));
        assertThat(r.get(1).get("pages").toString()).isEqualTo("[2,2,2]");
        assertThat(r.get(1).get("ids").toString()).endsWith("\"s1\",\"s2\",\"s3\",\"s4\",\"s5\"]");
        assertThat(r.get(2).get("pages").toString()).isEqualTo("[6]");
        assertRefused(r.get(3), "MaxItems must be between 1 and 1000");
    }

    @Test
    void invalidHandlerOutputsFailTheExecution() {
        InvokeResponse both = invoke(client, "ProbeFunction:$LATEST",
                "{\"output\":\"{\\\"Status\\\":\\\"SUCCEEDED\\\",\\\"Error\\\":{\\\"ErrorMessage\\\":\\\"x\\\"}}\"}");
        assertThat(json(both.payload().asUtf8String()).get("errorMessage").asText())
                .isEqualTo("Cannot provide an Error for SUCCEEDED status.");
        InvokeResponse pending = invoke(client, "ProbeFunction:$LATEST", "{\"output\":\"{\\\"Status\\\":\\\"PENDING\\\"}\"}");
        assertThat(json(pending.payload().asUtf8String()).get("errorMessage").asText())
                .isEqualTo("Cannot return PENDING status with no pending operations.");
        InvokeResponse garbage = invoke(client, "ProbeFunction:$LATEST", "{\"output\":\"not json\"}");
        assertThat(json(garbage.payload().asUtf8String()).get("errorType").asText())
                .isEqualTo("InvalidParameterValueException");
    }

    @Test
    void checkpointsFromOutsideAnInvocationAreRefused() {
        InvokeResponse done = invoke(client, "StepsFunction:$LATEST", "{\"steps\":1}");
        String arn = done.durableExecutionArn();
        assertThatThrownBy(() -> client.checkpointDurableExecution(b -> b.durableExecutionArn(arn)
                .checkpointToken("made-up").updates(List.<OperationUpdate>of())))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Invalid Checkpoint Token");
        assertThatThrownBy(() -> client.getDurableExecutionState(b -> b.durableExecutionArn(arn)
                .checkpointToken("made-up")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Invalid Checkpoint Token");
        assertThatThrownBy(() -> client.checkpointDurableExecution(b -> b.durableExecutionArn(arn + "0")
                .checkpointToken("made-up")))
                .isInstanceOf(ResourceNotFoundException.class);
        GetDurableExecutionResponse e = client.getDurableExecution(b -> b.durableExecutionArn(arn));
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
}
