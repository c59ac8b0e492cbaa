package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.error.LambdaApiException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every execution the service knows, by ARN and by {@code function/name} (the idempotent-start
 * index). Lookups by ARN validate the ARN's form and answer ResourceNotFoundException for an
 * unknown one, the way every durable API does.
 */
final class ExecutionRegistry {
    private final ConcurrentHashMap<String, DurableExecution> byArn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DurableExecution> byName = new ConcurrentHashMap<>();

    static String nameKey(String functionName, String executionName) {
        return functionName + "/" + executionName;
    }

    /** The execution an API call names, or InvalidParameterValueException / ResourceNotFoundException. */
    DurableExecution find(String arn) {
        if (arn == null || arn.isEmpty()) {
            throw LambdaApiException.invalidParameter("DurableExecutionArn is required");
        }
        if (!arn.startsWith("arn:") || !arn.contains("/durable-execution/")) {
            throw LambdaApiException.invalidParameter("DurableExecutionArn " + arn + " is not a durable execution ARN");
        }
        DurableExecution exec = byArn.get(arn);
        if (exec == null) {
            throw LambdaApiException.notFound("Durable execution not found: " + arn);
        }
        return exec;
    }

    /** The execution with this ARN, or null. */
    DurableExecution get(String arn) {
        return byArn.get(arn);
    }

    /** A consistent copy of the header of the execution with this ARN, or null. */
    ExecutionHeader headerOrNull(String arn) {
        DurableExecution exec = byArn.get(arn);
        return exec == null ? null : exec.headerLocked();
    }

    DurableExecution byName(String key) {
        return byName.get(key);
    }

    /** Claims a name for a new execution; false if another holds it. */
    boolean claimName(String key, DurableExecution exec) {
        return byName.putIfAbsent(key, exec) == null;
    }

    void releaseName(String key, DurableExecution exec) {
        byName.remove(key, exec);
    }

    void indexName(DurableExecution exec) {
        byName.put(nameKey(exec.header.functionName(), exec.header.executionName()), exec);
    }

    void add(DurableExecution exec) {
        byArn.put(exec.header.arn(), exec);
    }

    /** The execution with this ARN, made with {@code header} if it is not known yet (recovery). */
    DurableExecution getOrCreate(ExecutionHeader header) {
        return byArn.computeIfAbsent(header.arn(), a -> new DurableExecution(header));
    }

    Collection<DurableExecution> all() {
        return byArn.values();
    }

    int size() {
        return byArn.size();
    }

    List<String> arns() {
        return List.copyOf(byArn.keySet());
    }
}
