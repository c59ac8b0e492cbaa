package io.durablebench.durable.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.config.MapConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * Operation ids are the official Java SDK's: lowercase hex SHA-256 of the position (protocol notes
 * section 5). The expected ids are fixed vectors computed outside Java with coreutils, e.g.
 * {@code printf '%s' "$(printf 1 | sha256sum | cut -d' ' -f1)-2" | sha256sum}.
 */
class OperationIdsTest {
    /** sha256("1"): the first durable call at the root. */
    static final String ROOT_1 = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";
    /** sha256("2"): the second call at the root (here a child context). */
    static final String ROOT_2 = "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35";
    /** sha256(ROOT_2 + "-1") and sha256(ROOT_2 + "-2"): the child context's first and second calls. */
    static final String CHILD_1 = "1df9abb5d4ea62110422aa3a00e504bf4b8a17157750fa43451c26dda199706e";
    static final String CHILD_2 = "75fa9902e12defcc35af96d78bb44dd2e18fc1b6048543397ed29dc48b525c34";
    /** sha256("3"): a map at the root. */
    static final String MAP = "4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce";
    /** sha256(MAP + "-1"), sha256(MAP + "-2"): its items 0 and 1. */
    static final String ITEM_0 = "216922f7fb504d2177c32e4f234f8ee8a17acce62cbf43e8db61d4a04b2b9ac2";
    static final String ITEM_1 = "815e884f603b6a7830b83bdf214d1916313f47abbcbeb0cc362861d97baa32ea";
    /** sha256(ITEM_0 + "-1"), sha256(ITEM_1 + "-1"): the step inside each item. */
    static final String ITEM_0_STEP = "4ccd5e7029003220bf9efa9362e943c18646eec6f7f6941eb3d3d6b3fea72c6b";
    static final String ITEM_1_STEP = "77eab15df378ef23fe74769ba8dcae8e78f14e3f11d318f3c88400c88601ed47";

    @Test
    void idsAreTheSha256OfThePositionAtTheRootAndInsideAContext() {
        OperationIds root = new OperationIds(null);
        assertThat(root.next()).isEqualTo(ROOT_1);
        assertThat(root.next()).isEqualTo(ROOT_2);
        OperationIds child = new OperationIds(ROOT_2);
        assertThat(child.next()).isEqualTo(CHILD_1);
        assertThat(child.next()).isEqualTo(CHILD_2);
        assertThat(OperationIds.childId(MAP, 0)).isEqualTo(ITEM_0);
        assertThat(OperationIds.childId(MAP, 1)).isEqualTo(ITEM_1);
    }

    @Test
    void aHandlerSendsTheseIdsWithTheirParents() {
        FakeDurableService service = new FakeDurableService("\"in\"");
        String event = """
                {"DurableExecutionArn":"%s","CheckpointToken":"t0","InitialExecutionState":{"Operations":[
                 {"Id":"%s","Type":"EXECUTION","Status":"STARTED","ExecutionDetails":{"InputPayload":"\\"in\\""}}]}}"""
                .formatted(FakeDurableService.ARN, FakeDurableService.EXECUTION_ID);
        DurableExecutor.Result result = DurableExecutor.run(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                null, DurableConfig.builder().durableExecutionClient(service).build(), TypeToken.of(String.class),
                (String in, DurableContext ctx) -> {
                    ctx.step("a", String.class, () -> in);
                    ctx.runInChildContext("c", String.class, child -> {
                        child.step("c1", Integer.class, () -> 1);
                        return child.step("c2", String.class, () -> "two");
                    });
                    return ctx.map("m", List.of("x", "y"), String.class, (item, i, itemCtx) ->
                            itemCtx.step("s", String.class, () -> item), MapConfig.builder().maxConcurrency(1).build())
                            .getResults().toString();
                });
        assertThat(result.status()).isEqualTo("SUCCEEDED");
        List<OperationUpdate> starts = service.calls().stream().flatMap(c -> c.updates().stream())
                .filter(u -> u.actionAsString().equals("START")).toList();
        assertThat(starts).extracting(OperationUpdate::id, OperationUpdate::parentId, OperationUpdate::name)
                .containsExactly(
                        tuple(ROOT_1, null, "a"),
                        tuple(ROOT_2, null, "c"),
                        tuple(CHILD_1, ROOT_2, "c1"),
                        tuple(CHILD_2, ROOT_2, "c2"),
                        tuple(MAP, null, "m"),
                        tuple(ITEM_0, MAP, "m-iteration-0"),
                        tuple(ITEM_0_STEP, ITEM_0, "s"),
                        tuple(ITEM_1, MAP, "m-iteration-1"),
                        tuple(ITEM_1_STEP, ITEM_1, "s"));
    }
}
