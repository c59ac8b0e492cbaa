package io.durablebench.security;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which jars of a function package the handler can reach: the classes reachable from the handler
 * class through their class files' constant pools (class references, every type in a descriptor or
 * signature, and string constants naming a class of the package, which covers classes loaded by a
 * literal name), plus the providers a reached service interface has in {@code META-INF/services}
 * and the interceptors the AWS SDK lists in {@code execution.interceptors} files. An annotation
 * type without runtime retention counts only where a class names it as a class (not where it merely
 * annotates): the JVM never loads it for its annotations. Static reach over-approximates what runs;
 * a jar with no reached class is one the function cannot use.
 */
final class ClassReach {
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([A-Za-z0-9_$/]+)[;<]");

    /** A class file and the archive (a jar name, or "classes" for the function's own) it came from. */
    private record Entry(String origin, byte[] bytes) {
    }

    private final Map<String, Entry> classes = new HashMap<>();
    private final Map<String, List<String>> services = new HashMap<>();
    private final Set<String> sdkInterceptors = new HashSet<>();
    private final Set<String> jars = new TreeSet<>();

    private ClassReach() {
    }

    /** Indexes a {@code sam build} function folder: its own classes and {@code lib/*.jar}. */
    static ClassReach of(Path functionDir) {
        ClassReach reach = new ClassReach();
        try (Stream<Path> files = Files.walk(functionDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = functionDir.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("lib/") && rel.endsWith(".jar")) {
                    reach.indexJar(p);
                } else {
                    reach.add("classes", rel, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reach;
    }

    private void indexJar(Path jar) throws IOException {
        String name = jar.getFileName().toString();
        jars.add(name);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().filter(e -> !e.isDirectory()).toList()) {
                add(name, e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
    }

    private void add(String origin, String path, byte[] bytes) {
        if (path.endsWith(".class") && !path.endsWith("module-info.class") && !path.startsWith("META-INF/versions/")) {
            classes.putIfAbsent(path.substring(0, path.length() - ".class".length()), new Entry(origin, bytes));
        } else if (path.startsWith("META-INF/services/")) {
            String service = path.substring("META-INF/services/".length()).replace('.', '/');
            services.computeIfAbsent(service, k -> new java.util.ArrayList<>()).addAll(classNames(bytes));
        } else if (path.endsWith("execution.interceptors")) {
            sdkInterceptors.addAll(classNames(bytes));
        }
    }

    private static List<String> classNames(byte[] listing) {
        return new String(listing, StandardCharsets.UTF_8).lines().map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty()).map(l -> l.replace('.', '/')).toList();
    }

    Set<String> jars() {
        return jars;
    }

    /** The jars holding at least one class reachable from {@code handlerClass} (a binary name). */
    Set<String> jarsReachedFrom(String handlerClass) {
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        String root = handlerClass.replace('.', '/');
        if (!classes.containsKey(root)) {
            throw new IllegalArgumentException("the package has no class " + handlerClass);
        }
        todo.add(root);
        todo.addAll(sdkInterceptors);
        Set<String> jarsReached = new TreeSet<>();
        while (!todo.isEmpty()) {
            String c = todo.poll();
            Entry e = classes.get(c);
            if (e == null || !reached.add(c)) {
                continue;
            }
            jarsReached.add(e.origin());
            todo.addAll(services.getOrDefault(c, List.of()));
            References refs = references(e.bytes());
            for (String ref : refs.all()) {
                Entry target = classes.get(ref);
                if (target != null && !reached.contains(ref)
                        && (refs.asClass().contains(ref) || !references(target.bytes()).compileTimeAnnotation())) {
                    todo.add(ref);
                }
            }
        }
        jarsReached.remove("classes");
        return jarsReached;
    }

    /**
     * What a class file names: {@code asClass}, its class entries; {@code all}, those plus the types
     * inside descriptors, signatures and annotations, and class-named strings. {@code compileTimeAnnotation}:
     * the class is an annotation type without runtime retention.
     */
    private record References(Set<String> asClass, Set<String> all, boolean compileTimeAnnotation) {
    }

    private References references(byte[] classFile) {
        Set<String> refs = new HashSet<>();
        Set<String> asClass = new HashSet<>();
        boolean runtimeRetention = false;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            in.readInt(); // magic
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] stringRefs = new int[count];
            int[] classRefs = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classRefs[i] = in.readUnsignedShort();
                    case 8 -> stringRefs[i] = in.readUnsignedShort();
                    case 16, 19, 20 -> in.readUnsignedShort(); // MethodType, Module, Package
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // takes two entries
                    }
                    case 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IllegalStateException("unknown constant pool tag " + tag);
                }
            }
            for (int i = 1; i < count; i++) {
                if (classRefs[i] != 0) {
                    String name = utf8[classRefs[i]];
                    asClass.add(name.startsWith("[") ? name.replaceAll("^\\[+L?|;$", "") : name);
                }
                runtimeRetention |= "RUNTIME".equals(utf8[i]);
                if (stringRefs[i] != 0) {
                    String s = utf8[stringRefs[i]];
                    if (s != null && s.indexOf('.') > 0 && !s.contains(" ")) {
                        refs.add(s.replace('.', '/'));
                    }
                }
                if (utf8[i] != null && utf8[i].indexOf('L') >= 0) {
                    Matcher m = DESCRIPTOR_TYPE.matcher(utf8[i]);
                    while (m.find()) {
                        refs.add(m.group(1));
                    }
                }
            }
            int access = in.readUnsignedShort();
            refs.addAll(asClass);
            return new References(asClass, refs, (access & 0x2000) != 0 && !runtimeRetention);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
