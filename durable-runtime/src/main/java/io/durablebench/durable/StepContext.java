package io.durablebench.durable;

/** What a step's code knows about the attempt it runs in. */
public interface StepContext {
    /** The attempt number, counting from 1. */
    int getAttempt();

    /** The operation id of the step (stable across replays). */
    String getOperationId();

    DurableLogger getLogger();
}
