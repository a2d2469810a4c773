package io.jwtgate.session;

import io.jwtgate.token.IssuedToken;

/**
 * What a refresh through the session cookie gave (decision 656): a rotation, or, for a refresh
 * token another request rotated a moment ago, an access token alone.
 */
public sealed interface RefreshResult permits RefreshResult.Rotated, RefreshResult.Superseded {

    /** The access token to use from now on. */
    IssuedToken access();

    /** The token was rotated: a new access token and a new refresh token. */
    record Rotated(TokenPair pair) implements RefreshResult {
        @Override
        public IssuedToken access() {
            return pair.access();
        }
    }

    /**
     * The token had been rotated within the grace period by a concurrent request (another tab, a
     * parallel subresource, a response lost on the way): an access token in the same session and
     * no refresh token, since the winner's response carries that.
     */
    record Superseded(IssuedToken access) implements RefreshResult {
    }
}
