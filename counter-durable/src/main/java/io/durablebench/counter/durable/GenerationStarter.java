package io.durablebench.counter.durable;

/** Starts the next generation of a counter entity (idempotently: same name, same input). */
interface GenerationStarter {
    /** @return the new execution's ARN */
    String start(String functionArn, EntityState state);
}
