package io.durablebench.durable.config;

import io.durablebench.durable.serde.SerDes;

/** Options of a chained invoke: the payload/result serializer and the tenant id, if any. */
public record InvokeConfig(SerDes serDes, String tenantId) {
    public static final InvokeConfig DEFAULT = new InvokeConfig(null, null);
}
