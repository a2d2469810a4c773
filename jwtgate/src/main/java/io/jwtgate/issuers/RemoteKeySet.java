package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.MalformedJsonException;
import io.jwtgate.json.StrictJson;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyEpoch;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The public keys of one trusted issuer, fetched from its JWKS address on the request thread
 * when first needed (never at start), then cached (decision 433):
 * <ul>
 * <li>a key set older than {@code cache-ttl} is fetched again by the one request that gets the
 *     fetch lock; the others meanwhile keep using the keys held;</li>
 * <li>a token with an unknown {@code kid} triggers a fetch at most once per {@code min-refresh};
 *     it waits for a fetch already in flight, which may be fetching exactly that key;</li>
 * <li>a failed fetch keeps the last good keys; a failure is never cached as an empty set, and a
 *     document without one usable key counts as a failure;</li>
 * <li>while no keys were ever had, requests wait for the fetch in flight (bounded by its
 *     timeouts) and attempts are spaced by {@code min-refresh} too: an identity provider that is
 *     down gets one request per interval, not one per client request, and clients get a 503.</li>
 * </ul>
 * At most one fetch per issuer is in flight. Thread-safe; holds no thread of its own.
 */
public final class RemoteKeySet {

    private static final System.Logger LOG = System.getLogger(RemoteKeySet.class.getName());

    private final String name;
    private final JwksClient client;
    private final KeySetParser parser;
    private final Set<JwsAlgorithm> algorithms;
    private final Clock clock;
    private final Duration minRefresh;
    private final Duration cacheTtl;
    private final ReentrantLock fetching = new ReentrantLock();

    private volatile Snapshot snapshot;
    private volatile Instant lastAttempt;
    private volatile String lastFailure;

    private record Snapshot(List<JwtKey> keys, Instant fetchedAt) { }

    /**
     * @param name the trusted issuer's configuration name, for messages
     */
    public RemoteKeySet(String name, JwksClient client, KeySetParser parser, Set<JwsAlgorithm> algorithms,
            Clock clock, Duration minRefresh, Duration cacheTtl) {
        this.name = name;
        this.client = client;
        this.parser = parser;
        this.algorithms = Set.copyOf(algorithms);
        this.clock = clock;
        this.minRefresh = minRefresh;
        this.cacheTtl = cacheTtl;
    }

    /**
     * The key bound to {@code algorithm} with {@code kid} (or, without a {@code kid}, the only key
     * bound to {@code algorithm}); empty when the issuer publishes none, even after a refetch.
     *
     * @throws IssuerKeysUnavailableException when no key set could ever be fetched
     */
    public Optional<JwtKey> key(JwsAlgorithm algorithm, String kid) {
        Snapshot held = current();
        Optional<JwtKey> key = find(held, algorithm, kid);
        if (key.isPresent()) {
            return key;
        }
        Snapshot fresh = refetchForUnknownKid(held);
        return fresh == held ? Optional.empty() : find(fresh, algorithm, kid);
    }

    /**
     * The keys held now, as the verified-token cache remembers them: current while no other key set
     * has been fetched since. Asking whether it is current refreshes a key set older than
     * {@code cache-ttl} as a verification would (on the request thread, by the one request that gets
     * the fetch lock), so cached tokens do not keep old keys alive. Taking the epoch fetches nothing,
     * so a token refusable from its header stays a 401 while the issuer is down. Before the first
     * fetch the epoch is never current, so a token verified then is verified once more.
     */
    public KeyEpoch epoch() {
        Snapshot held = snapshot;
        // A token only enters the cache after it verified, so a key set is held by then and
        // current() does not throw.
        return () -> held != null && current() == held;
    }

    /** The keys held now, fetching them when none were ever had or they are older than cache-ttl. */
    private Snapshot current() {
        Snapshot held = snapshot;
        if (held == null) {
            fetching.lock();
            try {
                held = snapshot;
                if (held == null && mayAttempt(clock.instant())) {
                    held = attempt();
                }
                if (held == null) {
                    throw new IssuerKeysUnavailableException("no keys of trusted issuer '" + name
                            + "' could be fetched yet: " + lastFailure, null);
                }
                return held;
            } finally {
                fetching.unlock();
            }
        }
        Instant now = clock.instant();
        if (!now.isBefore(held.fetchedAt().plus(cacheTtl)) && mayAttempt(now) && fetching.tryLock()) {
            try {
                if (snapshot == held && mayAttempt(clock.instant())) {
                    attempt();
                }
                return snapshot;
            } finally {
                fetching.unlock();
            }
        }
        return held;
    }

    private Snapshot refetchForUnknownKid(Snapshot held) {
        fetching.lock();
        try {
            if (snapshot != held) {
                return snapshot; // another request fetched meanwhile
            }
            if (!mayAttempt(clock.instant())) {
                return held;
            }
            return attempt();
        } finally {
            fetching.unlock();
        }
    }

    private boolean mayAttempt(Instant now) {
        Instant last = lastAttempt;
        return last == null || !now.isBefore(last.plus(minRefresh));
    }

    /** One fetch, under the lock: the new snapshot, or the one held when the fetch failed. */
    private Snapshot attempt() {
        Instant now = clock.instant();
        lastAttempt = now;
        try {
            byte[] body = client.fetch();
            JsonNode document = StrictJson.parseObject(body);
            List<JwtKey> keys = parser.parse(document, algorithms);
            if (keys.isEmpty()) {
                throw new JwksFetchException("the key set holds no usable key for " + algorithms);
            }
            Snapshot fresh = new Snapshot(List.copyOf(keys), now);
            snapshot = fresh;
            lastFailure = null;
            LOG.log(Level.DEBUG, "fetched {0} key(s) of trusted issuer ''{1}''", keys.size(), name);
            return fresh;
        } catch (JwksFetchException e) {
            return failed(e.getMessage());
        } catch (MalformedJsonException e) {
            return failed("the key set is " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return failed("the key set was refused: " + e.getMessage());
        }
    }

    private Snapshot failed(String reason) {
        lastFailure = reason;
        Snapshot held = snapshot;
        LOG.log(Level.WARNING, "fetching the keys of trusted issuer ''{0}'' failed ({1}); {2}", name, reason,
                held == null ? "its tokens get 503 until a fetch succeeds"
                        : "the " + held.keys().size() + " key(s) fetched at " + held.fetchedAt() + " stay in use");
        return held;
    }

    private static Optional<JwtKey> find(Snapshot held, JwsAlgorithm algorithm, String kid) {
        JwtKey only = null;
        int count = 0;
        for (JwtKey k : held.keys()) {
            if (k.algorithm() != algorithm) {
                continue;
            }
            if (kid != null) {
                if (k.kid().isPresent() && k.kid().get().equals(kid)) {
                    return Optional.of(k);
                }
            } else {
                only = k;
                count++;
            }
        }
        return count == 1 ? Optional.of(only) : Optional.empty();
    }

    @Override
    public String toString() {
        return "RemoteKeySet[" + name + "]";
    }
}
