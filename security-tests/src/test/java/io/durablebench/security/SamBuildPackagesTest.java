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
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What {@code sam build} packaged for each function of template.yaml ({@code .aws-sam/build/<id>}:
 * the function's classes and {@code lib/*.jar}): no test hooks, nothing local-only, and exactly the
 * AWS service clients the function calls. "Calls" is taken from the template's IAM policy of the
 * function (the services its allowed actions name, the logs SAM adds aside): a client the policy
 * does not allow is dead weight, and a client missing would fail the function at its first call.
 *
 * <p>And nothing the function cannot use: every jar holds a class the handler reaches
 * ({@link ClassReach}), and none is of a family no function here uses ({@link #NEVER_USED}).
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

    /**
     * Jar families no function here uses: HTTP client implementations other than the URL-connection
     * client, netty, CRT, logging implementations and bridges (the SDK logs through slf4j-api, with
     * no provider on Lambda), Jackson modules and data formats (the functions use plain databind),
     * event-stream signing and framing (no function calls an event-stream operation; the SDK loads
     * them by name only for one, so the reach check below cannot tell).
     */
    static final List<String> NEVER_USED = List.of("software.amazon.awssdk.apache-client", "software.amazon.awssdk.netty-nio-client",
            "software.amazon.awssdk.aws-crt-client", "software.amazon.awssdk.crt-core", "software.amazon.awssdk.apache5-client",
            "io.netty.", "software.amazon.awssdk.crt.", "org.apache.httpcomponents", "commons-logging", "commons-codec",
            "org.slf4j.slf4j-simple", "org.slf4j.slf4j-nop", "org.slf4j.jcl-over-slf4j", "ch.qos.logback",
            "org.apache.logging.log4j", "com.fasterxml.jackson.module", "com.fasterxml.jackson.datatype",
            "com.fasterxml.jackson.dataformat", "com.fasterxml.jackson.jr",
            "software.amazon.awssdk.http-auth-aws-eventstream", "software.amazon.eventstream.");

    @Test
    void eachFunctionPackageHoldsOnlyJarsItsHandlerCanReach() {
        String dir = System.getProperty("sam.build.dir");
        Assumptions.assumeTrue(dir != null, "run by scripts/sam-check.sh after sam build (-Dsam.build.dir)");
        Path build = Path.of(dir);
        SamTemplate template = SamTemplate.load(SamTemplate.locate(Path.of("")));
        Map<String, Set<String>> unused = new TreeMap<>();
        List<String> forbidden = new ArrayList<>();
        for (FunctionDefinition f : template.functions().values()) {
            ClassReach reach = ClassReach.of(build.resolve(f.logicalId()));
            Set<String> dead = new TreeSet<>(reach.jars());
            dead.removeAll(reach.jarsReachedFrom(f.handlerClass()));
            if (!dead.isEmpty()) {
                unused.put(f.logicalId(), dead);
            }
            reach.jars().stream().filter(j -> NEVER_USED.stream().anyMatch(j::startsWith))
                    .forEach(j -> forbidden.add(f.logicalId() + ": " + j));
            assertThat(reach.jarsReachedFrom(f.handlerClass())).as(f.logicalId() + ": the check reaches the SDK at all")
                    .anyMatch(j -> j.startsWith("software.amazon.awssdk.sdk-core"));
        }
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(forbidden).as("HTTP clients, netty, CRT, logging implementations or Jackson modules packaged")
                    .isEmpty();
            soft.assertThat(unused).as("jars no class reachable from the function's handler refers to (exclude them in "
                    + "the pom)").isEmpty();
        });
    }

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
