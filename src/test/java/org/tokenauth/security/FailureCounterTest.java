package org.tokenauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FailureCounterTest {

    /** A clock that only moves when the test says so. */
    static final class TestClock extends Clock {
        private long millis;

        TestClock(long millis) {
            this.millis = millis;
        }

        void advance(long by) {
            millis += by;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static final int MAX = 5;
    private static final long WINDOW = 900_000;

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final FailureCounter counter = new FailureCounter(MAX, WINDOW, 1000, clock);

    private void fail(String key, int times) {
        for (int i = 0; i < times; i++) {
            counter.recordFailure(key);
        }
    }

    @Test
    void unknownKeyIsNotBlocked() {
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("nobody"));
        assertEquals(0, counter.size());
    }

    @Test
    void notBlockedBeforeMaxFailures() {
        for (int i = 1; i < MAX; i++) {
            counter.recordFailure("alice");
            clock.advance(10_000);
            assertEquals(OptionalLong.empty(), counter.blockedForSeconds("alice"), "after " + i + " failures");
        }
    }

    @Test
    void blockedAfterMaxFailuresForTheRestOfTheWindow() {
        fail("alice", MAX);
        assertEquals(OptionalLong.of(900), counter.blockedForSeconds("alice"));

        clock.advance(1_500); // 898.5 s left: rounded up
        assertEquals(OptionalLong.of(899), counter.blockedForSeconds("alice"));

        clock.advance(WINDOW - 1_500 - 1_000); // exactly 1 s left
        assertEquals(OptionalLong.of(1), counter.blockedForSeconds("alice"));

        clock.advance(999); // 1 ms left: still blocked, never 0 seconds
        assertEquals(OptionalLong.of(1), counter.blockedForSeconds("alice"));
    }

    @Test
    void theWindowOpensWithTheFirstFailure() {
        counter.recordFailure("alice");
        clock.advance(600_000);
        fail("alice", MAX - 1);
        // blocked for what is left of the window that the first failure opened: 300 s
        assertEquals(OptionalLong.of(300), counter.blockedForSeconds("alice"));
    }

    @Test
    void unblockedWhenTheWindowHasPassed() {
        fail("alice", MAX);
        assertTrue(counter.blockedForSeconds("alice").isPresent());
        clock.advance(WINDOW);
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("alice"));
        // a new window starts from scratch: one failure does not block again
        counter.recordFailure("alice");
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("alice"));
        fail("alice", MAX - 1);
        assertEquals(OptionalLong.of(900), counter.blockedForSeconds("alice"));
    }

    @Test
    void failuresInAnExpiredWindowDoNotCount() {
        fail("alice", MAX - 1);
        clock.advance(WINDOW + 1);
        counter.recordFailure("alice");
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("alice"));
    }

    @Test
    void resetClears() {
        fail("alice", MAX);
        assertTrue(counter.blockedForSeconds("alice").isPresent());
        counter.reset("alice");
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("alice"));
        assertEquals(0, counter.size());
        // counting starts again from zero
        fail("alice", MAX - 1);
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("alice"));
        counter.recordFailure("alice");
        assertTrue(counter.blockedForSeconds("alice").isPresent());
    }

    @Test
    void otherKeysAreUnaffected() {
        fail("alice", MAX);
        fail("bob", MAX - 1);
        assertTrue(counter.blockedForSeconds("alice").isPresent());
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("bob"));
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("carol"));
        counter.reset("bob");
        assertTrue(counter.blockedForSeconds("alice").isPresent(), "resetting bob must not touch alice");
        counter.reset("alice");
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("alice"));
    }

    @Test
    void keysAreExact() {
        fail("alice", MAX);
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("alice "));
        assertEquals(OptionalLong.empty(), counter.blockedForSeconds("alic"));
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfDistinctKeys() {
        int capacity = 100_000;
        FailureCounter bounded = new FailureCounter(MAX, WINDOW, capacity, clock);
        int peak = 0;
        for (int i = 0; i < 1_000_000; i++) {
            bounded.recordFailure("flood-" + i);
            if (i % 997 == 0) {
                peak = Math.max(peak, bounded.size());
                assertTrue(bounded.size() <= capacity, "size " + bounded.size() + " after " + (i + 1) + " keys");
            }
        }
        assertTrue(peak <= capacity, "peak " + peak);
        assertEquals(capacity, bounded.size(), "full, but never over");
        // the newest keys are the ones kept, and they still count
        fail(bounded, "flood-999999", MAX - 1);
        assertTrue(bounded.blockedForSeconds("flood-999999").isPresent());
        assertTrue(bounded.size() <= capacity);
    }

    @Test
    void memoryStaysBoundedWhenWindowsExpireDuringTheFlood() {
        int capacity = 100_000;
        FailureCounter bounded = new FailureCounter(MAX, 1_000, capacity, clock);
        for (int i = 0; i < 1_000_000; i++) {
            bounded.recordFailure("k" + i);
            if (i % 100 == 0) {
                clock.advance(1); // 100 keys per ms: windows keep expiring while the flood goes on
            }
            if (i % 1_009 == 0) {
                assertTrue(bounded.size() <= capacity, "size " + bounded.size() + " after " + (i + 1) + " keys");
            }
        }
        assertTrue(bounded.size() <= capacity, "size " + bounded.size());
    }

    @Test
    void aFullCounterStillBlocksAKeyThatKeepsFailing() {
        FailureCounter small = new FailureCounter(MAX, WINDOW, 10, clock);
        for (int i = 0; i < 100; i++) {
            small.recordFailure("other-" + i);
        }
        assertEquals(10, small.size());
        fail(small, "alice", MAX);
        assertTrue(small.blockedForSeconds("alice").isPresent());
        assertEquals(10, small.size());
    }

    @Test
    void refusesNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new FailureCounter(0, WINDOW, 10, clock));
        assertThrows(IllegalArgumentException.class, () -> new FailureCounter(MAX, 0, 10, clock));
        assertThrows(IllegalArgumentException.class, () -> new FailureCounter(MAX, WINDOW, 0, clock));
        assertFalse(new FailureCounter(1, 1, 1, clock).blockedForSeconds("x").isPresent());
    }

    private static void fail(FailureCounter c, String key, int times) {
        for (int i = 0; i < times; i++) {
            c.recordFailure(key);
        }
    }
}
