package io.durablebench.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.local.template.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture document and the module READMEs say what the tree holds, and keep saying it:
 * every module of the root pom has a README.md and a row in the root README's layout table; the
 * dependency picture of docs/architecture.md, followed transitively, gives exactly the poms'
 * compile-scope dependencies among the project's modules (and draws only declared ones); its
 * table of test-scope dependencies is the poms'; every class name it writes in backticks is a
 * type declared in the source tree (or a function of template.yaml); every relative link it has
 * leads to a file. The poms are read
 * as text (comments removed), independently of Maven's own model.
 */
class DocsMatchTheTreeTest {
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern EDGE = Pattern.compile("^\\s*([a-z_]+)\\s*-->\\s*([a-z_]+)\\s*$");
    private static final Pattern NODE = Pattern.compile("^\\s*([a-z_]+)\\[([a-z-]+)]\\s*$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*`([a-z-]+)`\\s*\\|(.*)\\|\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    /** A Java type name, optionally followed by a member ({@code DurableExecutor.run}). */
    private static final Pattern TYPE_NAME = Pattern.compile("([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(\\.[a-z][A-Za-z0-9]*)?");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z][A-Za-z0-9]*)");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final String GROUP = "io.durablebench";

    private final Path root = NoCredentialsInRepositoryTest.repositoryRoot();

    @Test
    void everyModuleHasAReadmeAndARowInTheRootReadme() throws IOException {
        List<String> modules = modules();
        assertThat(modules).as("modules of the root pom").hasSizeGreaterThan(10);
        List<String> noReadme = modules.stream().filter(m -> !Files.isRegularFile(root.resolve(m).resolve("README.md"))).toList();
        assertThat(noReadme).as("modules without a README.md").isEmpty();
        String readme = Files.readString(root.resolve("README.md"));
        List<String> noRow = modules.stream().filter(m -> !readme.contains("| `" + m + "` |")).toList();
        assertThat(noRow).as("modules without a row in the root README's layout table").isEmpty();
    }

    @Test
    void thePictureIsThePomsCompileDependencies() throws IOException {
        Map<String, Set<String>> poms = dependencies(false);
        Map<String, Set<String>> drawn = new TreeMap<>();
        Set<String> nodes = new TreeSet<>();
        for (String line : mermaid()) {
            Matcher node = NODE.matcher(line);
            if (node.matches()) {
                assertThat(node.group(1)).as("node id of " + node.group(2)).isEqualTo(node.group(2).replace('-', '_'));
                nodes.add(node.group(2));
            }
            Matcher edge = EDGE.matcher(line);
            if (edge.matches()) {
                drawn.computeIfAbsent(edge.group(1).replace('_', '-'), k -> new TreeSet<>()).add(edge.group(2).replace('_', '-'));
            }
        }
        assertThat(nodes).as("the modules drawn").isEqualTo(new TreeSet<>(poms.keySet()));
        List<String> undeclared = new ArrayList<>();
        drawn.forEach((from, tos) -> tos.stream().filter(to -> !poms.getOrDefault(from, Set.of()).contains(to))
                .forEach(to -> undeclared.add(from + " --> " + to)));
        assertThat(undeclared).as("arrows no pom declares (compile scope)").isEmpty();
        for (String module : poms.keySet()) {
            assertThat(reach(drawn, module)).as("what " + module + " reaches in the picture")
                    .isEqualTo(reach(poms, module));
        }
    }

    @Test
    void theTestScopeTableIsThePoms() throws IOException {
        Map<String, Set<String>> poms = dependencies(true);
        poms.values().removeIf(Set::isEmpty);
        Map<String, Set<String>> written = new TreeMap<>();
        boolean inTable = false;
        for (String line : architecture().split("\n")) {
            if (line.startsWith("| module | test-scope dependencies |")) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            Matcher row = TABLE_ROW.matcher(line);
            if (inTable && row.matches()) {
                Set<String> deps = new TreeSet<>();
                Matcher m = CODE_SPAN.matcher(row.group(2));
                while (m.find()) {
                    deps.add(m.group(1));
                }
                written.put(row.group(1), deps);
            }
        }
        assertThat(written).as("docs/architecture.md's table of test-scope dependencies").isEqualTo(new TreeMap<>(poms));
    }

    @Test
    void everyClassNamedInBackticksExists() throws IOException {
        Set<String> declared = declaredTypes();
        assertThat(declared).as("types declared in the source tree").hasSizeGreaterThan(200);
        Set<String> functions = SamTemplate.load(root.resolve("template.yaml")).functions().keySet();
        Set<String> named = new TreeSet<>();
        Matcher m = CODE_SPAN.matcher(withoutMermaid(architecture()));
        while (m.find()) {
            Matcher type = TYPE_NAME.matcher(m.group(1).trim());
            if (type.matches()) {
                named.add(type.group(1));
            }
        }
        assertThat(named).as("class names in docs/architecture.md").hasSizeGreaterThan(30);
        assertThat(named.stream().filter(n -> !declared.contains(n) && !functions.contains(n)).toList())
                .as("class names in docs/architecture.md that no source file declares (nor template.yaml)").isEmpty();
    }

    @Test
    void everyRelativeLinkLeadsToAFile() throws IOException {
        Path doc = root.resolve("docs/architecture.md");
        List<String> broken = new ArrayList<>();
        Matcher m = LINK.matcher(architecture());
        int links = 0;
        while (m.find()) {
            String target = m.group(1);
            if (target.contains("://")) {
                continue;
            }
            links++;
            if (!Files.exists(doc.getParent().resolve(target).normalize())) {
                broken.add(target);
            }
        }
        assertThat(links).as("relative links in docs/architecture.md").isGreaterThan(20);
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }

    private List<String> modules() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(pom(root));
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    /** Per module, the project's modules its pom declares: with test scope, or with any other scope. */
    private Map<String, Set<String>> dependencies(boolean testScope) throws IOException {
        List<String> modules = modules();
        Map<String, Set<String>> deps = new TreeMap<>();
        for (String module : modules) {
            Set<String> found = new TreeSet<>();
            Matcher d = DEPENDENCY.matcher(pom(root.resolve(module)));
            while (d.find()) {
                String body = d.group(1);
                String artifact = tag(body, "artifactId");
                boolean test = "test".equals(tag(body, "scope"));
                if (GROUP.equals(tag(body, "groupId")) && test == testScope) {
                    assertThat(modules).as(module + " depends on " + artifact).contains(artifact);
                    found.add(artifact);
                }
            }
            deps.put(module, found);
        }
        return deps;
    }

    private static Set<String> reach(Map<String, Set<String>> graph, String from) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(graph.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return new TreeSet<>(seen);
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private static String pom(Path folder) throws IOException {
        return COMMENT.matcher(Files.readString(folder.resolve("pom.xml"))).replaceAll("");
    }

    private String architecture() throws IOException {
        return Files.readString(root.resolve("docs/architecture.md"), StandardCharsets.UTF_8);
    }

    private List<String> mermaid() throws IOException {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : architecture().split("\n")) {
            if (line.startsWith("```")) {
                in = line.equals("```mermaid");
                continue;
            }
            if (in) {
                lines.add(line);
            }
        }
        assertThat(lines).as("the mermaid block of docs/architecture.md").isNotEmpty();
        return lines;
    }

    private static String withoutMermaid(String text) {
        return text.replaceAll("(?s)```mermaid.*?```", "");
    }

    /** Simple names of the classes, interfaces, enums and records (nested ones too) of every module's sources. */
    private Set<String> declaredTypes() throws IOException {
        Set<String> names = new HashSet<>();
        for (String module : modules()) {
            Path src = root.resolve(module).resolve("src");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = TYPE_DECLARATION.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        return names;
    }
}
