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
    private static final Path REPORT = MODULE.resolve("target/conformance/report.txt");

    private static DurableBackend backend;
    private static ExecutorService pool;
    private static PrintStream console;
    private static final Map<ConformanceCase, CompletableFuture<CaseReport>> RUNS = new LinkedHashMap<>();
    private static long startedAt;

    @TestFactory
    Stream<DynamicTest> vectors() {
        List<ConformanceCase> cases = selected(new Vectors().loadAll(VectorDirectory.locate()));
        assertThat(cases).as("conformance vectors").isNotEmpty();
        Declined declined = Declined.read(MODULE.resolve("DECLINED.md"));
        console = LogCapture.install(MODULE.resolve("target/conformance/runtime.log"));
        startedAt = System.nanoTime();
        backend = Backends.startSelected();
        console.println("conformance: " + cases.size() + " vectors on " + backend.name() + " (real time)");
        CaseRunner runner = new CaseRunner(backend, declined);
        int parallelism = Integer.getInteger("conformance.parallelism", DEFAULT_PARALLELISM);
        pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "conformance-case");
            t.setDaemon(true);
            return t;
        });
        for (ConformanceCase c : cases) {
            RUNS.put(c, CompletableFuture.supplyAsync(() -> runner.run(c), pool));
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.suite() + "/" + c.id() + " " + c.description(),
                c.file().toUri(), () -> {
                    CaseReport r = RUNS.get(c).join();
                    console.println(r.describe());
                    switch (r.verdict()) {
                        case SKIPPED -> Assumptions.abort("declined: " + r.skipReason());
                        case FAILED -> Assertions.fail(c + " does not conform:\n  " + String.join("\n  ", r.problems()));
                        case PASSED -> { }
                    }
                }));
    }

    @AfterAll
    static void report() {
        try {
            if (RUNS.isEmpty()) {
                return;
            }
            List<CaseReport> reports = RUNS.values().stream().map(CompletableFuture::join).toList();
            long passed = reports.stream().filter(r -> r.verdict() == CaseReport.Verdict.PASSED).count();
            long failed = reports.stream().filter(r -> r.verdict() == CaseReport.Verdict.FAILED).count();
            long skipped = reports.stream().filter(r -> r.verdict() == CaseReport.Verdict.SKIPPED).count();
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            String closing = passed + " passed, " + failed + " failed, " + skipped + " skipped";
            List<String> lines = new ArrayList<>();
            reports.forEach(r -> lines.add(r.describe()));
            lines.add(String.format(Locale.ROOT, "conformance on %s: %.0f s wall time", backend.name(), seconds));
            lines.add(closing);
            writeReport(lines);
            console.println(lines.get(lines.size() - 2));
            console.println(closing);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            if (backend != null) {
                backend.close();
            }
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

    private static void writeReport(List<String> lines) {
        try {
            Files.createDirectories(REPORT.getParent());
            Files.write(REPORT, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
