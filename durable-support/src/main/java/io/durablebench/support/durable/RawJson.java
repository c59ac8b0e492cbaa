package io.durablebench.support.durable;

/**
 * The execution's input exactly as the caller sent it. The handler decodes it itself, with the
 * same strict reader as the baseline (duplicate keys, unknown fields and wrong types are refused
 * naming the field), instead of letting the runtime's lenient default mapper bind it.
 */
public record RawJson(String text) {
}
