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
 * <p>Memory is bounded by {@link EventWindows}: at most {@link #MAX_GROUPS} groups.
 */
public final class AuditedRateLimit implements AddressRateLimit {

    /** Groups remembered at most, as in the token bucket itself. */
    static final int MAX_GROUPS = 10_000;

    private final AddressRateLimit limit;
    private final AuditLog audit;
    private final EventWindows windows;
    private final int ipv6PrefixLength;

    public AuditedRateLimit(AddressRateLimit limit, AuditLog audit, Clock clock, Duration window,
            int ipv6PrefixLength) {
        this.limit = limit;
        this.audit = audit;
        this.windows = new EventWindows(clock, window, MAX_GROUPS, "rate-limited requests");
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
        long suppressed = windows.open(IpAddresses.group(address, ipv6PrefixLength));
        if (suppressed == EventWindows.COUNTED) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("retry_after", Long.toString(retryAfter));
        details.put("suppressed", Long.toString(suppressed));
        audit.record("rate_limited", null, address, details);
    }
}
