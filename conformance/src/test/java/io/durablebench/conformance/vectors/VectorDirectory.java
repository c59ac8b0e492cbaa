package io.durablebench.conformance.vectors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the conformance vectors: {@code ../shared/conformance/} beside the repository (CI symlinks
 * {@code shared} there). Looked up from the working directory upwards, so it works from the repository
 * root and from a module directory alike; {@code -Dconformance.vectors=<dir>} or the environment
 * variable {@code CONFORMANCE_VECTORS} names the folder directly.
 */
public final class VectorDirectory {
    public static final String PROPERTY = "conformance.vectors";
    public static final String ENVIRONMENT = "CONFORMANCE_VECTORS";

    private VectorDirectory() {
    }

    /** The vectors folder; throws with every place it looked when there is none. */
    public static Path locate() {
        String override = System.getProperty(PROPERTY);
        String source = "-D" + PROPERTY;
        if (override == null || override.isBlank()) {
            override = System.getenv(ENVIRONMENT);
            source = ENVIRONMENT;
        }
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override).toAbsolutePath().normalize();
            if (!isVectorFolder(dir)) {
                throw new IllegalStateException(source + " names " + dir + ", which is not a conformance vector folder "
                        + "(it needs README.md and the suite folders step/, wait/, child/, map/, parallel/)");
            }
            return dir;
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (dir.getParent() == null) {
                break;
            }
            Path candidate = dir.resolveSibling("shared").resolve("conformance").normalize();
            tried.add(candidate);
            if (isVectorFolder(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the conformance vectors are missing: expected ../shared/conformance/ beside "
                + "the repository (looked at " + tried + "). Link or copy the shared folder there, or point -D"
                + PROPERTY + " / " + ENVIRONMENT + " at it.");
    }

    static boolean isVectorFolder(Path dir) {
        if (!Files.isRegularFile(dir.resolve("README.md"))) {
            return false;
        }
        for (String suite : Vectors.SUITES) {
            if (!Files.isDirectory(dir.resolve(suite))) {
                return false;
            }
        }
        return true;
    }
}
