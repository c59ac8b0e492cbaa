package io.durablebench.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A function that another function invokes is invoked through the alias SAM publishes for it. SAM
 * attaches a function's EventInvokeConfig (retries, maximum event age, failure destination) to that
 * alias, and SnapStart applies to published versions only: an unqualified invoke runs $LATEST, with
 * Lambda's default asynchronous settings and no snapshot.
 */
class InvokedThroughAliasTest {
    @Test
    void everyFunctionNamedInAnEnvironmentIsQualifiedWithItsAlias() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate(Path.of("")));
        LocalResources resources = new LocalResources(template, "us-east-1");
        List<String> named = new ArrayList<>();
        List<String> unqualified = new ArrayList<>();
        for (FunctionDefinition caller : template.functions().values()) {
            resources.environment(caller).forEach((variable, value) -> {
                String function = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
                FunctionDefinition callee = template.functions().get(function);
                if (callee == null) {
                    return;
                }
                named.add(caller.logicalId() + "." + variable);
                String expected = callee.autoPublishAlias().map(alias -> function + ":" + alias).orElse(function);
                if (!value.equals(expected)) {
                    unqualified.add(caller.logicalId() + "." + variable + " = " + value + ", expected " + expected);
                }
            });
        }
        assertThat(named).as("the template's functions that name another function").isNotEmpty();
        assertThat(unqualified).isEmpty();
    }
}
