package io.jwtgate.session;

import io.jwtgate.store.RevocationStore;
import io.jwtgate.token.RevocationCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked token ids and sessions, answered from memory on the request path. A revocation made on
 * this node is visible here at once; those made by other nodes arrive with {@link #refresh()},
 * which the maintenance thread runs every {@code jwtgate.revocation.refresh-interval}.
 */
public final class Revocations implements RevocationCheck {

    private final RevocationStore store;
    private final Clock clock;
    private final long overlapMillis;
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();
    private volatile long watermark;

    /**
     * @param interval the refresh interval; rows are re-read with a generous overlap so that clock
     *     differences between nodes cannot hide a revocation
     */
    public Revocations(RevocationStore store, Clock clock, Duration interval) {
        this.store = store;
        this.clock = clock;
        this.overlapMillis = Math.max(60_000L, interval.toMillis() * 4);
        this.watermark = 0;
    }

    @Override
    public boolean isRevoked(String jti, String sid) {
        return tokens.containsKey(jti) || (sid != null && sessions.containsKey(sid));
    }

    /** Whether a whole session is revoked. */
    public boolean isSessionRevoked(String sid) {
        return sessions.containsKey(sid);
    }

    /** Revokes an access token id until {@code expiresAt} (epoch millis). */
    public void revokeToken(String jti, long expiresAt) {
        store.revoke(RevocationStore.TOKEN, jti, clock.millis(), expiresAt);
        tokens.put(jti, expiresAt);
    }

    /** Revokes a whole session (every access token carrying that {@code sid}). */
    public void revokeSession(String sid, long expiresAt) {
        store.revoke(RevocationStore.SESSION, sid, clock.millis(), expiresAt);
        sessions.put(sid, expiresAt);
    }

    /** Reads revocations other nodes made since the last refresh, and forgets expired ones. */
    public void refresh() {
        long now = clock.millis();
        long since = Math.max(0, watermark - overlapMillis);
        store.loadSince(since, now, (kind, value, expiresAt) -> {
            if (RevocationStore.TOKEN.equals(kind)) {
                tokens.put(value, expiresAt);
            } else if (RevocationStore.SESSION.equals(kind)) {
                sessions.put(value, expiresAt);
            }
        });
        watermark = now;
        tokens.values().removeIf(expiresAt -> expiresAt <= now);
        sessions.values().removeIf(expiresAt -> expiresAt <= now);
    }

    /** How many revocations are held in memory (for tests and metrics). */
    public int size() {
        return tokens.size() + sessions.size();
    }
}
