package io.durablebench.durable.config;

import io.durablebench.durable.serde.SerDes;

/** Options of a child context: the serializer of its result. */
public record RunInChildContextConfig(SerDes serDes) {
    public static final RunInChildContextConfig DEFAULT = new RunInChildContextConfig(null);
}
