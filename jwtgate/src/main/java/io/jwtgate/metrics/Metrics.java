package io.jwtgate.metrics;

import io.jwtgate.web.AuthOutcome;
import java.util.function.Supplier;

/**
 * Where JwtGate records what an operator watches. {@link #NONE} when neither JMX nor Micrometer
 * publishes anything, chosen once at start, so the request path never asks whether metrics are on.
 * Most counts come from the audit stream ({@link #auditEvent}), so the login, refresh and
 * revocation paths carry no calls of their own.
 */
public interface Metrics {

    /** Counts an audit event by its name (logins, lockouts, tokens issued, refreshed, revoked, reuse). */
    void auditEvent(String event);

    /**
     * Runs the filter's authentication of a request, timing it and counting the outcome: a verified
     * Bearer token, or refused credentials by reason.
     */
    AuthOutcome authenticate(Supplier<AuthOutcome> authentication);

    /** Runs a login, timing it (whatever its outcome). */
    <T> T timeLogin(Supplier<T> login);

    /** Counts a request answered 503 because the store could not be reached. */
    void storeUnavailable();

    /** Records nothing. */
    Metrics NONE = new Metrics() {
        @Override
        public void auditEvent(String event) {
        }

        @Override
        public AuthOutcome authenticate(Supplier<AuthOutcome> authentication) {
            return authentication.get();
        }

        @Override
        public <T> T timeLogin(Supplier<T> login) {
            return login.get();
        }

        @Override
        public void storeUnavailable() {
        }
    };
}
