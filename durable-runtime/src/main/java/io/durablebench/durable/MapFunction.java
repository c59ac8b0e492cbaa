package io.durablebench.durable;

/** The work of one map item: it gets the item, its index and a context of its own for durable calls. */
@FunctionalInterface
public interface MapFunction<I, O> {
    O apply(I item, int index, DurableContext context);
}
