package io.jwtgate.session;

import io.jwtgate.config.Settings;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.StoreUnavailableException;
import io.jwtgate.token.RevocationCheck;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Revoked token ids and sessions, answered from memory on the request path. A revocation made on
 * this node is visible here at once; those made by other nodes arrive with {@link #refresh()},
 * which the maintenance thread runs every {@code jwtgate.revocation.refresh-interval} and, on
 * PostgreSQL with push on, the listener runs when another node announces one.
 *
 * <p>Start-up loads every unexpired row of the revocation log; each refresh after that reads only
 * the rows numbered above the highest seen, plus numbers still missing below it (a row that
 * committed late; see {@link LogPosition}). Expired entries are swept out once a minute rather than
 * on every refresh: with a million entries a sweep is a noticeable pause, and an entry kept a
 * little past its expiry only refuses a token that is refused as expired anyway (decision 462).
 * Memory holds each id in a {@link RevokedIds} table, about 40 bytes an entry, looked up without a
 * lock (decisions 620-622).
 *
 * <p>An entry is kept only until the last access token it can concern has expired, plus margins:
 * a revoked session's refresh tokens are revoked in the store, so memory has to cover access
 * tokens only, and the caller says when the last of them expires.
 *
 * <p>Bounded staleness: while refreshes fail and none has succeeded for
 * {@code jwtgate.revocation.max-staleness}, {@link #isRevoked} fails closed with
 * {@link StoreUnavailableException} (a 503), until a refresh succeeds again (decision 466). The
 * age is judged on this node's clock and on the monotonic clock, either being enough, so a clock
 * stepped back during an outage does not stretch the bound (decision 560).
 *
 * <p>A sweep judged by a clock that later went back below an expiry it removed has dropped an
 * entry the clock needs again: the next refresh, or a request that comes first, reads the unexpired
 * log again (decision 561).
 */
public final class Revocations implements RevocationCheck {

    private static final System.Logger LOG = System.getLogger(Revocations.class.getName());
    /** How often expired entries are swept out of memory (this node's clock). */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /**
     * How far this node's clock may go back below an expiry it swept before memory is read again:
     * an NTP step of a few milliseconds is no reason to read a million rows, and an entry that close
     * to its expiry concerns a token expired for minutes.
     */
    static final long STEP_BACK_MARGIN_MILLIS = 1_000L;

    private final RevocationStore store;
    private final Clock clock;
    private final long maxTtlMillis;
    private final long marginMillis;
    private final long credentialsLifetimeMillis;
    private final long maxStalenessMillis;
    /** Revoked token ids and sessions, each until the expiry it was given (decision 620). */
    private final RevokedIds tokens = new RevokedIds();
    private final RevokedIds sessions = new RevokedIds();
    private volatile Consumer<String> credentialsChanged = userId -> { };
    /** Guarded by {@code this} (refreshes are serialized); null until the first load. */
    private LogPosition position;
    private final long graceMillis;
    private long nextSweep = Long.MIN_VALUE;
    /**
     * The latest expiry a sweep has removed since memory was last read whole: while this node's
     * clock is below it, memory may miss a revocation the clock needs (decision 561).
     */
    private volatile long sweptUpTo = Long.MIN_VALUE;
    /** The monotonic time of the latest failed attempt of a request to read memory back. */
    private volatile long catchUpFailedTick;
    private volatile boolean catchUpFailed;
    private final long intervalMillis;
    /** This node's time of the last refresh that read the store; the constructor counts as one. */
    private volatile long lastRefreshed;
    /** The monotonic time of the last successful refresh: a refresh that hangs never fails. */
    private volatile long lastRefreshedTick;
    private final LongSupplier ticker;
    private final AtomicBoolean stale = new AtomicBoolean();
    /** Whether the latest refresh failed: only then does the bound apply (see {@link #requireFresh()}). */
    private volatile boolean failing;

    /**
     * Revocations without a staleness bound, for the command line, which answers no requests.
     *
     * @see #Revocations(RevocationStore, Clock, Duration, Duration, Duration, Duration)
     */
    public Revocations(RevocationStore store, Clock clock, Duration interval, Duration accessTokenMaxTtl,
            Duration credentialsLifetime) {
        this(store, clock, interval, accessTokenMaxTtl, credentialsLifetime, ChronoUnit.FOREVER.getDuration());
    }

    /**
     * @param interval the refresh interval; a missing log number is asked for again during
     *     max(60 s, 4 × interval) of database time
     * @param accessTokenMaxTtl the longest an access token can live: no entry is kept longer than
     *     this plus the margins, whatever expiry it is given
     * @param credentialsLifetime how long a "credentials changed" mark is kept (the Basic cache's
     *     lifetime plus margin)
     * @param maxStaleness how long the request path may answer without a successful refresh
     */
    public Revocations(RevocationStore store, Clock clock, Duration interval, Duration accessTokenMaxTtl,
            Duration credentialsLifetime, Duration maxStaleness) {
        this(store, clock, interval, accessTokenMaxTtl, credentialsLifetime, maxStaleness, System::nanoTime);
    }

    /** As above, with the monotonic time source of the hung-refresh check given (tests). */
    Revocations(RevocationStore store, Clock clock, Duration interval, Duration accessTokenMaxTtl,
            Duration credentialsLifetime, Duration maxStaleness, LongSupplier ticker) {
        this.store = store;
        this.ticker = ticker;
        this.clock = clock;
        this.graceMillis = Math.max(60_000L, interval.toMillis() * 4);
        this.intervalMillis = interval.toMillis();
        this.maxTtlMillis = accessTokenMaxTtl.toMillis();
        // One skew for the verifier's leeway after exp, one for a token issued by a rotation that
        // was already under way and for the issuing and revoking nodes' clocks disagreeing.
        this.marginMillis = Settings.MAX_CLOCK_SKEW.multipliedBy(2).toMillis();
        this.credentialsLifetimeMillis = credentialsLifetime.toMillis();
        this.maxStalenessMillis = maxStaleness.getSeconds() >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE
                : maxStaleness.toMillis();
        this.lastRefreshed = clock.millis();
        this.lastRefreshedTick = ticker.getAsLong();
    }

    /** Who to tell when a user's credentials changed on another node (the Basic cache). */
    public void onCredentialsChanged(Consumer<String> listener) {
        this.credentialsChanged = listener;
    }

    /**
     * @throws StoreUnavailableException when the revocations were not refreshed within the
     *     staleness bound: the answer could miss a revocation made elsewhere
     */
    @Override
    public boolean isRevoked(String jti, String sid) {
        requireFresh();
        if (wentBackBelowSwept(clock.millis())) {
            catchUpAfterStepBack();
        }
        return tokens.contains(jti) || (sid != null && sessions.contains(sid));
    }

    /** Whether a whole session is revoked. */
    public boolean isSessionRevoked(String sid) {
        return sessions.contains(sid);
    }

    private void requireFresh() {
        // Stale when the store is failing and EITHER clock says the last success is older than the
        // bound, or when no refresh has completed within the bound of real (monotonic) time at all:
        // a refresh that hangs on a silent network never fails, and one stuck behind a hung purge
        // never runs (decision 468). The wall clock alone never vouches for freshness: stepped back
        // during an outage it would read a negative age for as long as the step (decision 560). A
        // wall clock that merely jumped while refreshes keep succeeding closes nothing, as neither
        // test then holds.
        long tickAge = (ticker.getAsLong() - lastRefreshedTick) / 1_000_000L;
        if (tickAge > maxStalenessMillis || (failing && clock.millis() - lastRefreshed > maxStalenessMillis)) {
            if (stale.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "revocations not refreshed for {0} s, past jwtgate.revocation.max-staleness:"
                        + " Bearer requests get 503 until the store answers again", staleness().toSeconds());
            }
            throw new StoreUnavailableException("revocations not refreshed within the staleness bound", null);
        }
    }

    /** Whether {@code now} is below, by more than the margin, an expiry a sweep has removed. */
    private boolean wentBackBelowSwept(long now) {
        long swept = sweptUpTo;
        return swept != Long.MIN_VALUE && now < swept - STEP_BACK_MARGIN_MILLIS;
    }

    /**
     * Reads memory back before answering when this node's clock went back below the expiry of an
     * entry it swept: that entry's token may verify again now (decision 561). The
     * maintenance thread would do it at its next refresh; a request that comes first does not wait
     * for it. While the store does not answer it fails closed, and tries again only once per
     * refresh interval, so requests do not queue behind one failing read after another.
     */
    private synchronized void catchUpAfterStepBack() {
        if (!wentBackBelowSwept(clock.millis())) {
            return; // another thread, or the maintenance thread, has read it back meanwhile
        }
        if (catchUpFailed && (ticker.getAsLong() - catchUpFailedTick) / 1_000_000L < intervalMillis) {
            throw new StoreUnavailableException("revocations swept before the clock went back are being read again",
                    null);
        }
        try {
            refresh();
            catchUpFailed = false;
        } catch (RuntimeException e) {
            catchUpFailed = true;
            catchUpFailedTick = ticker.getAsLong();
            throw new StoreUnavailableException("revocations swept before the clock went back could not be read again",
                    e);
        }
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
        // The token's own expiry, as its issuer stamped it, not a lifetime counted from this
        // process's now: a revoker whose clock runs ahead would end the revocation before the token
        // (decision 562). The cap on what is kept is counted in database time there, and here on
        // this node's clock, by which its verifier also judges exp.
        store.revokeUntil(RevocationStore.TOKEN, jti, expiresAt + marginMillis, maxTtlMillis + marginMillis);
        tokens.merge(jti, Math.min(expiresAt, clock.millis() + maxTtlMillis) + marginMillis);
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
        sessions.merge(sid, now + lifetime);
    }

    private long lifetimeUntil(long expiry, long now) {
        // A token already past exp may still be inside the verifier's leeway; none lives past max-ttl.
        return Math.min(Math.max(expiry - now, 0), maxTtlMillis) + marginMillis;
    }

    /** Tells every node that {@code userId}'s password changed (this node's cache is the caller's job). */
    public void credentialsChanged(String userId) {
        store.revoke(RevocationStore.CREDENTIALS, userId, credentialsLifetimeMillis);
    }

    /**
     * Reads the revocations made since the last refresh (by any node): the whole unexpired log the
     * first time, then only new rows and rows still missing. Serialized: the maintenance thread and
     * the push listener never read at the same time.
     *
     * @throws io.jwtgate.store.StoreException when the store cannot be read; memory is unchanged
     */
    public synchronized void refresh() {
        long now = clock.millis();
        long[] dbNow = new long[1];
        LogPosition at;
        // One connection for the whole poll: the check of the log's end and the read (decision 535).
        try (RevocationStore.Reading read = store.reading()) {
            if (position != null && wentBackBelowSwept(now)) {
                // This node's clock went back below the expiry of an entry it swept (it had run
                // ahead, and was corrected): that entry may concern a token that verifies again now,
                // and its row is below the number this node has read (decision 561).
                LOG.log(Level.WARNING, "this node''s clock went back {0} s below revocations it had swept as expired:"
                        + " reading the revocation log again from the start", (sweptUpTo - now) / 1000);
                position = null;
                nextSweep = now + SWEEP_EVERY.toMillis();
            } else if (position != null && position.high() > 0
                    && !read.stillEndsWith(position.high(), position.highCreatedAt())) {
                // The log went back: a restore from a backup or a failover to a replica that missed
                // the newest rows. New rows now take numbers this node has passed, so it reads the
                // whole unexpired log again (decision 472); what it holds stays revoked.
                LOG.log(Level.WARNING, "the revocation log now ends below the number this node had read"
                        + " (restored or failed over?): reading it again from the start");
                position = null;
            }
            at = position == null ? new LogPosition(graceMillis) : position;
            RevocationStore.RevocationSink sink = sink(at, now, dbNow);
            if (position == null) {
                read.loadUnexpired(sink);
                position = at;
                // Memory holds every unexpired row again, whatever earlier sweeps dropped; until this
                // succeeds, requests keep trying to read it back themselves.
                sweptUpTo = Long.MIN_VALUE;
            } else {
                read.loadFrom(at.nextFrom(), sink);
            }
        } catch (RuntimeException e) {
            failing = true;
            throw e;
        }
        at.forgetOldGaps(dbNow[0]);
        lastRefreshed = now;
        lastRefreshedTick = ticker.getAsLong();
        failing = false;
        if (stale.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "revocations refreshed again: Bearer requests are answered again");
        }
        // A clock that went back postpones no sweep by the size of its step.
        if (now >= nextSweep || nextSweep - now > SWEEP_EVERY.toMillis()) {
            long latestRemoved = sweptUpTo;
            // Anything up to now may go: said before the removal, so a request whose clock went
            // back meanwhile does not answer from a memory it cannot tell is missing entries.
            sweptUpTo = Math.max(sweptUpTo, now);
            latestRemoved = Math.max(latestRemoved, tokens.sweep(now));
            latestRemoved = Math.max(latestRemoved, sessions.sweep(now));
            nextSweep = now + SWEEP_EVERY.toMillis();
            sweptUpTo = latestRemoved;
        }
    }

    /** Applies the rows of one read; {@code dbNow} receives the database's time when the read began. */
    private RevocationStore.RevocationSink sink(LogPosition at, long now, long[] dbNow) {
        return new RevocationStore.RevocationSink() {
            @Override
            public void readAt(long databaseNow) {
                dbNow[0] = databaseNow;
            }

            @Override
            public void accept(long seq, String kind, String value, long createdAt, long remaining) {
                if (at.saw(seq, createdAt, dbNow[0]) && remaining > 0) {
                    // Kept while either clock says it is needed: this node's (its verifier judges exp
                    // by it) and the database's (a node running behind keeps it longer, so a clock
                    // corrected forward later does not drop it early).
                    apply(kind, value, Math.max(now, dbNow[0]) + remaining);
                }
            }
        };
    }

    private void apply(String kind, String value, long expiresAt) {
        if (RevocationStore.TOKEN.equals(kind)) {
            tokens.merge(value, expiresAt);
        } else if (RevocationStore.SESSION.equals(kind)) {
            sessions.merge(value, expiresAt);
        } else if (RevocationStore.CREDENTIALS.equals(kind)) {
            // A row new to this node is a new password change: this node's Basic cache forgets the user.
            credentialsChanged.accept(value);
        }
    }

    /** The highest revocation-log number this node has read (0: none), for tests and measurements. */
    synchronized long logHighWater() {
        return position == null ? 0 : position.high();
    }

    /** How many log numbers below the high-water mark are still awaited, for tests. */
    synchronized int logGaps() {
        return position == null ? 0 : position.gaps();
    }

    /**
     * How long ago the revocations were last read from the store: the longer of what this node's
     * clock and the monotonic clock say, so the gauge does not read 0 while a clock stepped back
     * hides an outage (decision 560).
     */
    public Duration staleness() {
        long wallAge = clock.millis() - lastRefreshed;
        long tickAge = (ticker.getAsLong() - lastRefreshedTick) / 1_000_000L;
        return Duration.ofMillis(Math.max(0, Math.max(wallAge, tickAge)));
    }

    /** How many revocations are held in memory (for tests and metrics). */
    public int size() {
        return tokens.size() + sessions.size();
    }
}
