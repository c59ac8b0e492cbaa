package io.durablebench.locallambda.function;

import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The code of one version of a function. Published versions keep the code they were published with;
 * {@code $LATEST} runs whatever code was deployed last. Each kind has a {@link #ref()} that the
 * service keeps in its data directory, so a restart finds every version's code again.
 */
public sealed interface FunctionCode permits FunctionCode.Template, FunctionCode.Handlers, FunctionCode.ClassPath {

    /** What names this code in the data directory (and its {@code CodeSha256}). */
    String ref();

    /** The template's handler class, from the service's class loader (or, in environments of their own, its class path). */
    static FunctionCode template() {
        return Template.INSTANCE;
    }

    /** Handler instances made in code, one per concurrently running invocation (functions in the service's JVM). */
    static Handlers handlers(String id, Supplier<?> instances) {
        return new Handlers(id, instances);
    }

    /** A code location: a class path holding the handler class and its dependencies (e.g. a SAM build folder's classes and lib jars). */
    static FunctionCode classPath(String classPath) {
        return new ClassPath(classPath);
    }

    /** The template's handler. */
    record Template() implements FunctionCode {
        static final Template INSTANCE = new Template();

        @Override
        public String ref() {
            return "template";
        }
    }

    /**
     * Handlers made in code. They cannot be written to disk: a service started again on the same data
     * directory gets them again under the same {@code id} ({@code LocalLambdaConfig.Builder.code}).
     */
    record Handlers(String id, Supplier<?> instances) implements FunctionCode {
        private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

        public Handlers {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a code id is 1-128 letters, digits, '.', '_' or '-', got " + id);
            }
            if (instances == null) {
                throw new IllegalArgumentException("handlers " + id + ": the supplier of handler instances is missing");
            }
        }

        @Override
        public String ref() {
            return "handlers:" + id;
        }
    }

    /** A class path; its entries are resolved when the code is first run. */
    record ClassPath(String classPath) implements FunctionCode {
        public ClassPath {
            if (classPath == null || classPath.isBlank()) {
                throw new IllegalArgumentException("a class path of code must name at least one folder or jar");
            }
        }

        @Override
        public String ref() {
            return "classpath:" + classPath;
        }
    }

    /**
     * The code a stored {@link #ref()} names.
     *
     * @param handlers the handlers made in code that the embedder gave this run, by id
     * @param where    what the ref belongs to, for the error message
     * @throws IllegalStateException when the ref names handlers this run was not given
     */
    static FunctionCode fromRef(String ref, Map<String, Handlers> handlers, String where) {
        if (ref.equals("template")) {
            return template();
        }
        if (ref.startsWith("classpath:")) {
            return classPath(ref.substring("classpath:".length()));
        }
        if (ref.startsWith("handlers:")) {
            String id = ref.substring("handlers:".length());
            Handlers h = handlers.get(id);
            if (h == null) {
                throw new IllegalStateException(where + " runs handlers '" + id + "' made in code, which this run was "
                        + "not given: pass them to LocalLambdaConfig.Builder.code(FunctionCode.handlers(\"" + id
                        + "\", ...)) to start on this data directory");
            }
            return h;
        }
        throw new IllegalStateException(where + ": unknown code reference '" + ref + "'");
    }
}
