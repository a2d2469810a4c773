package io.jwtgate.support;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls until something another node or thread does becomes visible, or a deadline passes: the
 * one wait loop of the tests that cannot drive the behaviour with an injected clock. Where a clock
 * drives it, advance a {@link MutableClock} instead.
 *
 * <pre>{@code
 * Eventually.within(Duration.ofSeconds(10)).every(Duration.ofMillis(100))
 *         .until("node B refuses the token", () -> b.bearerGet("/api/hello", token).status(), s -> s == 401);
 * }</pre>
 *
 * The value is read at once, then after each pause, and once more after the deadline has passed
 * (so a slow last poll is not lost). A failure says what was awaited, for how long, and the last
 * value seen (when there is one beyond true or false). An interrupt ends the wait with a failure and keeps the thread's interrupt flag.
 */
public final class Eventually {

    private static final Duration DEFAULT_PAUSE = Duration.ofMillis(100);

    private final Duration limit;
    private final Duration pause;

    private Eventually(Duration limit, Duration pause) {
        if (limit.isNegative() || pause.isNegative() || pause.isZero()) {
            throw new IllegalArgumentException("limit " + limit + ", pause " + pause);
        }
        this.limit = limit;
        this.pause = pause;
    }

    /** Waits at most {@code limit}, polling every 100 ms unless {@link #every} says otherwise. */
    public static Eventually within(Duration limit) {
        return new Eventually(limit, DEFAULT_PAUSE);
    }

    /** The same wait, polling every {@code pause}. */
    public Eventually every(Duration pause) {
        return new Eventually(limit, pause);
    }

    /** Returns once {@code condition} holds; fails with {@code what} when it still does not past the limit. */
    public void until(String what, BooleanSupplier condition) {
        if (!poll(what, condition::getAsBoolean, Boolean::booleanValue).done()) {
            throw new AssertionError("not within " + limit + ": " + what);
        }
    }

    /**
     * Returns the first value that is {@code done}; fails with {@code what} and the last value seen
     * when none is within the limit.
     */
    public <T> T until(String what, Supplier<T> value, Predicate<? super T> done) {
        Sample<T> last = poll(what, value, done);
        if (!last.done()) {
            throw new AssertionError("not within " + limit + ": " + what + " (last seen: " + last.value() + ")");
        }
        return last.value();
    }

    /**
     * The first value that is {@code done}, or the last one seen when none is within the limit,
     * for a caller that judges the outcome itself (its message, or more checks before failing).
     */
    public <T> T lastOf(Supplier<T> value, Predicate<? super T> done) {
        return poll("a value", value, done).value();
    }

    /**
     * Checks every value seen during the whole limit: a state that must stay, once reached (a
     * refusal must not turn back into an acceptance).
     */
    public <T> void throughout(String what, Supplier<T> value, Predicate<? super T> holds) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            T v = value.get();
            if (!holds.test(v)) {
                throw new AssertionError("did not hold for " + limit + ": " + what + " (seen: " + v + ")");
            }
            if (System.nanoTime() - end >= 0) {
                return;
            }
            sleep(what);
        }
    }

    private <T> Sample<T> poll(String what, Supplier<T> value, Predicate<? super T> done) {
        Objects.requireNonNull(done);
        long deadline = System.nanoTime() + limit.toNanos();
        T v = value.get();
        while (!done.test(v)) {
            if (System.nanoTime() - deadline > 0) {
                return new Sample<>(v, false);
            }
            sleep(what);
            v = value.get();
        }
        return new Sample<>(v, true);
    }

    private void sleep(String what) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while awaiting: " + what, e);
        }
    }

    private record Sample<T>(T value, boolean done) {
    }
}
