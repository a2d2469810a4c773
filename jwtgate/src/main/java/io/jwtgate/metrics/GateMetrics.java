package io.jwtgate.metrics;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.report.RefusalReason;
import io.jwtgate.web.AuthOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The counters and timers of one JwtGate: {@link LongAdder}s, so recording on the request path
 * never contends. Refusals are counted by {@link RefusalReason} code, a fixed set, so the number of
 * series an operator's monitoring holds stays bounded.
 */
final class GateMetrics implements Metrics {

    /** Which counters each audit event moves. */
    private static final Map<String, List<Count>> BY_AUDIT_EVENT = Map.of(
            "login_success", List.of(Count.LOGINS_SUCCEEDED),
            "login_failure", List.of(Count.LOGINS_FAILED),
            "lockout", List.of(Count.LOGINS_LOCKED),
            "token_issued", List.of(Count.TOKENS_ISSUED),
            // A refresh issues a new access token without a token_issued event of its own.
            "token_refreshed", List.of(Count.TOKENS_ISSUED, Count.REFRESHES),
            "refresh_reuse_detected", List.of(Count.REUSE_DETECTIONS),
            "token_revoked", List.of(Count.TOKENS_REVOKED),
            "logout", List.of(Count.TOKENS_REVOKED));

    /** The reasons a request's credentials can be rejected for (RefusalReason.ofRejectedCredentials). */
    static final List<RefusalReason> CREDENTIAL_REFUSALS = List.of(RefusalReason.INVALID_TOKEN,
            RefusalReason.EXPIRED_TOKEN, RefusalReason.REVOKED_TOKEN, RefusalReason.INVALID_CREDENTIALS,
            RefusalReason.LOCKED_OUT, RefusalReason.INVALID_REQUEST, RefusalReason.QUERY_TOKEN,
            RefusalReason.CROSS_ORIGIN_BASIC, RefusalReason.CSRF_REFUSED);

    private final Map<Count, LongAdder> counts = new EnumMap<>(Count.class);
    private final Map<RefusalReason, LongAdder> refusals = new EnumMap<>(RefusalReason.class);
    private final TimerStats logins = new TimerStats();
    private final TimerStats verifications = new TimerStats();

    GateMetrics() {
        for (Count c : Count.values()) {
            counts.put(c, new LongAdder());
        }
        for (RefusalReason r : CREDENTIAL_REFUSALS) {
            refusals.put(r, new LongAdder());
        }
    }

    @Override
    public void auditEvent(String event) {
        for (Count c : BY_AUDIT_EVENT.getOrDefault(event, List.of())) {
            counts.get(c).increment();
        }
    }

    @Override
    public AuthOutcome authenticate(Supplier<AuthOutcome> authentication) {
        long started = System.nanoTime();
        AuthOutcome outcome = authentication.get();
        if (outcome instanceof AuthOutcome.Anonymous) {
            // No credentials, nothing verified: timing it would only dilute the verification timer.
            return outcome;
        }
        verifications.record(System.nanoTime() - started);
        if (outcome instanceof AuthOutcome.Rejected) {
            LongAdder reason = refusals.get(RefusalReason.ofRejectedCredentials(((AuthOutcome.Rejected) outcome).error()));
            if (reason != null) {
                reason.increment();
            }
        } else if (outcome instanceof AuthOutcome.Authenticated && JwtGateAuthentication.BEARER.equals(
                ((AuthOutcome.Authenticated) outcome).authentication().authMethod())) {
            counts.get(Count.TOKENS_VERIFIED).increment();
        }
        return outcome;
    }

    @Override
    public <T> T timeLogin(Supplier<T> login) {
        long started = System.nanoTime();
        try {
            return login.get();
        } finally {
            logins.record(System.nanoTime() - started);
        }
    }

    @Override
    public void storeUnavailable() {
        counts.get(Count.STORE_ERRORS).increment();
    }

    long count(Count c) {
        return counts.get(c).sum();
    }

    long refused(RefusalReason reason) {
        LongAdder adder = refusals.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    long refusedTotal() {
        return refusals.values().stream().mapToLong(LongAdder::sum).sum();
    }

    TimerStats logins() {
        return logins;
    }

    TimerStats verifications() {
        return verifications;
    }
}
