package io.durablebench.durable.execution;

import software.amazon.awssdk.services.lambda.model.ErrorObject;

/** How an invocation ends. */
sealed interface Outcome {
    /** The handler returned; {@code result} is its serialized value ("" when checkpointed because too large). */
    record Succeeded(String result) implements Outcome {
    }

    /** The execution failed: the handler threw, a step gave up, or the replay was non-deterministic. */
    record Failed(ErrorObject error) implements Outcome {
    }

    /** Nothing can progress until the service completes something; Lambda will invoke again. */
    record Pending() implements Outcome {
    }

    /** The invocation must fail without deciding the execution (Lambda retries the invocation). */
    record Retry(RuntimeException cause) implements Outcome {
    }

    /**
     * User code threw an {@link Error} (the JVM is in trouble, or a test plays a dying process): the
     * invocation dies with it, like the process would, and decides nothing about the execution.
     */
    record Crashed(Error error) implements Outcome {
    }
}
