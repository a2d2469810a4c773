package io.jwtgate.login;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.rules.RoleScopes;
import io.jwtgate.rules.Scopes;
import io.jwtgate.session.SessionService;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.token.IssuedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /auth/token} (SMS-gateway style). A caller authenticated by Basic mints an
 * independent API token (a session of its own) with a lifetime capped at
 * {@code access-token.max-ttl}. A Bearer caller needs {@code tokens:manage} and mints a token of
 * its own session that expires no later than its own token, with scopes narrowed to what the
 * user's roles allow now: a token can never mint more, or longer, than it holds.
 */
public final class TokenMinting {

    /** The scope a Bearer caller needs to mint tokens. */
    public static final String MANAGE_SCOPE = "tokens:manage";

    private final UserStore users;
    private final SessionService sessions;
    private final RoleScopes roleScopes;
    private final Clock clock;
    private final Duration defaultTtl;
    private final Duration maxTtl;

    public TokenMinting(UserStore users, SessionService sessions, RoleScopes roleScopes, Clock clock,
            Duration defaultTtl, Duration maxTtl) {
        this.users = users;
        this.sessions = sessions;
        this.roleScopes = roleScopes;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    /**
     * @param ttlSeconds requested lifetime, or null for {@code access-token.ttl}
     * @param scopes requested scopes, or null for all of the caller's
     * @throws InsufficientScopeException 403 when the caller may not mint or asks for more than it holds
     * @throws LoginFailedException when the caller's account no longer exists or is disabled, or
     *     its token has expired (it is still inside the clock skew)
     */
    public IssuedToken mint(JwtGateAuthentication caller, Long ttlSeconds, List<String> scopes, String address) {
        boolean bearer = JwtGateAuthentication.BEARER.equals(caller.authMethod());
        if (bearer && !caller.hasScope(MANAGE_SCOPE)) {
            throw new InsufficientScopeException(MANAGE_SCOPE, "minting tokens needs the scope " + MANAGE_SCOPE);
        }
        Set<String> requested = scopes == null ? new LinkedHashSet<>(caller.scopes()) : new LinkedHashSet<>(scopes);
        if (!Scopes.covers(caller.scopes(), requested)) {
            throw new InsufficientScopeException(String.join(" ", requested),
                    "the requested scopes exceed the caller's");
        }
        User user = users.findById(caller.subject()).filter(User::enabled)
                .orElseThrow(() -> new LoginFailedException("account"));
        Duration ttl = ttlSeconds == null ? defaultTtl : Duration.ofSeconds(ttlSeconds);
        if (ttl.compareTo(maxTtl) > 0) {
            ttl = maxTtl;
        }
        if (!bearer) {
            return sessions.mint(user, requested, ttl, address);
        }
        // The token's scopes were granted when it was issued; the roles may have shrunk since.
        Set<String> allowed = roleScopes.scopesFor(user.roles());
        if (!Scopes.satisfies(allowed, MANAGE_SCOPE)) {
            throw new InsufficientScopeException(MANAGE_SCOPE, "minting tokens needs the scope " + MANAGE_SCOPE);
        }
        if (!caller.expiresAt().isAfter(clock.instant())) {
            throw new LoginFailedException("expired");
        }
        return sessions.mintInSession(user, narrow(requested, allowed), ttl, caller.sessionId(), caller.expiresAt(),
                address);
    }

    /**
     * The scopes both sets grant: each requested scope the roles still allow, and each allowed
     * scope the request covers (so {@code all:any} held by a demoted admin becomes the new roles'
     * scopes, not nothing).
     */
    static Set<String> narrow(Set<String> requested, Set<String> allowed) {
        Set<String> narrowed = new TreeSet<>();
        for (String s : requested) {
            if (Scopes.satisfies(allowed, s)) {
                narrowed.add(s);
            }
        }
        for (String s : allowed) {
            if (Scopes.satisfies(requested, s)) {
                narrowed.add(s);
            }
        }
        return narrowed;
    }
}
