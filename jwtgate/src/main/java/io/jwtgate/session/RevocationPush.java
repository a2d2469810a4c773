package io.jwtgate.session;

/**
 * How revocations made by other nodes reach this one besides polling: the PostgreSQL listener, or
 * nothing ({@link #NONE}: H2, MariaDB, or {@code jwtgate.revocation.push=false}). Chosen once at start.
 */
public interface RevocationPush extends AutoCloseable {

    /** Polling only. */
    RevocationPush NONE = new RevocationPush() {
        @Override
        public void start() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts listening (once, after the first load). */
    void start();

    /** Stops listening and ends its thread. */
    @Override
    void close();
}
