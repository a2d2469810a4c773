package io.jwtgate.endpoint;

import io.jwtgate.keys.JwksDocument;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /auth/jwks.json}: the public keys tokens are verified with, as an RFC 7517 JWK set, so
 * other services verify JwtGate's asymmetric tokens without a secret. No authentication and no rate
 * limit (public keys, fetched by verifiers on their own schedule); cacheable for
 * {@code jwtgate.jwks.max-age} (decisions 417-419). The body was computed once at start. HEAD
 * answers the same head without the body (decision 550).
 */
final class JwksEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        JwksDocument keys = exchange.services().gate().publishedKeys();
        byte[] body = keys.body();
        HttpServletResponse response = exchange.response();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", keys.cacheControl());
        response.setContentType(JwksDocument.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.getOutputStream().flush();
    }
}
