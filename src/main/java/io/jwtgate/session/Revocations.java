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
 * <p>An entry is kept only until the last access token it can concern has expired: a revoked
 * session's refresh tokens are revoked in the store, so memory has to cover access tokens only
 * ({@code access-token.max-ttl} plus skew). The watermark that decides which rows to re-read is
 * the database's time, so a node with a wrong clock neither hides nor misses a revocation.
 */
public final class Revocations implements RevocationCheck {

    private static final long UNREAD = Long.MIN_VALUE;

    private record Seen(long createdAt, long expiresAt) {
    }

    private final RevocationStore store;
    private final Clock clock;
    private final long overlapMillis;
    private final long entryLifetimeMillis;
    private final long credentialsLifetimeMillis;
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();
    private final Map<String, Seen> credentials = new ConcurrentHashMap<>();
    private volatile Consumer<String> credentialsChanged = userId -> { };
    private volatile long watermark = UNREAD;

    /**
     * @param interval the refresh interval; rows are re-read with an overlap of max(60 s, 4 ×
     *     interval) so that rows committed late are still seen
     * @param accessTokenMaxTtl the longest an access token can live; with twice the largest skew
     *     it is how long a revocation is kept
     * @param credentialsLifetime how long a "credentials changed" mark is kept (the Basic cache's
     *     lifetime plus margin)
     */
    public Revocations(RevocationStore store, Clock clock, Duration interval, Duration accessTokenMaxTtl,
            Duration credentialsLifetime) {
        this.store = store;
        this.clock = clock;
        this.overlapMillis = Math.max(60_000L, interval.toMillis() * 4);
        // One skew for the verifier's leeway after exp, one for a token issued by a rotation that
        // was already under way when the session was revoked.
        this.entryLifetimeMillis = accessTokenMaxTtl.plus(Settings.MAX_CLOCK_SKEW.multipliedBy(2)).toMillis();
        this.credentialsLifetimeMillis = credentialsLifetime.toMillis();
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

    /** How long an entry is kept after its revocation. */
    public Duration entryLifetime() {
        return Duration.ofMillis(entryLifetimeMillis);
    }

    /** Revokes an access token id. */
    public void revokeToken(String jti) {
        store.revoke(RevocationStore.TOKEN, jti, entryLifetimeMillis);
        tokens.put(jti, clock.millis() + entryLifetimeMillis);
    }

    /** Revokes a whole session (every access token carrying that {@code sid}). */
    public void revokeSession(String sid) {
        store.revoke(RevocationStore.SESSION, sid, entryLifetimeMillis);
        sessions.put(sid, clock.millis() + entryLifetimeMillis);
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
        tokens.values().removeIf(expiresAt -> expiresAt <= now);
        sessions.values().removeIf(expiresAt -> expiresAt <= now);
        credentials.values().removeIf(seen -> seen.expiresAt() <= now);
    }

    /** How many revocations are held in memory (for tests and metrics). */
    public int size() {
        return tokens.size() + sessions.size();
    }
}
