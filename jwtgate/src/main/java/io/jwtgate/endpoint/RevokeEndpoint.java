package io.jwtgate.endpoint;

import io.jwtgate.web.RequestBodies;
import io.jwtgate.web.RevocationRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /auth/revoke}: RFC 7009 revocation without client authentication (decision 113):
 * 200 with an empty body whether or not the token was known, 400 without {@code token}.
 */
final class RevokeEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        byte[] body = RequestBodies.read(exchange.request());
        RevocationRequest revocation = RevocationRequest.parse(RequestBodies.mediaType(exchange.request()), body);
        exchange.services().tokenRevocation().revoke(revocation.token(), exchange.address());
        HttpServletResponse response = exchange.response();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentLength(0);
    }
}
