package io.durablebench.durable.config;

/** How map iterations and parallel branches are recorded. */
public enum NestingType {
    /** Each iteration/branch is a checkpointed child context (MapIteration / ParallelBranch). */
    NESTED,
    /** Iterations/branches are virtual: their operations are recorded directly under the map/parallel. */
    FLAT
}
