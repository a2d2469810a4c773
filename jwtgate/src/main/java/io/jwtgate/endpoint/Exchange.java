package io.jwtgate.endpoint;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.AuthOutcome;
import io.jwtgate.web.AuthorizationHeader;
import io.jwtgate.web.Credentials;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One request to an {@link Endpoint}, with the pieces the endpoints share: who the caller is,
 * the per-address rate limit, and the Bearer token that may accompany a logout.
 */
public final class Exchange {

    private final EndpointServices services;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String address;
    private final String parameter;

    Exchange(EndpointServices services, HttpServletRequest request, HttpServletResponse response, String address,
            String parameter) {
        this.services = services;
        this.request = request;
        this.response = response;
        this.address = address;
        this.parameter = parameter;
    }

    public EndpointServices services() {
        return services;
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    /** The client's address as the trusted proxies name it, for the audit trail and the limits. */
    public String address() {
        return address;
    }

    /**
     * What follows the prefix of a prefix entry of the {@link EndpointTable} (the {@code {jti}} of
     * {@code /token/{jti}}, possibly empty); empty for an exact entry.
     */
    public String parameter() {
        return parameter;
    }

    /**
     * Spends the per-address request budget of the token endpoints, before any body is read and
     * before any bcrypt or database work (decision 115); 429 when it is spent.
     */
    void spendRateLimit() {
        long retryAfter = services.rateLimit().trySpend(address);
        if (retryAfter > 0) {
            throw new ApiException(AuthError.tooManyRequests(retryAfter));
        }
    }

    /**
     * The caller of an endpoint that needs one.
     *
     * @param basicAllowed whether Basic credentials may authenticate here (else only Bearer)
     */
    public JwtGateAuthentication authenticate(boolean basicAllowed) {
        AuthOutcome outcome = services.gate().authenticator().authenticate(request, address);
        if (outcome instanceof AuthOutcome.Rejected) {
            throw new ApiException(((AuthOutcome.Rejected) outcome).error());
        }
        if (!(outcome instanceof AuthOutcome.Authenticated)) {
            throw new ApiException(AuthError.unauthorized());
        }
        JwtGateAuthentication caller = ((AuthOutcome.Authenticated) outcome).authentication();
        if (JwtGateAuthentication.BASIC.equals(caller.authMethod())) {
            if (!basicAllowed) {
                throw new ApiException(AuthError.unauthorized());
            }
            services.gate().basicNotice().apply(response, caller, address);
        }
        return caller;
    }

    /** The Bearer token of the request if it verifies now; null for anything else (never trusted). */
    public JwtGateAuthentication verifiedBearer() {
        Credentials credentials = AuthorizationHeader.parse(request.getHeaders("Authorization"));
        if (!(credentials instanceof Credentials.Bearer)) {
            return null;
        }
        try {
            return JwtGateAuthentication.bearer(
                    services.gate().verifier().verify(((Credentials.Bearer) credentials).token()));
        } catch (BadTokenException e) {
            return null;
        }
    }
}
