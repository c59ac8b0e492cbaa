package io.durablebench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.conformance.backend.Backends;
import io.durablebench.conformance.backend.DurableBackend;
import io.durablebench.conformance.handlers.CaseHandlers;
import io.durablebench.conformance.handlers.LogCapture;
import io.durablebench.conformance.vectors.ConformanceCase;
import io.durablebench.conformance.vectors.Declined;
import io.durablebench.conformance.vectors.VectorDirectory;
import io.durablebench.conformance.vectors.Vectors;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance vectors of {@code ../shared/conformance/}, each run as a handler written on our
 * runtime against a durable service started here (AWS's emulator {@code dex-local-runner} by
 * default, in real time), with results, histories and logs matched by the vectors' rules. Cases run
 * concurrently; each is one dynamic test and one report line, and the suite ends with
 * {@code N passed, N failed, N skipped}. Declined cases ({@code DECLINED.md}) run too, but are
 * reported as skipped with their reason.
 *
 * <p>System properties: {@code conformance.backend} picks the durable service ({@link Backends});
 * {@code conformance.cases=1-1,3-12} runs only those cases; {@code conformance.parallelism=N} bounds
 * how many run at once (default {@value #DEFAULT_PARALLELISM}: more saturate the emulator on two
 * cores, and the histories' real-time order then starts to depend on load).
 */
class ConformanceSuiteTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final int DEFAULT_PARALLELISM = 12;
    private static final Path REPORTS = MODULE.resolve("target/conformance");

    private static final List<DurableBackend> BACKENDS = new ArrayList<>();
    private static final List<ExecutorService> POOLS = new ArrayList<>();
    private static PrintStream console;
    /** backend name -> case -> its run */
    private static final Map<String, Map<ConformanceCase, CompletableFuture<CaseReport>>> RUNS = new LinkedHashMap<>();
    private static Declined declined;
    private static long startedAt;

    @TestFactory
    Stream<DynamicTest> vectors() {
        List<ConformanceCase> cases = selected(new Vectors().loadAll(VectorDirectory.locate()));
        assertThat(cases).as("conformance vectors").isNotEmpty();
        declined = Declined.read(MODULE.resolve("DECLINED.md"));
        console = LogCapture.install(REPORTS.resolve("runtime.log"));
        startedAt = System.nanoTime();
        int parallelism = Integer.getInteger("conformance.parallelism", DEFAULT_PARALLELISM);
        for (DurableBackend backend : Backends.startSelected()) {
            BACKENDS.add(backend);
            console.println("conformance: " + cases.size() + " vectors on " + backend.name() + " (real time)");
            CaseRunner runner = new CaseRunner(backend, declined);
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
                Thread t = new Thread(r, "conformance-" + backend.name());
                t.setDaemon(true);
                return t;
            });
            POOLS.add(pool);
            Map<ConformanceCase, CompletableFuture<CaseReport>> runs = new LinkedHashMap<>();
            for (ConformanceCase c : cases) {
                runs.put(c, CompletableFuture.supplyAsync(() -> runner.run(c), pool));
            }
            RUNS.put(backend.name(), runs);
        }
        Stream<DynamicTest> perBackend = RUNS.entrySet().stream().flatMap(b -> cases.stream().map(c ->
                DynamicTest.dynamicTest(b.getKey() + ": " + c.suite() + "/" + c.id() + " " + c.description(),
                        c.file().toUri(), () -> {
                            CaseReport r = b.getValue().get(c).join();
                            console.println("[" + b.getKey() + "] " + r.describe());
                            switch (r.verdict()) {
                                case SKIPPED -> Assumptions.abort("declined: " + r.skipReason());
                                case FAILED -> Assertions.fail(c + " does not conform on " + b.getKey() + ":\n  "
                                        + String.join("\n  ", r.problems()));
                                case PASSED -> { }
                            }
                        })));
        if (RUNS.size() < 2) {
            return perBackend;
        }
        Stream<DynamicTest> peers = cases.stream().map(c -> DynamicTest.dynamicTest(
                "peers agree: " + c.suite() + "/" + c.id(), c.file().toUri(), () -> comparePeers(c)));
        return Stream.concat(perBackend, peers);
    }

    /**
     * The services must give the same result and the same history (event types and subtypes in
     * order) for a case, unless DECLINED.md lists a divergence of one of them for that case; then the
     * status and result must still agree.
     */
    private static void comparePeers(ConformanceCase c) {
        List<String> names = new ArrayList<>(RUNS.keySet());
        CaseReport first = RUNS.get(names.get(0)).get(c).join();
        for (String other : names.subList(1, names.size())) {
            CaseReport second = RUNS.get(other).get(c).join();
            CaseReport.Observed a = first.observed();
            CaseReport.Observed b = second.observed();
            String pair = names.get(0) + " vs " + other;
            assertThat(b.status()).as(pair + ": execution status").isEqualTo(a.status());
            if (!c.startOnly()) {
                assertThat(b.result()).as(pair + ": result").isEqualTo(a.result());
            }
            boolean divergenceListed = declined.entry(c.id(), names.get(0)) != null || declined.entry(c.id(), other) != null;
            if (divergenceListed) {
                console.println("peers " + pair + " " + c.id() + ": history compared only through the vector "
                        + "(a divergence of one service is listed in DECLINED.md)");
            } else if (c.startOnly()) {
                int n = Math.min(a.events().size(), b.events().size());
                assertThat(b.events().subList(0, n)).as(pair + ": start of the history").isEqualTo(a.events().subList(0, n));
            } else if (!b.events().equals(a.events()) && c.expectedHistory().size() < a.events().size() - 1) {
                // The vector leaves some events unasserted because their order is not deterministic
                // (concurrent branches): the peers must still record the same events.
                assertThat(b.events()).as(pair + ": history (order left open by the vector)")
                        .containsExactlyInAnyOrderElementsOf(a.events());
                console.println("peers " + pair + " " + c.id() + ": same events, order left open by the vector");
            } else {
                assertThat(b.events()).as(pair + ": history").isEqualTo(a.events());
            }
        }
    }

    @AfterAll
    static void report() {
        try {
            if (RUNS.isEmpty()) {
                return;
            }
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            for (Map.Entry<String, Map<ConformanceCase, CompletableFuture<CaseReport>>> b : RUNS.entrySet()) {
                List<CaseReport> reports = b.getValue().values().stream().map(CompletableFuture::join).toList();
                long passed = reports.stream().filter(r -> r.verdict() == CaseReport.Verdict.PASSED).count();
                long failed = reports.stream().filter(r -> r.verdict() == CaseReport.Verdict.FAILED).count();
                long skipped = reports.stream().filter(r -> r.verdict() == CaseReport.Verdict.SKIPPED).count();
                String closing = passed + " passed, " + failed + " failed, " + skipped + " skipped";
                List<String> lines = new ArrayList<>();
                reports.forEach(r -> lines.add(r.describe()));
                lines.add(String.format(Locale.ROOT, "conformance on %s: %.0f s wall time (all services together)",
                        b.getKey(), seconds));
                lines.add(closing);
                writeReport(REPORTS.resolve(b.getKey() + "-report.txt"), lines);
                console.println(lines.get(lines.size() - 2));
                console.println(b.getKey() + ": " + closing);
                console.println(closing);
            }
        } finally {
            POOLS.forEach(ExecutorService::shutdownNow);
            BACKENDS.forEach(DurableBackend::close);
            LogCapture.uninstall();
        }
    }

    private static List<ConformanceCase> selected(List<ConformanceCase> all) {
        String only = System.getProperty("conformance.cases", "").trim();
        List<ConformanceCase> cases = all;
        if (!only.isEmpty()) {
            Set<String> ids = Arrays.stream(only.split(",")).map(String::trim).collect(Collectors.toSet());
            cases = all.stream().filter(c -> ids.contains(c.id())).toList();
            assertThat(cases).as("cases named by -Dconformance.cases=" + only).hasSize(ids.size());
        }
        List<String> missing = cases.stream().map(ConformanceCase::id).filter(id -> CaseHandlers.of(id) == null).toList();
        assertThat(missing).as("vectors without a handler").isEmpty();
        return cases;
    }

    private static void writeReport(Path report, List<String> lines) {
        try {
            Files.createDirectories(report.getParent());
            Files.write(report, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
