package io.jwtgate.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, until a test arms it: then every reading throws, which is an unexpected
 * runtime failure deep inside JwtGate (every entry point reads the clock) injected through the
 * existing {@code io.jwtgate.clock} servlet-context attribute, without any production test hook.
 */
public final class FaultyClock extends Clock {

    /** The message of the injected failure, so a test can find it in the log and nowhere else. */
    public static final String FAULT = "injected clock fault";

    private volatile boolean armed;

    public void arm() {
        armed = true;
    }

    public void disarm() {
        armed = false;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        if (armed) {
            throw new IllegalStateException(FAULT);
        }
        return Instant.now();
    }
}
