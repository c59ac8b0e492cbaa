package io.durablebench.locallambda.function;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of one version's code run in the service's JVM: the version's class path first
 * (so two versions can hold different classes under one name), then the JDK. Only the Lambda
 * runtime interfaces ({@code com.amazonaws.services.lambda.runtime}) come from the service, which
 * calls the handler through them, as the runtime does on Lambda. A class path entry ending in
 * {@code /*} names every jar of that folder, as {@code java -cp} reads it.
 */
final class CodeClassLoader extends URLClassLoader {
    private static final String RUNTIME_API = "com.amazonaws.services.lambda.runtime.";
    private final ClassLoader service;

    CodeClassLoader(String classPath, ClassLoader service) {
        super("code", urls(classPath), ClassLoader.getPlatformClassLoader());
        this.service = service;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(RUNTIME_API)) {
            return service.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    private static URL[] urls(String classPath) {
        List<URL> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                if (entry.endsWith("/*")) {
                    Path dir = Path.of(entry.substring(0, entry.length() - 2));
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> jars = Files.list(dir)) {
                            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                                out.add(jar.toUri().toURL());
                            }
                        }
                    }
                } else {
                    out.add(Path.of(entry).toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("class path entry " + entry + " is not a path", e);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + entry, e);
            }
        }
        return out.toArray(URL[]::new);
    }
}
