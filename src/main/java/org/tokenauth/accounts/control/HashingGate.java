package org.tokenauth.accounts.control;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.tokenauth.problems.ApiProblem;

/**
 * Lets a few password hashes run at once (each takes about 19 MiB), keeps a bounded number waiting,
 * and turns the rest away with 503 and {@code Retry-After}: a flood of logins then costs a bounded
 * amount of memory instead of an out-of-memory server.
 */
public class HashingGate {

    private final Semaphore running;
    private final int maxWaiting;
    private final long maxWaitMillis;
    private final AtomicInteger waiting = new AtomicInteger();

    public HashingGate(int maxRunning, int maxWaiting, long maxWaitMillis) {
        if (maxRunning < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("maxRunning must be positive and maxWaiting not negative");
        }
        this.running = new Semaphore(maxRunning, true);
        this.maxWaiting = maxWaiting;
        this.maxWaitMillis = maxWaitMillis;
    }

    public <T> T run(Supplier<T> work) {
        if (!tryAcquireInTurn()) {
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw busy();
            }
            try {
                if (!running.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                    throw busy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            } finally {
                waiting.decrementAndGet();
            }
        }
        try {
            return work.get();
        } finally {
            running.release();
        }
    }

    /** A free permit, unless others already wait for one (the semaphore is fair; plain tryAcquire is not). */
    private boolean tryAcquireInTurn() {
        try {
            return running.tryAcquire(0, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    int waiting() {
        return waiting.get();
    }

    private static ApiProblem busy() {
        return ApiProblem.retryLater(503, "Too many password checks are in progress; try again shortly.", 1);
    }
}
