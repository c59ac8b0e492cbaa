package io.durablebench.local.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Unpacks sqlite4java's native library (DynamoDB Local's storage engine) from this jar into a
 * temporary folder and points {@code sqlite4java.library.path} at it. Done once per JVM; works the
 * same from Maven's target/classes and from a shaded jar.
 */
final class SqliteNatives {
    private static final String VERSION = "1.0.392";
    private static final List<String> LIBRARIES = List.of(
            "libsqlite4java-linux-amd64-" + VERSION + ".so",
            "libsqlite4java-osx-" + VERSION + ".dylib");
    private static Path directory;

    private SqliteNatives() {
    }

    static synchronized Path install() {
        if (directory != null) {
            return directory;
        }
        try {
            Path dir = Files.createTempDirectory("sqlite4java-");
            dir.toFile().deleteOnExit();
            int found = 0;
            for (String name : LIBRARIES) {
                try (InputStream in = SqliteNatives.class.getResourceAsStream("/sqlite4java-natives/" + name)) {
                    if (in == null) {
                        continue;
                    }
                    Path target = dir.resolve(name);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                    found++;
                }
            }
            if (found == 0) {
                throw new IllegalStateException("sqlite4java native libraries are missing from the classpath "
                        + "(expected under /sqlite4java-natives/); build local-infra with Maven");
            }
            System.setProperty("sqlite4java.library.path", dir.toString());
            directory = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack sqlite4java natives", e);
        }
    }
}
