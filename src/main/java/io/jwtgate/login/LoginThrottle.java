package io.jwtgate.login;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.LoginFailureStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Brute-force protection: after {@code login.max-failures} failures for an account name (existing
 * or not) within {@code login.lockout}, or {@code login.address-max-failures} from one client
 * address, further attempts are refused before any password is checked, until the oldest counted
 * failure leaves the window. State lives in the database, so it holds across restarts and nodes.
 */
public final class LoginThrottle {

    private final LoginFailureStore failures;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final int addressMaxFailures;

    public LoginThrottle(LoginFailureStore failures, AuditLog audit, Clock clock, int maxFailures, Duration window,
            int addressMaxFailures) {
        this.failures = failures;
        this.audit = audit;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.addressMaxFailures = addressMaxFailures;
    }

    /**
     * @param account the name as given (username or email), already NFC-normalised
     * @throws LockedOutException while the account name or the address is locked
     */
    public void checkAllowed(String account, String address) {
        long now = clock.millis();
        long retry = Math.max(retryAfter(LoginFailureStore.ACCOUNT, account, maxFailures, now),
                retryAfter(LoginFailureStore.ADDRESS, address, addressMaxFailures, now));
        if (retry > 0) {
            throw new LockedOutException(retry);
        }
    }

    /** Counts a failure; audits {@code lockout} when this failure locks the account. */
    public void recordFailure(String account, String address) {
        long now = clock.millis();
        failures.record(LoginFailureStore.ACCOUNT, account, now);
        failures.record(LoginFailureStore.ADDRESS, address, now);
        if (retryAfter(LoginFailureStore.ACCOUNT, account, maxFailures, now) > 0) {
            audit.record("lockout", account, address, Map.of("failures", Integer.toString(maxFailures),
                    "window", window.toString()));
        }
    }

    /** A successful login forgets the account's failures (not the address's). */
    public void recordSuccess(String account) {
        failures.clear(LoginFailureStore.ACCOUNT, account);
    }

    private long retryAfter(String scope, String subject, int max, long now) {
        if (subject == null) {
            return 0;
        }
        List<Long> recent = failures.recent(scope, subject, now - window.toMillis(), max);
        if (recent.size() < max) {
            return 0;
        }
        long unlockAt = recent.get(max - 1) + window.toMillis();
        return Math.max(1, (unlockAt - now + 999) / 1000);
    }
}
