package io.jwtgate.login;

import io.jwtgate.JwtGateAuthentication;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers successful Basic checks briefly so a Basic client does not cost a bcrypt per request.
 * Entries are keyed by an HMAC of user-id and password under a random per-instance key: the cache
 * never holds a password, and a wrong password never matches a cached entry.
 *
 * <p>A check that read the password hash before a password change must not cache its result
 * after the change: {@link #generation()} is taken before the hash is read, and {@link #put} drops
 * the entry if any invalidation happened since.
 *
 * <p>An entry's life is counted on the injected clock and on the monotonic clock, and ends when
 * either says so: a clock stepped back would otherwise stretch it, past
 * {@code jwtgate.revocation.max-staleness} during a store outage (decision 560).
 */
public final class BasicCache {

    /** How long a successful check is remembered. */
    public static final Duration TTL = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(JwtGateAuthentication authentication, long expiresAt, long expiresAtTick) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final byte[] key = new byte[32];
    private final Clock clock;
    private final LongSupplier ticker;
    private final long ttlMillis;

    public BasicCache(Clock clock) {
        this(clock, TTL);
    }

    /**
     * @param ttl how long a check is remembered, at most {@link #TTL}: JwtGate passes
     *     {@code jwtgate.revocation.max-staleness} when shorter, so that a node cut off from the store
     *     does not accept a password changed elsewhere for longer than the bound (decision 470)
     */
    public BasicCache(Clock clock, Duration ttl) {
        this(clock, ttl, System::nanoTime);
    }

    /** As above, with the monotonic time source given (tests). */
    BasicCache(Clock clock, Duration ttl, LongSupplier ticker) {
        this.clock = clock;
        this.ticker = ticker;
        this.ttlMillis = Math.min(TTL.toMillis(), ttl.toMillis());
        new SecureRandom().nextBytes(key);
    }

    public Optional<JwtGateAuthentication> get(String userId, String password) {
        String k = keyOf(userId, password);
        Entry e = entries.get(k);
        if (e == null) {
            return Optional.empty();
        }
        if (expired(e, clock.millis(), ticker.getAsLong())) {
            entries.remove(k, e);
            return Optional.empty();
        }
        return Optional.of(e.authentication());
    }

    /** Take this before reading the stored hash; hand it to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    /**
     * Remembers a successful check, unless an invalidation happened after {@code generation} was
     * taken (the check may have seen the old password).
     */
    public void put(String userId, String password, JwtGateAuthentication authentication, long generation) {
        long now = clock.millis();
        long tick = ticker.getAsLong();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> expired(e, now, tick));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        String k = keyOf(userId, password);
        entries.put(k, new Entry(authentication, now + ttlMillis, tick + ttlMillis * 1_000_000L));
        // Checked after the put: an invalidation between the check and the put removes it again,
        // or bumped the generation before this read.
        if (this.generation.get() != generation) {
            entries.remove(k);
        }
    }

    private static boolean expired(Entry e, long now, long tick) {
        // Ticks are compared by difference: nanoTime may wrap.
        return e.expiresAt() <= now || tick - e.expiresAtTick() >= 0;
    }

    /** Drops every entry of a user (password changed, account disabled). */
    public void invalidate(String subject) {
        generation.incrementAndGet();
        entries.values().removeIf(e -> e.authentication().subject().equals(subject));
    }

    /** The entry key for these credentials: an HMAC, so no password is ever held. */
    String keyOf(String userId, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(userId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
