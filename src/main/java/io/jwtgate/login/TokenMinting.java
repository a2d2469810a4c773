package io.jwtgate.login;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.rules.Scopes;
import io.jwtgate.session.SessionService;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.token.IssuedToken;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /auth/token} (SMS-gateway style): a caller authenticated by Basic, or by a Bearer
 * token holding {@code tokens:manage}, mints an access token of its own session with at most the
 * caller's scopes and a lifetime capped at {@code access-token.max-ttl}. A token can never mint
 * more than it holds.
 */
public final class TokenMinting {

    /** The scope a Bearer caller needs to mint tokens. */
    public static final String MANAGE_SCOPE = "tokens:manage";

    private final UserStore users;
    private final SessionService sessions;
    private final Duration defaultTtl;
    private final Duration maxTtl;

    public TokenMinting(UserStore users, SessionService sessions, Duration defaultTtl, Duration maxTtl) {
        this.users = users;
        this.sessions = sessions;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    /**
     * @param ttlSeconds requested lifetime, or null for {@code access-token.ttl}
     * @param scopes requested scopes, or null for all of the caller's
     * @throws InsufficientScopeException 403 when the caller may not mint or asks for more than it holds
     * @throws LoginFailedException when the caller's account no longer exists or is disabled
     */
    public IssuedToken mint(JwtGateAuthentication caller, Long ttlSeconds, List<String> scopes, String address) {
        if (JwtGateAuthentication.BEARER.equals(caller.authMethod()) && !caller.hasScope(MANAGE_SCOPE)) {
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
        return sessions.mint(user, requested, ttl, address);
    }
}
