package org.tokenauth.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tokenauth.problems.ApiProblem;

/**
 * The gate is driven with latches: work blocks until the test lets it go, so "busy" and "waiting"
 * are states the test reaches and sees (through {@link HashingGate#waiting()}), not timings. The
 * class timeout only stops a broken gate from hanging the build.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HashingGateTest {

    /** Long enough that a waiter never gives up during a test unless the test wants it to. */
    static final long FOREVER_MILLIS = TimeUnit.HOURS.toMillis(1);

    final ExecutorService pool = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "worker threads did not finish");
    }

    /** Work that counts itself in, records the peak, and holds its permit until {@link #release}. */
    Supplier<Integer> blocking(AtomicInteger running, AtomicInteger peak, CountDownLatch started, int result) {
        return () -> {
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            started.countDown();
            try {
                if (!release.await(15, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
            return result;
        };
    }

    /** Waits for a state of the gate; fails (rather than hangs) when it is never reached. */
    static void awaitState(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never reached: " + what.get());
            }
            Thread.sleep(1);
        }
    }

    static void assertBusy(ApiProblem problem) {
        assertEquals(503, problem.problem().status());
        assertTrue(problem.headers().containsKey("Retry-After"), "headers: " + problem.headers());
        assertTrue(Long.parseLong(problem.headers().get("Retry-After")) >= 1, "Retry-After in whole seconds");
    }

    @Test
    void neverRunsMoreThanMaxRunningAtOnce() throws Exception {
        HashingGate gate = new HashingGate(3, 20, FOREVER_MILLIS);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(12);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Supplier<Integer> work = blocking(running, peak, started, i);
            results.add(pool.submit(() -> gate.run(work)));
        }

        awaitState(() -> running.get() == 3 && gate.waiting() == 9,
                () -> "3 running and 9 waiting, have " + running.get() + " and " + gate.waiting());
        assertEquals(3, running.get());
        assertEquals(9, gate.waiting());
        assertEquals(9, started.getCount(), "nine have not started their work");

        release.countDown();
        for (int i = 0; i < 12; i++) {
            assertEquals(i, results.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(3, peak.get(), "at most three at once, and three did run together");
        assertEquals(0, gate.waiting());
    }

    @Test
    void manyThreadsHammeringTheGateNeverExceedMaxRunning() throws Exception {
        HashingGate gate = new HashingGate(2, 100, FOREVER_MILLIS);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 300; i++) {
                    gate.run(() -> {
                        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Thread.yield();
                        running.decrementAndGet();
                        return done.incrementAndGet();
                    });
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> thread : threads) {
            thread.get(15, TimeUnit.SECONDS);
        }
        assertEquals(8 * 300, done.get());
        assertTrue(peak.get() <= 2, "peak " + peak.get());
        assertEquals(0, running.get());
        assertEquals(0, gate.waiting());
    }

    @Test
    void refusesAtOnceWith503WhenAllRunAndAllWaitingPlacesAreTaken() throws Exception {
        HashingGate gate = new HashingGate(2, 3, FOREVER_MILLIS);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        List<Future<Integer>> accepted = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Supplier<Integer> work = blocking(running, peak, started, i);
            accepted.add(pool.submit(() -> gate.run(work)));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        for (int i = 2; i < 5; i++) {
            int result = i;
            accepted.add(pool.submit(() -> gate.run(() -> result)));
        }
        awaitState(() -> gate.waiting() == 3, () -> "3 waiting, have " + gate.waiting());

        // the waiters wait for an hour, so only an immediate refusal returns before the class timeout
        for (int attempt = 0; attempt < 3; attempt++) {
            AtomicBoolean ran = new AtomicBoolean();
            ApiProblem problem = assertThrows(ApiProblem.class, () -> gate.run(() -> ran.getAndSet(true)));
            assertBusy(problem);
            assertFalse(ran.get(), "refused work must not run");
            assertEquals(3, gate.waiting(), "a refusal leaves the waiting count as it was");
        }

        release.countDown();
        for (int i = 0; i < 5; i++) {
            assertEquals(i, accepted.get(i).get(10, TimeUnit.SECONDS), "accepted work " + i + " ran");
        }
        assertEquals(0, gate.waiting());
        assertEquals("after", gate.run(() -> "after"));
    }

    @Test
    void withNoWaitingPlacesABusyGateRefusesAtOnce() throws Exception {
        HashingGate gate = new HashingGate(1, 0, FOREVER_MILLIS);
        CountDownLatch started = new CountDownLatch(1);
        Future<Integer> holder = pool.submit(() -> gate.run(blocking(new AtomicInteger(), new AtomicInteger(), started, 7)));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        assertBusy(assertThrows(ApiProblem.class, () -> gate.run(() -> 1)));
        assertEquals(0, gate.waiting());

        release.countDown();
        assertEquals(7, holder.get(10, TimeUnit.SECONDS));
        assertEquals(1, gate.run(() -> 1));
    }

    @Test
    void aWaiterThatWaitsLongerThanMaxWaitGets503() throws Exception {
        HashingGate gate = new HashingGate(1, 1, 50);
        CountDownLatch started = new CountDownLatch(1);
        Future<Integer> holder = pool.submit(() -> gate.run(blocking(new AtomicInteger(), new AtomicInteger(), started, 7)));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        // the permit is never released while this call waits, so it can only give up
        AtomicBoolean ran = new AtomicBoolean();
        assertBusy(assertThrows(ApiProblem.class, () -> gate.run(() -> ran.getAndSet(true))));
        assertFalse(ran.get());
        assertEquals(0, gate.waiting(), "the waiter that gave up is no longer counted");

        // and it left its waiting place free: the next caller may wait (and times out the same way)
        assertBusy(assertThrows(ApiProblem.class, () -> gate.run(() -> 1)));
        assertEquals(0, gate.waiting());

        release.countDown();
        assertEquals(7, holder.get(10, TimeUnit.SECONDS));
        assertEquals(2, gate.run(() -> 2));
    }

    @Test
    void aWaiterThatIsReleasedInTimeRuns() throws Exception {
        HashingGate gate = new HashingGate(1, 1, FOREVER_MILLIS);
        CountDownLatch started = new CountDownLatch(1);
        Future<Integer> holder = pool.submit(() -> gate.run(blocking(new AtomicInteger(), new AtomicInteger(), started, 7)));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Future<String> waiter = pool.submit(() -> gate.run(() -> "waited"));
        awaitState(() -> gate.waiting() == 1, () -> "1 waiting, have " + gate.waiting());
        assertFalse(waiter.isDone());

        release.countDown();
        assertEquals(7, holder.get(10, TimeUnit.SECONDS));
        assertEquals("waited", waiter.get(10, TimeUnit.SECONDS));
        assertEquals(0, gate.waiting());
    }

    @Test
    void anInterruptedWaiterGets503AndKeepsItsInterrupt() throws Exception {
        HashingGate gate = new HashingGate(1, 1, FOREVER_MILLIS);
        CountDownLatch started = new CountDownLatch(1);
        Future<Integer> holder = pool.submit(() -> gate.run(blocking(new AtomicInteger(), new AtomicInteger(), started, 7)));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        AtomicReference<ApiProblem> refused = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        AtomicBoolean ran = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                gate.run(() -> ran.getAndSet(true));
            } catch (ApiProblem e) {
                refused.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        awaitState(() -> gate.waiting() == 1, () -> "1 waiting, have " + gate.waiting());
        waiter.interrupt();
        waiter.join(10_000);

        assertFalse(waiter.isAlive());
        assertBusy(refused.get());
        assertTrue(stillInterrupted.get(), "the interrupt is not swallowed");
        assertFalse(ran.get());
        assertEquals(0, gate.waiting());

        release.countDown();
        assertEquals(7, holder.get(10, TimeUnit.SECONDS));
    }

    @Test
    void finishedWorkGivesItsPlaceBack() {
        HashingGate gate = new HashingGate(1, 0, FOREVER_MILLIS);
        // with one place and no waiting, any permit not given back would make the next call a 503
        for (int i = 0; i < 100; i++) {
            int n = i;
            assertEquals(n, gate.run(() -> n));
        }
    }

    @Test
    void workThatThrowsGivesItsPlaceBack() {
        HashingGate gate = new HashingGate(1, 0, FOREVER_MILLIS);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> gate.run(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", thrown.getMessage());
        assertEquals("next", gate.run(() -> "next"));
    }

    @Test
    void refusesNonsenseLimits() {
        assertThrows(IllegalArgumentException.class, () -> new HashingGate(0, 1, 1000));
        assertThrows(IllegalArgumentException.class, () -> new HashingGate(-1, 1, 1000));
        assertThrows(IllegalArgumentException.class, () -> new HashingGate(1, -1, 1000));
    }
}
