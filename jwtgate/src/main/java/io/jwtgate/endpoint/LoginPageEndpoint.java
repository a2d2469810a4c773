package io.jwtgate.endpoint;

import java.io.IOException;

/**
 * {@code GET /auth/login}: the login page of cookie mode (decision 662), JwtGate's own or the
 * application's ({@code jwtgate.cookie.login-page}). Registered only in cookie mode; not
 * rate-limited, since the page must still be there to say why a spent budget refuses the login.
 */
final class LoginPageEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        exchange.services().browser().page(exchange.request(), exchange.response());
    }
}
