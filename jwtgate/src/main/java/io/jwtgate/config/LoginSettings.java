package io.jwtgate.config;

import io.jwtgate.login.UsernamePolicy;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How JwtGate's own users log in and sign up: the lock-outs ({@code jwtgate.login.*}),
 * registration ({@code jwtgate.register.*}), password hashing and strength ({@code jwtgate.bcrypt.cost},
 * {@code jwtgate.password.min-score}), the username policy ({@code jwtgate.username.characters}) and
 * the per-address request limit of the token endpoints ({@code jwtgate.rate-limit.*}). Part of
 * {@link Settings}.
 */
public final class LoginSettings {

    private final Set<String> registerRoles;
    private final int loginMaxFailures;
    private final Duration loginLockout;
    private final int loginAddressMaxFailures;
    private final int loginIpv6PrefixLength;
    private final int registerAddressMax;
    private final Duration registerWindow;
    private final Duration loginFailureRetention;
    private final int bcryptCost;
    private final int passwordMinScore;
    private final boolean registerEnabled;
    private final UsernamePolicy usernamePolicy;
    private final boolean rateLimitEnabled;
    private final int rateLimitBurst;
    private final int rateLimitPerMinute;

    LoginSettings(Values v) {
        registerRoles = new LinkedHashSet<>();
        for (String role : v.string(Keys.REGISTER_ROLES, "user").split("[,\\s]+")) {
            if (!role.isEmpty()) {
                if (!role.matches("[\\x21-\\x7e&&[^\"\\\\,;]]{1,64}")) {
                    throw v.error(Keys.REGISTER_ROLES, "'" + role + "' is not a role name; use visible ASCII");
                }
                registerRoles.add(role);
            }
        }
        loginMaxFailures = v.integer(Keys.LOGIN_MAX_FAILURES, 5, 1, 1000);
        loginLockout = v.positiveDuration(Keys.LOGIN_LOCKOUT, Duration.ofMinutes(5));
        loginAddressMaxFailures = v.integer(Keys.LOGIN_ADDRESS_MAX_FAILURES, 50, 1, 1_000_000);
        loginIpv6PrefixLength = v.integer(Keys.LOGIN_IPV6_PREFIX_LENGTH, 64, 1, 128);
        registerAddressMax = v.integer(Keys.REGISTER_ADDRESS_MAX, 20, 1, 1_000_000);
        registerWindow = v.positiveDuration(Keys.REGISTER_WINDOW, Duration.ofHours(1));
        // Attempt rows must live as long as the longer of the two windows that count them.
        Duration needed = loginLockout.multipliedBy(2).compareTo(registerWindow) >= 0
                ? loginLockout.multipliedBy(2) : registerWindow;
        loginFailureRetention = v.positiveDuration(Keys.LOGIN_FAILURE_RETENTION, needed);
        if (loginFailureRetention.compareTo(needed) < 0) {
            throw v.error(Keys.LOGIN_FAILURE_RETENTION, "must be at least " + needed + " (twice "
                    + Keys.LOGIN_LOCKOUT + ", and " + Keys.REGISTER_WINDOW + "), or lockouts would end early");
        }
        bcryptCost = v.integer(Keys.BCRYPT_COST, 12, 10, 30);
        passwordMinScore = v.integer(Keys.PASSWORD_MIN_SCORE, 3, 0, 4);
        registerEnabled = v.bool(Keys.REGISTER_ENABLED, false);
        try {
            usernamePolicy = UsernamePolicy.parse(v.string(Keys.USERNAME_CHARACTERS, UsernamePolicy.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.USERNAME_CHARACTERS, e.getMessage() + "; list classes (letters, digits, ascii-letters,"
                    + " ascii-digits) and single characters separated by spaces, e.g. '" + UsernamePolicy.DEFAULT + "'");
        }
        // Validated even when the limit is off, so that switching it on cannot fail a later start.
        rateLimitEnabled = v.bool(Keys.RATE_LIMIT_ENABLED, true);
        rateLimitBurst = v.integer(Keys.RATE_LIMIT_BURST, 60, 1, 1_000_000);
        rateLimitPerMinute = v.integer(Keys.RATE_LIMIT_PER_MINUTE, 60, 1, 1_000_000);
    }

    /** Roles given to self-registered users. */
    public Set<String> registerRoles() {
        return Set.copyOf(registerRoles);
    }

    public int loginMaxFailures() {
        return loginMaxFailures;
    }

    public Duration loginLockout() {
        return loginLockout;
    }

    public int loginAddressMaxFailures() {
        return loginAddressMaxFailures;
    }

    /** IPv6 clients are counted per network of this many bits (IPv4 per address). */
    public int loginIpv6PrefixLength() {
        return loginIpv6PrefixLength;
    }

    /** Registration attempts per client address group within {@link #registerWindow()}. */
    public int registerAddressMax() {
        return registerAddressMax;
    }

    public Duration registerWindow() {
        return registerWindow;
    }

    /** How long failed login and registration attempts are kept ({@code jwtgate.login.failure-retention}). */
    public Duration loginFailureRetention() {
        return loginFailureRetention;
    }

    public int bcryptCost() {
        return bcryptCost;
    }

    /** The zxcvbn score (0..4) a new password needs; 0 checks only the length rules. */
    public int passwordMinScore() {
        return passwordMinScore;
    }

    public boolean registerEnabled() {
        return registerEnabled;
    }

    /** Which characters a new username may hold ({@code jwtgate.username.characters}). */
    public UsernamePolicy usernamePolicy() {
        return usernamePolicy;
    }

    /** Whether the per-address request limit of the token endpoints is on (decision 116). */
    public boolean rateLimitEnabled() {
        return rateLimitEnabled;
    }

    /** Requests one client address group may make at once to the token endpoints. */
    public int rateLimitBurst() {
        return rateLimitBurst;
    }

    /** Requests per minute an address group regains, up to {@link #rateLimitBurst()}. */
    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }
}
