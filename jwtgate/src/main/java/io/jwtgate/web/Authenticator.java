package io.jwtgate.web;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.issuers.BearerVerifier;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns a request's credentials into an {@link AuthOutcome}. Shared by the filter and the login
 * servlet so both read headers and tokens the same way. Catches only "bad token": a store fault
 * or a trusted issuer's unavailable keys propagate and become a 503 where they are answered.
 */
public final class Authenticator {

    private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());

    /** The error_description of a request with an {@code access_token} query parameter. */
    public static final String QUERY_TOKEN_REFUSED = "Access tokens are not accepted in the query string";

    private final BearerVerifier verifier;
    private final BasicCredentialsChecker basic;
    private final SameOriginRule sameOrigin;

    /**
     * @param basic null when Basic credentials are not accepted
     * @param sameOrigin where Basic requests that change state may come from
     */
    public Authenticator(AccessTokenVerifier verifier, BasicCredentialsChecker basic, SameOriginRule sameOrigin) {
        this(new BearerVerifier(verifier, null, java.util.List.of()), basic, sameOrigin);
    }

    /**
     * @param verifier JwtGate's own tokens and those of the trusted issuers; an issuer whose keys
     *     cannot be had throws {@link io.jwtgate.issuers.IssuerKeysUnavailableException}, which
     *     propagates like a store outage and becomes a 503
     */
    public Authenticator(BearerVerifier verifier, BasicCredentialsChecker basic, SameOriginRule sameOrigin) {
        this.verifier = verifier;
        this.basic = basic;
        this.sameOrigin = sameOrigin;
    }

    /**
     * @param address the client address (for Basic failure counting)
     */
    public AuthOutcome authenticate(HttpServletRequest request, String address) {
        if (hasQueryToken(request.getQueryString())) {
            return new AuthOutcome.Rejected(AuthError.invalidRequest(QUERY_TOKEN_REFUSED));
        }
        Credentials credentials = AuthorizationHeader.parse(request.getHeaders("Authorization"));
        if (credentials instanceof Credentials.Malformed) {
            Credentials.Malformed malformed = (Credentials.Malformed) credentials;
            if (malformed.basicScheme() && basic == null) {
                // With Basic off, "Basic ..." is a scheme we do not handle, well-formed or not
                // (RFC 6750 §3.1): anonymous, so permit paths still answer (decision 53).
                return AuthOutcome.ANONYMOUS;
            }
            return new AuthOutcome.Rejected(AuthError.invalidRequest(malformed.reason()));
        }
        if (credentials instanceof Credentials.Bearer) {
            return bearer(((Credentials.Bearer) credentials).token());
        }
        if (credentials instanceof Credentials.Basic && basic != null) {
            if (!sameOrigin.admits(request)) {
                // Before the password: another site's page must not spend the user's lockout
                // budget or learn whether the cached credentials are right (decision 97).
                LOG.log(Level.DEBUG, "a Basic request that changes state came from another origin: refused");
                return new AuthOutcome.Rejected(AuthError.crossOriginBasic());
            }
            Credentials.Basic b = (Credentials.Basic) credentials;
            return basic.check(b.userId(), b.password(), address);
        }
        return AuthOutcome.ANONYMOUS;
    }

    /**
     * Verifies an access token that came in JwtGate's session cookie the way a Bearer header's
     * token is verified (the token cache applies): the token, or empty when it is bad. A store
     * fault or unavailable issuer keys propagate.
     */
    public Optional<VerifiedToken> verifyBearer(String token) {
        try {
            return Optional.of(verifier.verify(token));
        } catch (BadTokenException e) {
            LOG.log(Level.DEBUG, "cookie token refused: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the query string carries an {@code access_token} parameter, which is refused everywhere. */
    public static boolean queryCarriesToken(HttpServletRequest request) {
        return hasQueryToken(request.getQueryString());
    }

    private AuthOutcome bearer(String token) {
        try {
            return new AuthOutcome.Authenticated(JwtGateAuthentication.bearer(verifier.verify(token)));
        } catch (BadTokenException e) {
            LOG.log(Level.DEBUG, "bearer token refused: {0}", e.getMessage());
            return new AuthOutcome.Rejected(AuthError.invalidToken(e.reason().description()));
        }
    }

    /** RFC 6750 §2.3 tokens in the URI are refused outright: URIs end up in logs. */
    static boolean hasQueryToken(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String decoded;
            try {
                decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = name;
            }
            if (decoded.equals("access_token")) {
                return true;
            }
        }
        return false;
    }
}
