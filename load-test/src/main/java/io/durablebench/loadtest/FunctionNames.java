package io.durablebench.loadtest;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.SamTemplate;

/**
 * How a target names the template's functions. Which functions are durable, and under which alias
 * they are invoked, is the template's to say (its {@code DurableConfig} and {@code AutoPublishAlias}):
 * Lambda refuses unqualified invokes of a durable function.
 */
@FunctionalInterface
public interface FunctionNames {
    /** The name to invoke for a logical id. */
    String of(String logicalId);

    /**
     * Local services hosting the template's functions under their logical ids (the embedded local
     * Lambda, a separately started one): durable functions as {@code <Id>:<alias>}. A function the
     * template does not have (the no-op registered in code) keeps its name.
     */
    static FunctionNames byLogicalId(SamTemplate template) {
        return logicalId -> {
            FunctionDefinition f = template.functions().get(logicalId);
            if (f == null || !f.isDurable()) {
                return logicalId;
            }
            return logicalId + ":" + f.autoPublishAlias().orElseThrow(() -> new IllegalStateException("durable function "
                    + logicalId + " has no AutoPublishAlias in " + template.file() + ": Lambda refuses unqualified durable invokes"));
        };
    }
}
