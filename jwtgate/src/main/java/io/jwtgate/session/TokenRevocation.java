package io.jwtgate.session;

import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BadTokenException;

/**
 * RFC 7009 token revocation ({@code POST /auth/revoke}) without client authentication: the token
 * presented is the only proof. A refresh token ends its whole session (refresh family and access
 * tokens); an access token that verifies now (signature, {@code typ}, issuer, audience, lifetime)
 * is revoked by its {@code jti}. Anything else (unknown, malformed, expired, already revoked, or
 * a token that does not verify) changes nothing, and the endpoint answers the same 200 (§2.2).
 *
 * <p>The two kinds cannot be confused: a refresh token is 43 base64url characters, an access token
 * a JWS with two dots. So {@code token_type_hint} never changes the outcome and is not needed.
 */
public final class TokenRevocation {

    private final SessionService sessions;
    private final AccessTokenVerifier verifier;

    public TokenRevocation(SessionService sessions, AccessTokenVerifier verifier) {
        this.sessions = sessions;
        this.verifier = verifier;
    }

    /** Revokes {@code token} if it is one of ours and still alive; silent otherwise. */
    public void revoke(String token, String address) {
        if (sessions.endSessionOf(token, "token_revoked", address)) {
            return;
        }
        try {
            sessions.revokeAccessToken(verifier.verify(token), address);
        } catch (BadTokenException e) {
            // Unknown, forged, expired or already revoked: nothing to revoke, and never trusted.
        }
    }
}
