package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Twenty sequential steps with an observable side effect, for the crash test. Each step attempt
 * appends {@code run <step> <nonce>} to the side-effect file, works a little, then checkpoints
 * SUCCEED with a result carrying the nonce; once the checkpoint is acknowledged it appends
 * {@code ack <step> <nonce>}. A step already SUCCEEDED in the state is not run again; its value is
 * read from the stored result. The result is the sum 1..N plus {@code base}.
 */
public class CrashWorkflowHandler extends DurableTestHandler {

    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        JsonNode input = d.input();
        long workMillis = input.path("workMillis").asLong(100);
        long value = d.sequentialSteps("s-", input.path("steps").asInt(20), input.path("base").asLong(0),
                result -> RawDurable.JSON.readTree(result).get("v").asLong(), (i, id, op, before) -> {
                    if (op == null || op.statusAsString().equals("READY")) {
                        d.checkpoint(Updates.stepStart(id, id));
                    }
                    String nonce = UUID.randomUUID().toString();
                    append("run " + i + " " + nonce);
                    try {
                        Thread.sleep(workMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                    long after = before + i;
                    d.checkpoint(Updates.stepSucceed(id, id, "{\"v\":" + after + ",\"nonce\":\"" + nonce + "\"}"));
                    append("ack " + i + " " + nonce);
                    return after;
                });
        RawDurable.succeeded(out, Long.toString(value));
    }

    private void append(String line) throws IOException {
        Files.write(Path.of(env().get("SIDE_EFFECT_FILE")), (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
