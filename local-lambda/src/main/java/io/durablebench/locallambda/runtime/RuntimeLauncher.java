package io.durablebench.locallambda.runtime;

import io.durablebench.local.template.FunctionDefinition;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an execution environment of a function is started, by the function's {@code Runtime}: Java
 * through AWS's runtime interface client ({@code com.amazonaws:aws-lambda-java-runtime-interface-client},
 * main class {@code AWSLambda}, handler as its argument) on the configured class path, Python
 * through {@code awslambdaric} ({@code python -m awslambdaric module.function}) in the function's
 * {@code CodeUri} folder. The environment variables are Lambda's reserved ones plus the function's.
 *
 * @param javaClassPath  the class path of Java environments (the handlers, their dependencies, the runtime client)
 * @param python         the Python interpreter of Python environments (with awslambdaric installed)
 * @param templateDir    where the template is, against which {@code CodeUri} is resolved
 * @param scratchDir     where environments get a task root when their code has no folder of its own
 */
public record RuntimeLauncher(String javaClassPath, String python, Path templateDir, Path scratchDir) {
    static final String JAVA_RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** Whether environments of this runtime can be started. */
    public static boolean supports(String runtime) {
        String r = runtime == null ? "" : runtime.toLowerCase(Locale.ROOT);
        return r.startsWith("java") || r.startsWith("python");
    }

    static boolean isPython(FunctionDefinition def) {
        return isPythonRuntime(def.runtime());
    }

    /** Python runtimes cannot run in the service's JVM: they always get environments of their own. */
    public static boolean isPythonRuntime(String runtime) {
        return runtime != null && runtime.toLowerCase(Locale.ROOT).startsWith("python");
    }

    /** The command line, working directory and environment of a new environment of {@code def}. */
    Launch launch(FunctionDefinition def, Map<String, String> functionEnvironment) {
        return launch(def, functionEnvironment, null);
    }

    /**
     * The same for a version whose code is the class path {@code codeClassPath} (Java), put ahead of
     * the launcher's class path so that its classes shadow the template's and the runtime interface
     * client still comes from the launcher's; null runs the launcher's class path alone.
     */
    Launch launch(FunctionDefinition def, Map<String, String> functionEnvironment, String codeClassPath) {
        if (!supports(def.runtime())) {
            throw new IllegalArgumentException(def.logicalId() + ": runtime " + def.runtime()
                    + " cannot run in its own process here (java*, python* can)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + def.runtime());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + def.logicalId());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + def.logicalId());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("_HANDLER", def.handler());
        List<String> cmd = new ArrayList<>();
        Path workDir;
        if (isPython(def)) {
            workDir = codeDir(def);
            env.put("LAMBDA_TASK_ROOT", workDir.toString());
            env.put("PYTHONPATH", workDir.toString());
            env.put("PYTHONUNBUFFERED", "1");
            cmd.addAll(List.of(python, "-m", "awslambdaric", def.handler()));
        } else {
            workDir = scratch(def);
            env.put("LAMBDA_TASK_ROOT", workDir.toString());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Lambda's Java runtimes stop at C1 by default (faster start); the heap follows MemorySize
            cmd.addAll(List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-Xmx" + Math.max(64, def.memoryMb() * 3 / 4) + "m", "-cp",
                    codeClassPath == null ? javaClassPath : codeClassPath + File.pathSeparator + javaClassPath,
                    JAVA_RIC_MAIN,
                    def.handler()));
        }
        env.putAll(functionEnvironment);
        return new Launch(cmd, workDir, env);
    }

    private Path codeDir(FunctionDefinition def) {
        Path dir = templateDir.resolve(def.codeUri() == null || def.codeUri().isEmpty() ? "." : def.codeUri())
                .normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(def.logicalId() + ": CodeUri " + def.codeUri() + " is not a folder ("
                    + dir + ")");
        }
        return dir;
    }

    private Path scratch(FunctionDefinition def) {
        Path dir = scratchDir.resolve("task-" + def.logicalId());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A new environment's process: command, working directory, environment. */
    record Launch(List<String> command, Path workDir, Map<String, String> environment) {
    }
}
