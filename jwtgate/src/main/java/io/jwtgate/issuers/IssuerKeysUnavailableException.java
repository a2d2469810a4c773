package io.jwtgate.issuers;

import io.jwtgate.JwtGateException;

/**
 * A trusted issuer's keys cannot be had at all (never fetched, and the fetch failed): the token may
 * well be good, and an identity provider's outage is not the client's fault, so this is a 503 with
 * {@code Retry-After}, never a 401, exactly like a store that cannot be reached (decision 436).
 */
public final class IssuerKeysUnavailableException extends JwtGateException {

    public IssuerKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
