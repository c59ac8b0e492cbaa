package io.durablebench.video.baseline;

/**
 * The baseline's waits (between polls, between a chunk's attempts): a sleep, so the invocation keeps
 * running (and is billed) meanwhile, where a durable function's waits are scheduled by the service.
 */
final class Waits {
    private Waits() {
    }

    /** Sleeps {@code millis}; an interrupt ends the wait with an {@link IllegalStateException} saying {@code interrupted}. */
    static void sleep(long millis, String interrupted) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted, e);
        }
    }
}
