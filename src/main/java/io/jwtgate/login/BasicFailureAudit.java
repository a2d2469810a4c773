package io.jwtgate.login;

import io.jwtgate.store.AuditLog;
import io.jwtgate.web.IpAddresses;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Audits failed Basic checks as {@code login_failure} with {@code method=basic}, at most once per
 * account (or unknown name) and client address group within a window: a Basic client with a stale
 * password, or a guesser, sends the header on every request, and each failure stored would let one
 * client fill the audit table. The first failure of a pair opens its window and is stored; later
 * ones within the window are only counted, and the count goes out as {@code suppressed} with the
 * pair's next stored failure (the first after the window).
 *
 * <p>Memory is bounded: pairs are kept under a SHA-256 of name and group (a name may be kilobytes
 * long), at most {@link #MAX_PAIRS}; when full, ended windows are dropped first, then all. A count
 * dropped that way, or whose pair never fails again, is not stored; it is logged when dropped.
 * Each node counts on its own.
 */
public final class BasicFailureAudit {

    /** Pairs remembered at once; about 200 bytes each. */
    static final int MAX_PAIRS = 10_000;

    private static final System.Logger LOG = System.getLogger("io.jwtgate.audit");

    private record Window(long start, int suppressed) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AuditLog audit;
    private final Clock clock;
    private final long windowMillis;
    private final int ipv6PrefixLength;
    private final int maxPairs;

    public BasicFailureAudit(AuditLog audit, Clock clock, Duration window, int ipv6PrefixLength) {
        this(audit, clock, window, ipv6PrefixLength, MAX_PAIRS);
    }

    BasicFailureAudit(AuditLog audit, Clock clock, Duration window, int ipv6PrefixLength, int maxPairs) {
        this.audit = audit;
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.ipv6PrefixLength = ipv6PrefixLength;
        this.maxPairs = maxPairs;
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
        long now = clock.millis();
        String key = keyOf(subject, IpAddresses.group(address, ipv6PrefixLength));
        if (windows.size() >= maxPairs && !windows.containsKey(key)) {
            makeRoom(now);
        }
        // -1: counted within the pair's window; otherwise the count of the window that ended.
        int[] reported = {-1};
        windows.compute(key, (k, w) -> {
            if (w == null || ended(w, now)) {
                reported[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0);
            }
            return new Window(w.start(), w.suppressed() + 1);
        });
        if (reported[0] >= 0) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("method", "basic");
            details.put("reason", reason);
            details.put("suppressed", Integer.toString(reported[0]));
            audit.record("login_failure", typed, address, details);
        }
    }

    /** A window ends after its length, or at once when the clock went back before its start. */
    private boolean ended(Window w, long now) {
        return now - w.start() >= windowMillis || now < w.start();
    }

    private synchronized void makeRoom(long now) {
        if (windows.size() < maxPairs) {
            return;
        }
        long[] dropped = {0};
        windows.entrySet().removeIf(e -> {
            if (ended(e.getValue(), now)) {
                dropped[0] += e.getValue().suppressed();
                return true;
            }
            return false;
        });
        if (windows.size() >= maxPairs) {
            // Every pair is within its window: a spray of names or addresses. Forgetting them all
            // costs at most one more stored event per pair; keeping them would stop the counting.
            for (Window w : windows.values()) {
                dropped[0] += w.suppressed();
            }
            windows.clear();
        }
        if (dropped[0] > 0) {
            LOG.log(Level.WARNING, "audit: {0} counted Basic login failures dropped unreported to bound memory",
                    dropped[0]);
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
