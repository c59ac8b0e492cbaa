package io.durablebench.locallambda.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.locallambda.testfn.EchoHandler;
import io.durablebench.locallambda.testfn.EnvHandler;
import io.durablebench.locallambda.testfn.ScriptedHandler;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which handler classes the host hands an environment to: those with a public
 * {@code void useEnvironment(Map)}, declared or inherited; the others read the process's.
 * (That the handed map reaches an invocation is {@code InvokeApiTest}'s check.)
 */
class EnvironmentMethodTest {
    @Test
    void aDeclaredOrInheritedPublicUseEnvironmentIsFound() throws Exception {
        Method declared = HostedFunction.environmentMethod(EchoHandler.class);
        assertThat(declared).isNotNull();
        assertThat(declared.getParameterTypes()).containsExactly(Map.class);
        assertThat(HostedFunction.environmentMethod(ScriptedHandler.class)).as("inherited from DurableTestHandler")
                .isNotNull();
    }

    @Test
    void aClassWithoutOneGetsNothing() {
        assertThat(HostedFunction.environmentMethod(EnvHandler.class)).isNull();
    }

    /** Not the contract: returns a value, so the host leaves it alone. */
    public static final class AnswersSomething {
        public String useEnvironment(Map<String, String> environment) {
            return "no";
        }
    }

    /** Not the contract: not public. */
    static final class Hidden {
        void useEnvironment(Map<String, String> environment) {
        }
    }

    @Test
    void aMethodOfAnotherShapeIsNotTheContract() {
        assertThat(HostedFunction.environmentMethod(AnswersSomething.class)).isNull();
        assertThat(HostedFunction.environmentMethod(Hidden.class)).isNull();
    }
}
