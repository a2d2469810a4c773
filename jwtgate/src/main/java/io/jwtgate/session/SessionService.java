package io.jwtgate.session;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.rules.RoleScopes;
import io.jwtgate.rules.Scopes;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.SessionStore;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.IssuedToken;
import io.jwtgate.token.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The token lifecycle of spec §3: sessions (refresh families) started at login, refresh with
 * rotation and reuse detection, logout, revocation by {@code jti} and {@code sid}, and tokens
 * minted through {@code POST /auth/token}.
 *
 * <p>Sessions belong to the audience of the application that started them: applications that
 * share one store (and a secret) treat each other's refresh tokens and {@code jti}s as unknown.
 * Revocations by {@code jti} or {@code sid} in the shared revocation table stay global; those ids
 * are random, so a revocation only ever hits the session or token it names.
 */
public final class SessionService {

    /** The role that may revoke other users' tokens. */
    private static final String ADMIN = "admin";

    private final AccessTokenIssuer issuer;
    private final SessionStore sessions;
    private final Revocations revocations;
    private final UserStore users;
    private final RoleScopes roleScopes;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration accessTokenTtl;
    private final Duration refreshTokenTtl;
    private final Duration sessionMaxLifetime;
    private final int maxSessionsPerUser;
    private final RefreshTokens refreshTokens = new RefreshTokens();
    private final String audienceHash;

    /**
     * @param audience this application's audience ({@code Settings.audience()}), whose sessions
     *     this service honours in a store other applications may share
     */
    public SessionService(AccessTokenIssuer issuer, SessionStore sessions, Revocations revocations, UserStore users,
            RoleScopes roleScopes, AuditLog audit, Clock clock, Duration accessTokenTtl,
            Duration refreshTokenTtl, Duration sessionMaxLifetime, int maxSessionsPerUser, String audience) {
        // The same SHA-256 hex as refresh tokens: a fixed-length key for an audience of any length.
        this.audienceHash = RefreshTokens.hash(audience);
        this.issuer = issuer;
        this.sessions = sessions;
        this.revocations = revocations;
        this.users = users;
        this.roleScopes = roleScopes;
        this.audit = audit;
        this.clock = clock;
        this.accessTokenTtl = accessTokenTtl;
        this.refreshTokenTtl = refreshTokenTtl;
        this.sessionMaxLifetime = sessionMaxLifetime;
        this.maxSessionsPerUser = maxSessionsPerUser;
    }

    /** Starts a new session for a user who just proved their password. */
    public TokenPair start(User user, Set<String> scopes, String address) {
        String sid = issuer.newId();
        long now = clock.millis();
        long sessionExpiresAt = now + sessionMaxLifetime.toMillis();
        IssuedToken access = issue(user, scopes, sid, accessTokenTtl);
        String refresh = refreshTokens.generate();
        sessions.insertRefresh(RefreshTokens.hash(refresh), sid, user.id(), access.scopes(), now,
                Math.min(now + refreshTokenTtl.toMillis(), sessionExpiresAt), sessionExpiresAt, audienceHash);
        audit.record("token_issued", user.username(), address, Map.of("token_id", access.tokenId(), "session", sid,
                "kind", "login"));
        enforceSessionCap(user, sid, address);
        return new TokenPair(access, refresh);
    }

    /**
     * Rotates a refresh token. A spent token presented again is reuse: its whole session is revoked,
     * access tokens included.
     *
     * @throws RefreshFailedException when the token is not acceptable
     */
    public TokenPair refresh(String refreshToken, String address) {
        SessionStore.RefreshRecord record = presented(refreshToken);
        long now = clock.millis();
        if (record.spent() || !sessions.markSpentStrictly(record.tokenHash(), now)) {
            throw reuse(record, address);
        }
        return rotate(record, address, now);
    }

    /**
     * The stored record of a presented refresh token of this application, not revoked. Another
     * application's token is unknown here: no reuse detection, nothing revoked.
     */
    private SessionStore.RefreshRecord presented(String refreshToken) {
        if (!RefreshTokens.wellFormed(refreshToken)) {
            throw new RefreshFailedException("unknown");
        }
        SessionStore.RefreshRecord record = findOwnRefresh(RefreshTokens.hash(refreshToken))
                .orElseThrow(() -> new RefreshFailedException("unknown"));
        if (record.revoked() || revocations.isSessionRevoked(record.sessionId())) {
            throw new RefreshFailedException("revoked");
        }
        return record;
    }

    /**
     * Refreshes through the browser's session cookie (decision 656): like {@link #refresh}, except
     * that a token rotated at most {@code grace} ago, in a session that is still good, gets an
     * access token in that session instead of counting as reuse. Two tabs, parallel subresource
     * requests or a response lost on its way present the same cookie routinely; strict reuse
     * detection would log the user out each time. {@code /auth/refresh} stays strict.
     *
     * @param grace 0 for the strict rule
     * @throws RefreshFailedException when the token is not acceptable; reuse outside the grace has
     *     revoked the session, as {@link #refresh} does
     */
    public RefreshResult refreshForCookie(String refreshToken, String address, Duration grace) {
        SessionStore.RefreshRecord record = presented(refreshToken);
        String hash = record.tokenHash();
        long now = clock.millis();
        if (!record.spent() && expired(record, now)) {
            // Checked before spending: a spent token would count as just rotated for the grace.
            throw new RefreshFailedException("expired");
        }
        if (!record.spent() && sessions.markSpent(hash, now)) {
            return new RefreshResult.Rotated(rotate(record, address, now));
        }
        // Spent before, or by a concurrent request between the read and the update: read when.
        SessionStore.RefreshRecord spent = sessions.findRefresh(hash).orElse(record);
        if (withinGrace(spent, now, grace)) {
            return new RefreshResult.Superseded(reissue(spent, address));
        }
        throw reuse(record, address);
    }

    /**
     * A token the cookie path rotated while it was good, at most {@code grace} ago and not later
     * than now (a clock stepped back opens no window), in a session that is still good. A token the
     * strict endpoint rotated never qualifies.
     */
    private boolean withinGrace(SessionStore.RefreshRecord record, long now, Duration grace) {
        Long spentAt = record.spentThroughCookieAt();
        return !grace.isZero() && spentAt != null && spentAt <= now && spentAt >= now - grace.toMillis()
                && spentAt < record.expiresAt() && !record.revoked()
                && !revocations.isSessionRevoked(record.sessionId()) && record.sessionExpiresAt() > now;
    }

    private static boolean expired(SessionStore.RefreshRecord record, long now) {
        return record.expiresAt() <= now || record.sessionExpiresAt() <= now;
    }

    /** Reuse of a spent token: the whole session is revoked, access tokens included. */
    private RefreshFailedException reuse(SessionStore.RefreshRecord record, String address) {
        Optional<User> owner = users.findById(record.userId());
        revokeSession(record.userId(), record.sessionId());
        audit.record("refresh_reuse_detected", owner.map(User::username).orElse(null), address,
                Map.of("session", record.sessionId()));
        return new RefreshFailedException("reuse");
    }

    /** The rotation of a token this request has just spent: a new access and refresh token. */
    private TokenPair rotate(SessionStore.RefreshRecord record, String address, long now) {
        if (expired(record, now)) {
            throw new RefreshFailedException("expired");
        }
        User user = users.findById(record.userId()).filter(User::enabled)
                .orElseThrow(() -> new RefreshFailedException("account"));
        IssuedToken access = issue(user, narrowedScopes(record, user), record.sessionId(), accessTokenTtl);
        String next = refreshTokens.generate();
        sessions.insertRefresh(RefreshTokens.hash(next), record.sessionId(), user.id(), access.scopes(), now,
                Math.min(now + refreshTokenTtl.toMillis(), record.sessionExpiresAt()), record.sessionExpiresAt(),
                audienceHash);
        // A revocation that ran while this rotation was under way did not see the new row: look
        // again, since the in-memory entry will not outlive the new refresh token.
        if (revocations.isSessionRevoked(record.sessionId()) || sessions.hasRevokedRefreshTokens(record.sessionId())) {
            sessions.revokeSessionRefreshTokens(record.sessionId());
            throw new RefreshFailedException("revoked");
        }
        audit.record("token_refreshed", user.username(), address, Map.of("token_id", access.tokenId(),
                "session", record.sessionId()));
        return new TokenPair(access, next);
    }

    /**
     * An access token in the session of a token rotated within the grace period, and no refresh
     * token. A revocation racing it covers it: session revocations outlive the session's newest
     * access token ({@link #revokeSession}).
     */
    private IssuedToken reissue(SessionStore.RefreshRecord record, String address) {
        User user = users.findById(record.userId()).filter(User::enabled)
                .orElseThrow(() -> new RefreshFailedException("account"));
        IssuedToken access = issue(user, narrowedScopes(record, user), record.sessionId(), accessTokenTtl);
        audit.record("token_refreshed", user.username(), address, Map.of("token_id", access.tokenId(),
                "session", record.sessionId(), "grace", "true"));
        return access;
    }

    /** Scopes granted at login, narrowed to what the user's roles allow today. */
    private Set<String> narrowedScopes(SessionStore.RefreshRecord record, User user) {
        Set<String> allowed = roleScopes.scopesFor(user.roles());
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : record.scopes()) {
            if (Scopes.satisfies(allowed, s)) {
                scopes.add(s);
            }
        }
        return scopes;
    }

    /** Ends the caller's session: its refresh tokens and its access tokens stop working at once. */
    public void logout(JwtGateAuthentication caller, String address) {
        revokeSession(caller.subject(), caller.sessionId());
        audit.record("logout", caller.username(), address, Map.of("session", caller.sessionId()));
    }

    /**
     * Ends the session a refresh token belongs to: its refresh tokens and its access tokens stop
     * working at once (spec §3 logout, RFC 7009 §2). The token itself is the proof, so an expired
     * access token does not keep a client from ending its session. A spent token ends its session
     * too, as presenting it at {@code /auth/refresh} would (reuse); an expired one as well.
     *
     * @param event the audit event: {@code logout} or {@code token_revoked}
     * @return false when the token is unknown or malformed or its session has already ended:
     *     nothing was done (the endpoints answer the same either way)
     */
    public boolean endSessionOf(String refreshToken, String event, String address) {
        if (!RefreshTokens.wellFormed(refreshToken)) {
            return false;
        }
        Optional<SessionStore.RefreshRecord> found = findOwnRefresh(RefreshTokens.hash(refreshToken));
        if (found.isEmpty() || found.get().revoked()) {
            return false;
        }
        SessionStore.RefreshRecord record = found.get();
        revokeSession(record.userId(), record.sessionId());
        audit.record(event, users.findById(record.userId()).map(User::username).orElse(null), address,
                Map.of("session", record.sessionId(), "credential", "refresh_token"));
        return true;
    }

    /**
     * Revokes one access token by its {@code jti} (RFC 7009 §2 with an access token): that token
     * only, not its session; ending the session is what the refresh token or logout are for.
     */
    public void revokeAccessToken(VerifiedToken token, String address) {
        revocations.revokeToken(token.tokenId(), token.expiresAt().toEpochMilli());
        audit.record("token_revoked", token.username(), address, Map.of("token_id", token.tokenId(),
                "owner", token.subject(), "credential", "access_token"));
    }

    /**
     * Revokes one access token if the caller owns it or is an {@code admin} both in the caller's
     * credentials and in the store now.
     *
     * @return false when there is no such token the caller may revoke (a 404 either way)
     */
    public boolean revokeToken(JwtGateAuthentication caller, String jti, String address) {
        // Another application's token is not found here; a legacy record (no audience) is, as its
        // owner or an admin may revoke it and it expires within the access-token lifetime.
        Optional<SessionStore.AccessRecord> record = sessions.findAccessToken(jti)
                .filter(r -> r.audienceHash() == null || r.audienceHash().equals(audienceHash));
        if (record.isEmpty() || !(record.get().userId().equals(caller.subject()) || isAdminNow(caller))) {
            return false;
        }
        revocations.revokeToken(jti, record.get().expiresAt());
        audit.record("token_revoked", caller.username(), address, Map.of("token_id", jti,
                "owner", record.get().userId()));
        return true;
    }

    /**
     * A token's roles were the user's when it was issued: a demoted admin's token still says
     * {@code admin} until it expires, so the store decides too. Tokens issued before roles were
     * narrowed with scopes may carry {@code admin} beside narrow scopes: the scopes decide as well.
     */
    private boolean isAdminNow(JwtGateAuthentication caller) {
        if (!roleScopes.rolesCoveredBy(caller.roles(), caller.scopes()).contains(ADMIN)) {
            return false;
        }
        return users.findById(caller.subject()).filter(User::enabled)
                .map(user -> user.roles().contains(ADMIN)).orElse(false);
    }

    /**
     * Revokes every session of a user except {@code keep} (null to revoke all), in every
     * application sharing the store: the account and its password are shared with them.
     */
    public int revokeOtherSessions(String userId, String keep) {
        int count = 0;
        for (String sid : sessions.liveSessions(userId, clock.millis())) {
            if (!sid.equals(keep)) {
                revokeSession(userId, sid);
                count++;
            }
        }
        return count;
    }

    /**
     * A token of its own new session, without refresh token, for {@code POST /auth/token} by a
     * caller who proved the password (Basic).
     */
    public IssuedToken mint(User user, Set<String> scopes, Duration ttl, String address) {
        IssuedToken access = issue(user, scopes, issuer.newId(), ttl, null);
        audit.record("token_issued", user.username(), address, Map.of("token_id", access.tokenId(),
                "session", access.sessionId(), "kind", "token_endpoint", "ttl", Long.toString(ttl.getSeconds())));
        enforceSessionCap(user, access.sessionId(), address);
        return access;
    }

    /**
     * A token minted by a Bearer caller: in the caller's session (so logout, reuse detection and a
     * password change revoke it with its parent) and expiring no later than the caller's token.
     */
    public IssuedToken mintInSession(User user, Set<String> scopes, Duration ttl, String sid, Instant notAfter,
            String address) {
        IssuedToken access = issue(user, scopes, sid, ttl, notAfter);
        audit.record("token_issued", user.username(), address, Map.of("token_id", access.tokenId(),
                "session", sid, "kind", "token_endpoint", "ttl",
                Long.toString(Duration.between(access.issuedAt(), access.expiresAt()).getSeconds())));
        return access;
    }

    /**
     * Every access token is issued here. It carries only the roles its scopes fully cover: a token
     * narrowed to {@code messages:read} must not pass {@code role:admin} rules.
     */
    private IssuedToken issue(User user, Set<String> scopes, String sid, Duration ttl, Instant notAfter) {
        IssuedToken access = issuer.issue(user.id(), user.username(), roleScopes.rolesCoveredBy(user.roles(), scopes),
                scopes, sid, ttl, notAfter);
        sessions.recordAccessToken(access.tokenId(), sid, user.id(), access.issuedAt().toEpochMilli(),
                access.expiresAt().toEpochMilli(), audienceHash);
        return access;
    }

    private IssuedToken issue(User user, Set<String> scopes, String sid, Duration ttl) {
        return issue(user, scopes, sid, ttl, null);
    }

    /**
     * Revokes the user's oldest live sessions in this audience beyond {@code jwtgate.session.max-per-user}:
     * a login here does not end the user's sessions in another application sharing the store.
     */
    private void enforceSessionCap(User user, String newest, String address) {
        List<String> live = sessions.liveSessionsOldestFirst(user.id(), audienceHash, clock.millis());
        live.remove(newest);
        for (int i = 0; i < live.size() - (maxSessionsPerUser - 1); i++) {
            revokeSession(user.id(), live.get(i));
            audit.record("token_revoked", user.username(), address, Map.of("session", live.get(i),
                    "reason", "session_cap"));
        }
    }

    /**
     * The refresh row for {@code hash} if it belongs to this audience. A legacy row (stored before
     * audiences were) is adopted first: its whole session becomes this audience's, unless another
     * application adopted it first, and then it is not ours.
     */
    private Optional<SessionStore.RefreshRecord> findOwnRefresh(String hash) {
        Optional<SessionStore.RefreshRecord> found = sessions.findRefresh(hash);
        if (found.isPresent() && found.get().audienceHash() == null) {
            sessions.adoptLegacySession(found.get().sessionId(), audienceHash);
            found = sessions.findRefresh(hash);
        }
        return found.filter(r -> audienceHash.equals(r.audienceHash()));
    }

    private void revokeSession(String userId, String sid) {
        // The session's revocation is stored before its refresh tokens die: when the store fails in
        // between, the refresh token still works, so the client's retry of the logout does it all
        // again; the other order left a retry finding the token dead and doing nothing, while the
        // session's access tokens stayed good on every node (decision 471). The entry outlives the
        // latest access token recorded, or one a rotation racing this revocation issues now; one
        // issued a moment later is covered by the entry's clock-skew margins.
        long racingRotation = clock.millis() + accessTokenTtl.toMillis();
        long lastExpiry = Math.max(sessions.latestAccessTokenExpiry(userId, sid).orElse(racingRotation),
                racingRotation);
        revocations.revokeSession(sid, lastExpiry);
        sessions.revokeSessionRefreshTokens(sid);
        // Again, for a row a concurrent rotation inserted after the first UPDATE had begun; a row
        // inserted after this one began sees the first UPDATE's revoked rows and dies (refresh()).
        sessions.revokeSessionRefreshTokens(sid);
    }
}
