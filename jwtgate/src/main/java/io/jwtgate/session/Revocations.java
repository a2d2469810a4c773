package io.jwtgate.session;

import io.jwtgate.config.Settings;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.token.RevocationCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Revoked token ids and sessions, answered from memory on the request path. A revocation made on
 * this node is visible here at once; those made by other nodes arrive with {@link #refresh()},
 * which the maintenance thread runs every {@code jwtgate.revocation.refresh-interval}.
 *
 * <p>An entry is kept only until the last access token it can concern has expired, plus margins:
 * a revoked session's refresh tokens are revoked in the store, so memory has to cover access
 * tokens only, and the caller says when the last of them expires. The watermark that decides
 * which rows to re-read is the database's time, so a node with a wrong clock neither hides nor
 * misses a revocation.
 */
public final class Revocations implements RevocationCheck {

    private static final long UNREAD = Long.MIN_VALUE;

    private record Seen(long createdAt, long expiresAt) {
    }

    private final RevocationStore store;
    private final Clock clock;
    private final long overlapMillis;
    private final long maxTtlMillis;
    private final long marginMillis;
    private final long credentialsLifetimeMillis;
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();
    private final Map<String, Seen> credentials = new ConcurrentHashMap<>();
    private volatile Consumer<String> credentialsChanged = userId -> { };
    private volatile long watermark = UNREAD;
    /** This node's time of the last refresh that read the store; the constructor counts as none. */
    private volatile long lastRefreshed;

    /**
     * @param interval the refresh interval; rows are re-read with an overlap of max(60 s, 4 ×
     *     interval) so that rows committed late are still seen
     * @param accessTokenMaxTtl the longest an access token can live: no entry is kept longer than
     *     this plus the margins, whatever expiry it is given
     * @param credentialsLifetime how long a "credentials changed" mark is kept (the Basic cache's
     *     lifetime plus margin)
     */
    public Revocations(RevocationStore store, Clock clock, Duration interval, Duration accessTokenMaxTtl,
            Duration credentialsLifetime) {
        this.store = store;
        this.clock = clock;
        this.overlapMillis = Math.max(60_000L, interval.toMillis() * 4);
        this.maxTtlMillis = accessTokenMaxTtl.toMillis();
        // One skew for the verifier's leeway after exp, one for a token issued by a rotation that
        // was already under way and for the issuing and revoking nodes' clocks disagreeing.
        this.marginMillis = Settings.MAX_CLOCK_SKEW.multipliedBy(2).toMillis();
        this.credentialsLifetimeMillis = credentialsLifetime.toMillis();
        this.lastRefreshed = clock.millis();
    }

    /** Who to tell when a user's credentials changed on another node (the Basic cache). */
    public void onCredentialsChanged(Consumer<String> listener) {
        this.credentialsChanged = listener;
    }

    @Override
    public boolean isRevoked(String jti, String sid) {
        return tokens.containsKey(jti) || (sid != null && sessions.containsKey(sid));
    }

    /** Whether a whole session is revoked. */
    public boolean isSessionRevoked(String sid) {
        return sessions.containsKey(sid);
    }

    /** How long an entry outlives the expiry it was given (verifier leeway and clock margins). */
    public Duration margin() {
        return Duration.ofMillis(marginMillis);
    }

    /**
     * Revokes an access token id.
     *
     * @param expiresAt the token's {@code exp} in epoch milliseconds: the entry is kept until then
     *     plus the margins
     */
    public void revokeToken(String jti, long expiresAt) {
        long now = clock.millis();
        long lifetime = lifetimeUntil(expiresAt, now);
        store.revoke(RevocationStore.TOKEN, jti, lifetime);
        tokens.merge(jti, now + lifetime, Math::max);
    }

    /**
     * Revokes a whole session (every access token carrying that {@code sid}).
     *
     * @param lastExpiry the latest {@code exp} any access token of the session can have, in epoch
     *     milliseconds: the entry is kept until then plus the margins
     */
    public void revokeSession(String sid, long lastExpiry) {
        long now = clock.millis();
        long lifetime = lifetimeUntil(lastExpiry, now);
        store.revoke(RevocationStore.SESSION, sid, lifetime);
        sessions.merge(sid, now + lifetime, Math::max);
    }

    private long lifetimeUntil(long expiry, long now) {
        // A token already past exp may still be inside the verifier's leeway; none lives past max-ttl.
        return Math.min(Math.max(expiry - now, 0), maxTtlMillis) + marginMillis;
    }

    /** Tells every node that {@code userId}'s password changed (this node's cache is the caller's job). */
    public void credentialsChanged(String userId) {
        store.revoke(RevocationStore.CREDENTIALS, userId, credentialsLifetimeMillis);
    }

    /** Reads revocations made since the last refresh (by any node), and forgets expired ones. */
    public void refresh() {
        long now = clock.millis();
        long last = watermark;
        long since = last == UNREAD ? Long.MIN_VALUE : last - overlapMillis;
        watermark = store.loadSince(since, (kind, value, createdAt, remaining) -> {
            // Expiry in this node's own time: the remaining lifetime counts, not the row's clock.
            long expiresAt = now + remaining;
            if (RevocationStore.TOKEN.equals(kind)) {
                tokens.merge(value, expiresAt, Math::max);
            } else if (RevocationStore.SESSION.equals(kind)) {
                sessions.merge(value, expiresAt, Math::max);
            } else if (RevocationStore.CREDENTIALS.equals(kind)) {
                Seen before = credentials.put(value, new Seen(createdAt, expiresAt));
                if (before == null || before.createdAt() != createdAt) {
                    credentialsChanged.accept(value);
                }
            }
        });
        lastRefreshed = now;
        tokens.values().removeIf(expiresAt -> expiresAt <= now);
        sessions.values().removeIf(expiresAt -> expiresAt <= now);
        credentials.values().removeIf(seen -> seen.expiresAt() <= now);
    }

    /** How long ago (this node's clock) the revocations were last read from the store. */
    public Duration staleness() {
        return Duration.ofMillis(Math.max(0, clock.millis() - lastRefreshed));
    }

    /** How many revocations are held in memory (for tests and metrics). */
    public int size() {
        return tokens.size() + sessions.size();
    }
}
