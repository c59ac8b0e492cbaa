package io.durablebench.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durablebench.durable.testing.DexRunner;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * AWS's conformance requirements package ({@code aws-durable-execution-conformance-tests}) run with
 * Python handlers written on AWS's official Python SDK ({@code conformance/python/handlers}) as
 * functions in execution environments of their own (awslambdaric) on local-lambda, and on
 * {@code dex-local-runner} for comparison (the same functions hosted as ordinary functions by a
 * second local-lambda that the emulator invokes), each validated by the package's own matcher
 * ({@code conformance/python/run_requirements.py}). Both run in real time: with time skipped, a
 * wait would end before the invocation that started it, which the requirements' histories rule out.
 * The default run (CI) validates on local-lambda only; {@code -Dconformance.python.dex=true} adds
 * the emulator, and {@code -Dconformance.python.publish=true} runs both and also writes
 * {@code conformance/python-requirements.md}. Always writes {@code target/conformance/python-requirements.md}. Fails when a requirement fails on local-lambda that
 * {@code conformance/python/DIVERGENCES.md} does not explain.
 */
class PythonRequirementsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requirementsPassOnLocalLambdaAndAreComparedWithTheEmulator() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path pythonDir = module.resolve("python");
        Path python = toolsPython(module);
        Path out = module.resolve("target/conformance/python");
        Files.createDirectories(out);

        Path durableTemplate = out.resolve("template.yaml");
        run(python, pythonDir, "template", "--out", durableTemplate.toString());
        JsonNode local;
        try (LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(durableTemplate).port(0).skipTime(false)
                .python(python.toString()).environmentsPerFunction(4).environmentIdleTimeout(Duration.ofSeconds(5))
                .build())) {
            local = validate(python, pythonDir, "local-lambda", lambda.endpoint(), "invoke", out);
        }

        boolean publish = Boolean.getBoolean("conformance.python.publish");
        JsonNode dex = null;
        if (publish || Boolean.getBoolean("conformance.python.dex")) {
            dex = onEmulator(python, pythonDir, out);
        }
        Map<String, String> divergences = divergences(pythonDir.resolve("DIVERGENCES.md"));
        String report = report(local, dex, divergences);
        Files.writeString(module.resolve("target/conformance/python-requirements.md"), report);
        if (publish) {
            Files.writeString(module.resolve("python-requirements.md"), report);
        }
        Set<String> unexplained = new TreeSet<>();
        for (JsonNode c : local.get("cases")) {
            if (c.get("status").asText().equals("FAIL") && reason(divergences, "local-lambda", c.get("id").asText()) == null) {
                unexplained.add(c.get("id").asText() + " " + c.path("errors"));
            }
        }
        assertThat(unexplained).as("requirements failing on local-lambda without a reason in DIVERGENCES.md").isEmpty();
        assertThat(local.get("summary").findValues("passed").stream().mapToInt(JsonNode::asInt).sum())
                .as("requirements passed on local-lambda").isPositive();
    }

    /**
     * The same requirements on dex-local-runner: the functions hosted as ordinary functions by a
     * second local-lambda on a port chosen first, which the emulator invokes and whose functions
     * checkpoint to the emulator.
     */
    private static JsonNode onEmulator(Path python, Path pythonDir, Path out) throws Exception {
        Path ordinaryTemplate = out.resolve("template-ordinary.yaml");
        run(python, pythonDir, "template", "--out", ordinaryTemplate.toString(), "--ordinary");
        int hostPort = io.durablebench.durable.testing.LoopbackPorts.free();
        try (DexRunner emulator = DexRunner.start(URI.create("http://127.0.0.1:" + hostPort), false, Map.of());
             LocalLambda host = LocalLambda.start(LocalLambdaConfig.builder(ordinaryTemplate).port(hostPort)
                     .python(python.toString()).environmentsPerFunction(4)
                     .environmentIdleTimeout(Duration.ofMinutes(2))
                     .environment("AWS_ENDPOINT_URL_LAMBDA", emulator.endpoint().toString()).build())) {
            return validate(python, pythonDir, "dex-local-runner", emulator.endpoint(), "dex", out);
        }
    }

    private static JsonNode validate(Path python, Path dir, String service, URI endpoint, String startApi, Path out)
            throws Exception {
        Path report = out.resolve(service + ".json");
        run(python, dir, "validate", "--service", service, "--endpoint", endpoint.toString(), "--start-api", startApi,
                "--report", report.toString(), "--workers", "16");
        return JSON.readTree(report.toFile());
    }

    private static void run(Path python, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "run_requirements.py"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        StringBuilder tail = new StringBuilder();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[python] " + line);
                tail.append(line).append('\n');
                if (tail.length() > 20_000) {
                    tail.delete(0, tail.length() - 20_000);
                }
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + code + ":\n" + tail);
        }
    }

    /**
     * {@code | service | requirements | reason |} rows of the divergences file: requirements is a
     * comma-separated list of ids or {@code *} (every other failure of that service). Keyed by
     * "service id" or "service *".
     */
    static Map<String, String> divergences(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] cells = line.split("\\|");
            if (cells.length >= 4 && !cells[1].isBlank() && !cells[1].contains("---")
                    && !cells[1].trim().equals("service")) {
                for (String id : cells[2].split(",")) {
                    out.put(cells[1].trim() + " " + id.trim(), cells[3].trim());
                }
            }
        }
        return out;
    }

    /** The reason a requirement fails on a service: its own row, else the service's {@code *} row. */
    static String reason(Map<String, String> divergences, String service, String id) {
        String own = divergences.get(service + " " + id);
        return own != null ? own : divergences.get(service + " *");
    }

    static String report(JsonNode local, JsonNode dex, Map<String, String> divergences) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# AWS's conformance requirements with the official Python SDK\n\n");
        md.append("Generated by `mvn -B -pl conformance -am verify -Dtest=PythonRequirementsTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dconformance.python.publish=true` on ")
                .append(LocalDate.now()).append(" at commit ").append(commit())
                .append(". Requirements: `aws-durable-execution-conformance-tests` ")
                .append("(its files, its invoker and its matcher `validate_description`); handlers: ")
                .append("`conformance/python/handlers` on `aws-durable-execution-sdk-python` (versions in ")
                .append("`tools/requirements-python.txt`), run by awslambdaric in execution environments of their own; ")
                .append("both services in real time.\n\n");
        md.append("| suite | requirements | with a handler | local-lambda passed | local-lambda failed | ")
                .append("dex-local-runner passed | dex-local-runner failed | passed without their ExpectedLogs |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        int[] totals = new int[7];
        var fields = local.get("summary").fieldNames();
        while (fields.hasNext()) {
            String suite = fields.next();
            JsonNode l = local.get("summary").get(suite);
            JsonNode d = dex == null ? null : dex.get("summary").path(suite);
            int[] row = {l.get("requirements").asInt(), l.get("handlers").asInt(), l.get("passed").asInt(),
                    l.get("failed").asInt(), d == null ? 0 : d.path("passed").asInt(),
                    d == null ? 0 : d.path("failed").asInt(), l.get("passedWithoutLogs").asInt()};
            md.append("| ").append(suite);
            for (int i = 0; i < row.length; i++) {
                md.append(" | ").append(dex == null && (i == 4 || i == 5) ? "not run" : Integer.toString(row[i]));
                totals[i] += row[i];
            }
            md.append(" |\n");
        }
        md.append("| **all**");
        for (int i = 0; i < totals.length; i++) {
            md.append(" | **").append(dex == null && (i == 4 || i == 5) ? "not run" : Integer.toString(totals[i]))
                    .append("**");
        }
        md.append(" |\n\n");
        md.append("The plugin suite has no handlers: what it checks is the instrumentation plugins' stdout lines ")
                .append("(ExpectedLogs), which need CloudWatch Logs. \"Passed without their ExpectedLogs\": ")
                .append("the requirement's history and result matched; its log expectations need CloudWatch Logs, which ")
                .append("neither local service has, so they were left out.\n\n");
        md.append("## Every failure and its reason\n\n| service | requirement | reason | first error |\n|---|---|---|---|\n");
        for (JsonNode doc : dex == null ? List.of(local) : List.of(local, dex)) {
            String service = doc.get("service").asText();
            for (JsonNode c : doc.get("cases")) {
                if (c.get("status").asText().equals("FAIL")) {
                    String id = c.get("id").asText();
                    String why = reason(divergences, service, id);
                    String reason = why != null ? why : "**not yet explained**";
                    String first = c.path("errors").isEmpty() ? "" : c.path("errors").get(0).asText();
                    md.append("| ").append(service).append(" | ").append(c.get("suite").asText()).append('/')
                            .append(id).append(" | ").append(reason).append(" | ")
                            .append(first.replace("|", "\\|").replace("\n", " "), 0, Math.min(first.length(), 200))
                            .append(" |\n");
                }
            }
        }
        return md.toString();
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no", "--", ":/",
                    ":(top,exclude)*.md", ":(top,exclude)*.csv", ":(top,exclude)*.png").redirectErrorStream(true).start(); // code only
            boolean dirty = !new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank();
            return p.waitFor() == 0 ? head + (dirty ? " (with uncommitted changes)" : "") : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static Path toolsPython(Path start) {
        for (Path d = start; d != null; d = d.getParent()) {
            Path python = d.resolve(".tools/python-venv/bin/python");
            if (Files.isExecutable(python)) {
                return python;
            }
        }
        throw new IllegalStateException("no .tools/python-venv/bin/python above " + start
                + ": run bash scripts/python-tools.sh first");
    }
}
