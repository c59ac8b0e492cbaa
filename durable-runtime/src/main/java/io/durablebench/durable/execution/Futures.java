package io.durablebench.durable.execution;

import io.durablebench.durable.DurableFuture;
import java.util.ArrayList;
import java.util.List;

/** Waiting on several durable futures at once. */
public final class Futures {
    private Futures() {
    }

    public static List<Object> allOf(List<? extends DurableFuture<?>> futures) {
        List<Object> results = new ArrayList<>(futures.size());
        for (DurableFuture<?> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    public static int anyOf(List<? extends DurableFuture<?>> futures) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("anyOf needs at least one future");
        }
        InvocationRuntime runtime = null;
        for (DurableFuture<?> f : futures) {
            if (f instanceof DurableFutureImpl<?> impl) {
                runtime = impl.runtime();
                break;
            }
        }
        if (runtime == null) {
            futures.get(0).get();
            return 0;
        }
        runtime.awaitUntil(() -> futures.stream().anyMatch(DurableFuture::isDone), null);
        for (int i = 0; i < futures.size(); i++) {
            if (futures.get(i).isDone()) {
                return i;
            }
        }
        throw new IllegalStateException("no future is done");
    }
}
