package io.jwtgate.login;

import io.jwtgate.store.AuditLog;
import io.jwtgate.web.IpAddresses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Audits failed Basic checks as {@code login_failure} with {@code method=basic}, at most once per
 * account (or unknown name) and client address group within a window: a Basic client with a stale
 * password, or a guesser, sends the header on every request, and each failure stored would let one
 * client fill the audit table. The first failure of a pair opens its window and is stored; later
 * ones within the window are only counted, and the count goes out as {@code suppressed} with the
 * pair's next stored failure (the first after the window), through {@link EventWindows}.
 *
 * <p>Pairs are kept under a SHA-256 of name and group (a name may be kilobytes long), at most
 * {@link #MAX_PAIRS}.
 */
public final class BasicFailureAudit {

    /** Pairs remembered at once; about 200 bytes each. */
    static final int MAX_PAIRS = 10_000;

    private final EventWindows windows;
    private final AuditLog audit;
    private final int ipv6PrefixLength;

    public BasicFailureAudit(AuditLog audit, Clock clock, Duration window, int ipv6PrefixLength) {
        this(audit, clock, window, ipv6PrefixLength, MAX_PAIRS);
    }

    BasicFailureAudit(AuditLog audit, Clock clock, Duration window, int ipv6PrefixLength, int maxPairs) {
        this.windows = new EventWindows(clock, window, maxPairs, "Basic login failures");
        this.audit = audit;
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    /**
     * One failed Basic check.
     *
     * @param typed the user-id as the client sent it (stored escaped, for known and unknown names)
     * @param subject the account (its id) or, when the name names none, the canonical name; kept apart by a prefix
     * @param address the client address
     * @param reason {@link LoginFailedException#reason()}
     */
    public void failed(String typed, String subject, String address, String reason) {
        long suppressed = windows.open(keyOf(subject, IpAddresses.group(address, ipv6PrefixLength)));
        if (suppressed != EventWindows.COUNTED) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("method", "basic");
            details.put("reason", reason);
            details.put("suppressed", Long.toString(suppressed));
            audit.record("login_failure", typed, address, details);
        }
    }

    private static String keyOf(String subject, String group) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(subject.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Base64.getEncoder().encodeToString(sha.digest(group.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
