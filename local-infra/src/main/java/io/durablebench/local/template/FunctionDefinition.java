package io.durablebench.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code AWS::Serverless::Function} of the template, with Globals applied.
 *
 * @param logicalId        the resource's logical id; locally also the function's name
 * @param handler          {@code package.Class} or {@code package.Class::method}
 * @param codeUri          the module folder holding the function's code
 * @param runtime          e.g. java17
 * @param timeoutSeconds   per-invocation limit
 * @param memoryMb         memory size
 * @param environment      environment variables, values possibly intrinsics ({@link Intrinsic})
 * @param durable          the DurableConfig, empty for ordinary functions
 * @param autoPublishAlias the alias SAM publishes, empty if none
 * @param policies         the raw {@code Policies} list
 * @param properties       all properties as written, for checks that need more
 */
public record FunctionDefinition(String logicalId, String handler, String codeUri, String runtime,
                                 int timeoutSeconds, int memoryMb, Map<String, Object> environment,
                                 Optional<DurableSettings> durable, Optional<String> autoPublishAlias,
                                 List<Object> policies, Map<String, Object> properties) {
    /** The handler class name, without a {@code ::method} suffix. */
    public String handlerClass() {
        int i = handler.indexOf("::");
        return i < 0 ? handler : handler.substring(0, i);
    }

    public boolean isDurable() {
        return durable.isPresent();
    }
}
