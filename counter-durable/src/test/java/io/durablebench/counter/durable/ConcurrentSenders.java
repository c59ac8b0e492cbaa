package io.durablebench.counter.durable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Senders on threads of their own, each running the same task with its index (0..senders-1). */
record ConcurrentSenders<T>(ExecutorService pool, List<Future<T>> futures) {
    interface Task<T> {
        T run(int sender) throws Exception;
    }

    static <T> ConcurrentSenders<T> start(int senders, Task<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<T>> futures = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int id = s;
            futures.add(pool.submit(() -> task.run(id)));
        }
        return new ConcurrentSenders<>(pool, futures);
    }

    /**
     * Waits for every sender and returns what each returned, in sender order; a sender's failure is
     * thrown. The pool takes no more tasks from here on; its threads end with their senders.
     */
    List<T> results() throws Exception {
        pool.shutdown();
        List<T> results = new ArrayList<>(futures.size());
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }
}
