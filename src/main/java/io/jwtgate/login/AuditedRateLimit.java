package io.jwtgate.login;

import io.jwtgate.store.AuditLog;
import io.jwtgate.web.AddressRateLimit;
import io.jwtgate.web.IpAddresses;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Audits the refusals of an {@link AddressRateLimit} as {@code rate_limited}, at most once per
 * client address group within a window (decision 146), like {@link BasicFailureAudit}: a flood is
 * refused on every request, and an event per refusal would let one client fill the audit table.
 * The first refusal of a group opens its window and is stored; later ones within it are only
 * counted, and the count goes out as {@code suppressed} with the group's next stored refusal.
 *
 * <p>Memory is bounded: at most {@link #MAX_GROUPS} groups, the least recently refused one
 * forgotten first (its count is then lost; it costs at most one more event for that group).
 */
public final class AuditedRateLimit implements AddressRateLimit {

    /** Groups remembered at most, as in the token bucket itself. */
    static final int MAX_GROUPS = 10_000;

    private final AddressRateLimit limit;
    private final AuditLog audit;
    private final Clock clock;
    private final long windowMillis;
    private final int ipv6PrefixLength;
    /** Per group: {window start in ms, refusals counted within it and not yet stored}. */
    private final Map<String, long[]> windows = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_GROUPS;
        }
    };

    public AuditedRateLimit(AddressRateLimit limit, AuditLog audit, Clock clock, Duration window,
            int ipv6PrefixLength) {
        this.limit = limit;
        this.audit = audit;
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    @Override
    public long trySpend(String address) {
        long retryAfter = limit.trySpend(address);
        if (retryAfter > 0) {
            refused(address, retryAfter);
        }
        return retryAfter;
    }

    private void refused(String address, long retryAfter) {
        String group = IpAddresses.group(address, ipv6PrefixLength);
        long now = clock.millis();
        long suppressed;
        synchronized (windows) {
            long[] w = windows.get(group);
            // A window ends after its length, or at once when the clock went back before its start.
            if (w != null && now - w[0] < windowMillis && now >= w[0]) {
                w[1]++;
                return;
            }
            suppressed = w == null ? 0 : w[1];
            windows.put(group, new long[] {now, 0});
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("retry_after", Long.toString(retryAfter));
        details.put("suppressed", Long.toString(suppressed));
        audit.record("rate_limited", null, address, details);
    }
}
