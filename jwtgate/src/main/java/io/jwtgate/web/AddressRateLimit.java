package io.jwtgate.web;

/**
 * A limit on how often one client address group may call the token endpoints, spent before the
 * endpoint does any bcrypt or database work. Wired once at start: {@link #UNLIMITED} when
 * {@code jwtgate.rate-limit.enabled=false}, so the request path never asks whether it is on.
 */
@FunctionalInterface
public interface AddressRateLimit {

    /** No limit: every request may go on. */
    AddressRateLimit UNLIMITED = address -> 0L;

    /**
     * Spends one request from the budget of {@code address}'s group.
     *
     * @param address the client address (IP literal, as resolved through the trusted proxies), or null
     * @return 0 when the request may go on; otherwise the whole seconds (at least 1) until the group
     *     may make a request again. A refused request spends nothing.
     */
    long trySpend(String address);
}
