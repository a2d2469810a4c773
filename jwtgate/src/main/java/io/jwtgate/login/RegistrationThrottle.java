package io.jwtgate.login;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.web.IpAddresses;
import java.time.Duration;
import java.util.Map;

/**
 * At most {@code register.address-max} registration attempts per client address group within
 * {@code register.window}, counted before any password is hashed, so that an anonymous client can
 * neither burn bcrypt time nor create accounts in bulk. Every attempt counts, successful or not.
 * The window runs in the database's time, like the login throttle's (decision 530).
 */
public final class RegistrationThrottle {

    private final LoginFailureStore attempts;
    private final AuditLog audit;
    private final int max;
    private final Duration window;
    private final int ipv6PrefixLength;

    public RegistrationThrottle(LoginFailureStore attempts, AuditLog audit, int max, Duration window,
            int ipv6PrefixLength) {
        this.attempts = attempts;
        this.audit = audit;
        this.max = max;
        this.window = window;
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    /**
     * Counts one attempt from {@code address}.
     *
     * @throws TooManyRequestsException when the address group has used its attempts; the refused attempt is not
     *     counted
     */
    public void attempt(String address) {
        String group = IpAddresses.group(address, ipv6PrefixLength);
        String row = attempts.reserve(LoginFailureStore.REGISTER, group);
        int count = attempts.ages(LoginFailureStore.REGISTER, group, window, max + 1).size();
        if (count > max) {
            attempts.release(LoginFailureStore.REGISTER, group, row);
            throw new TooManyRequestsException(Math.max(1,
                    LoginThrottle.retryAfter(attempts, window, LoginFailureStore.REGISTER, group, max)));
        }
        if (count == max) {
            audit.record("register_throttled", null, address, Map.of("attempts", Integer.toString(max),
                    "window", window.toString()));
        }
    }
}
