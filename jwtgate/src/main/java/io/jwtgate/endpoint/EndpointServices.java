package io.jwtgate.endpoint;

import io.jwtgate.JwtGate;
import io.jwtgate.browser.BrowserLogin;
import io.jwtgate.login.LoginService;
import io.jwtgate.login.PasswordChange;
import io.jwtgate.login.Registration;
import io.jwtgate.login.TokenMinting;
import io.jwtgate.metrics.Metrics;
import io.jwtgate.session.TokenRevocation;
import io.jwtgate.web.AddressRateLimit;
import java.util.Objects;

/**
 * What the endpoints work with: the gate for its public parts, and the services {@link JwtGate}
 * keeps package-private (an application reaches the gate through its servlet context, a page's
 * expression language included, so they stay off its public surface), handed over by
 * {@link io.jwtgate.LoginServlet} once at {@code init()}; and the browser side of cookie mode.
 */
public record EndpointServices(JwtGate gate, LoginService login, TokenMinting minting, PasswordChange passwordChange,
        Registration registration, TokenRevocation tokenRevocation, AddressRateLimit rateLimit, Metrics metrics,
        BrowserLogin browser) {

    public EndpointServices {
        Objects.requireNonNull(gate);
        Objects.requireNonNull(login);
        Objects.requireNonNull(minting);
        Objects.requireNonNull(passwordChange);
        Objects.requireNonNull(registration);
        Objects.requireNonNull(tokenRevocation);
        Objects.requireNonNull(rateLimit);
        Objects.requireNonNull(metrics);
        Objects.requireNonNull(browser);
    }
}
