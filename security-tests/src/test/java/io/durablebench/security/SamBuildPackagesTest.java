package io.durablebench.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What {@code sam build} packaged for each function of template.yaml ({@code .aws-sam/build/<id>}:
 * the function's classes and {@code lib/*.jar}): no test hooks, nothing local-only, and exactly the
 * AWS service clients the function calls. "Calls" is taken from the template's IAM policy of the
 * function (the services its allowed actions name, the logs SAM adds aside): a client the policy
 * does not allow is dead weight, and a client missing would fail the function at its first call.
 *
 * <p>Run by {@code scripts/sam-check.sh} right after {@code sam build}, with
 * {@code -Dsam.build.dir=.aws-sam/build}; it fails when that folder is missing. Without the property
 * (the ordinary test run, before any sam build) it is skipped.
 */
class SamBuildPackagesTest {
    /** The service clients a function here may need, by IAM service prefix; each is an SDK module of that name. */
    static final Set<String> SERVICE_CLIENTS = Set.of("dynamodb", "s3", "lambda");
    /** Modules only local runs and tests use. */
    static final List<String> LOCAL_ONLY = List.of("test-hooks", "local-infra", "local-lambda", "video-testbed",
            "durable-testing", "DynamoDBLocal", "sqlite4java", "junit", "assertj");
    static final List<String> TEST_HOOK_ENTRIES = List.of("io/durablebench/testhooks/",
            "io/durablebench/model/video/FaultInjection.class", "io/durablebench/model/video/CrashPoint.class",
            "io/durablebench/video/pipeline/InjectedCrash.class",
            "META-INF/services/io.durablebench.video.pipeline.JobHooksFactory");

    @Test
    void eachFunctionPackageHoldsOnlyTheClientsItsPolicyAllowsAndNoTestHooks() {
        String dir = System.getProperty("sam.build.dir");
        Assumptions.assumeTrue(dir != null, "run by scripts/sam-check.sh after sam build (-Dsam.build.dir)");
        Path build = Path.of(dir);
        assertThat(build).as("sam build output; run sam build first").isDirectory();
        SamTemplate template = SamTemplate.load(SamTemplate.locate(Path.of("")));
        LocalResources resources = new LocalResources(template, "us-east-1");
        Map<String, Set<String>> packaged = new TreeMap<>();
        Map<String, Set<String>> allowed = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (FunctionDefinition f : template.functions().values()) {
            Path fn = build.resolve(f.logicalId());
            assertThat(fn.resolve("lib")).as(f.logicalId() + " packaged").isDirectory();
            Set<String> clients = new TreeSet<>();
            for (Path jar : jars(fn.resolve("lib"))) {
                String name = jar.getFileName().toString();
                LOCAL_ONLY.stream().filter(name::startsWith).forEach(m -> problems.add(f.logicalId() + ": " + name));
                entries(jar).forEach(e -> {
                    String[] path = e.split("/");
                    if (e.startsWith("software/amazon/awssdk/services/") && path.length > 4) {
                        clients.add(path[4]);
                    }
                    TEST_HOOK_ENTRIES.stream().filter(e::startsWith)
                            .forEach(h -> problems.add(f.logicalId() + ": " + name + " holds " + e));
                });
            }
            try (Stream<Path> own = Files.walk(fn)) {
                own.map(p -> fn.relativize(p).toString().replace('\\', '/'))
                        .filter(e -> TEST_HOOK_ENTRIES.stream().anyMatch(e::startsWith))
                        .forEach(e -> problems.add(f.logicalId() + ": its own classes hold " + e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            packaged.put(f.logicalId(), clients);
            allowed.put(f.logicalId(), servicesAllowed(template, resources, f.logicalId()));
        }
        assertThat(problems).as("test hooks or local-only modules packaged").isEmpty();
        assertThat(packaged).as("AWS service clients packaged per function").isEqualTo(allowed);
        assertThat(allowed.values()).as("the check sees clients at all").anyMatch(s -> !s.isEmpty());
    }

    /** The service-client modules a function's policy lets it call: its allowed actions' service prefixes. */
    static Set<String> servicesAllowed(SamTemplate template, LocalResources resources, String logicalId) {
        Set<String> services = new TreeSet<>();
        for (IamPolicy.Statement s : IamPolicy.of(template, resources, logicalId).statements()) {
            if (!s.allow()) {
                continue;
            }
            for (String action : s.actions()) {
                String service = action.substring(0, action.indexOf(':'));
                if (SERVICE_CLIENTS.contains(service)) {
                    services.add(service);
                }
            }
        }
        return services;
    }

    private static List<Path> jars(Path lib) {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> entries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(jar.toString(), e);
        }
    }
}
