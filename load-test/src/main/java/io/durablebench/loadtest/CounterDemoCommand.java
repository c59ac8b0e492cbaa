package io.durablebench.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.counter.baseline.CounterBaselineHandler;
import io.durablebench.local.LocalAws;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.json.StrictJson;
import io.durablebench.support.MeteredHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Invokes the counter baseline on DynamoDB Local (started here, tables from template.yaml) with the
 * sample event, twice (the second is a re-delivery), and prints each result with its DynamoDB calls.
 */
@Command(name = "counter-demo", mixinStandardHelpOptions = true,
        description = "Invoke the counter baseline locally against DynamoDB Local and print results and store-call counts.")
public final class CounterDemoCommand implements Callable<Integer> {
    @Option(names = "--template", description = "template.yaml to read (default: found from the current folder up)")
    Path template;

    @Option(names = "--event", description = "request to send (default: events/counter-baseline.json)")
    Path event;

    @Override
    public Integer call() throws Exception {
        Path templateFile = template != null ? template : SamTemplate.locate(Path.of(""));
        Path eventFile = event != null ? event : templateFile.getParent().resolve("events/counter-baseline.json");
        String request = Files.readString(eventFile);
        CounterRequest.parse(request); // refuse a bad event before starting anything
        PrintStream out = System.out;
        try (LocalAws aws = LocalAws.start(templateFile)) {
            CounterBaselineHandler handler = MeteredHandler.withEnvironment(new CounterBaselineHandler(),
                    aws.environmentOf("CounterBaselineFunction"));
            out.println("counter-baseline on DynamoDB Local " + aws.dynamoDb().endpoint() + ", event " + eventFile);
            for (String label : new String[] {"first delivery", "re-delivery of the same request"}) {
                JsonNode response = invoke(handler, request);
                print(out, label, response);
            }
        }
        return 0;
    }

    private static JsonNode invoke(CounterBaselineHandler handler, String request) throws java.io.IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        // The handler also logs its metrics line to stdout, as on Lambda; keep the demo's output readable.
        PrintStream console = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), buffer, null);
        } finally {
            System.setOut(console);
        }
        return StrictJson.parse(buffer.toByteArray());
    }

    private static void print(PrintStream out, String label, JsonNode r) {
        out.println();
        out.println("== " + label);
        if (r.has("error")) {
            out.println("error: " + r.get("error"));
            return;
        }
        for (JsonNode op : r.get("results")) {
            out.printf("  %-6s %-9s %5s -> value %d%s%n", op.get("id").asText(), op.get("op").asText(),
                    op.has("amount") ? op.get("amount").asText() : "", op.get("value").asLong(),
                    op.get("duplicate").asBoolean() ? "  (duplicate: already applied, not applied again)" : "");
        }
        out.println("  final value: " + r.get("finalValue").asLong());
        JsonNode ddb = r.get("metrics").get("coordination");
        StringBuilder ops = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) ddb.get("byOperation")::fields) {
            ops.append(ops.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().asLong());
        }
        out.printf("  DynamoDB calls: %d (%s); failed %d; capacity read %.1f / write %.1f units (as DynamoDB Local reports)%n",
                ddb.get("calls").asLong(), ops, ddb.get("failedCalls").asLong(),
                ddb.get("readCapacityUnits").asDouble(), ddb.get("writeCapacityUnits").asDouble());
    }
}
