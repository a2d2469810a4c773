package io.jwtgate.endpoint;

import io.jwtgate.browser.BrowserLogin;
import io.jwtgate.login.InvalidScopeException;
import io.jwtgate.login.LoginFailedException;
import io.jwtgate.login.LoginRequestParser;
import io.jwtgate.login.TokenResponses;
import io.jwtgate.session.TokenPair;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.FormBodies;
import io.jwtgate.web.JsonResponse;
import io.jwtgate.web.RequestBodies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /auth/login}: a username and password (JSON or form) for an access and a refresh
 * token. In cookie mode a browser's form login gets the tokens as cookies and a 303 instead
 * ({@link BrowserLogin}, decision 663); every other login keeps the JSON answer.
 */
final class LoginEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        byte[] body = RequestBodies.read(exchange.request());
        String mediaType = RequestBodies.mediaType(exchange.request());
        Supplier<TokenPair> attempt = () -> exchange.services().metrics().timeLogin(() -> exchange.services().login()
                .login(LoginRequestParser.parse(mediaType, body), exchange.address()));
        BrowserLogin browser = exchange.services().browser();
        if (browser.enabled() && mediaType.equals("application/x-www-form-urlencoded")) {
            Map<String, String> form = FormBodies.parse(body);
            if (browser.isBrowserLogin(exchange.request(), mediaType, form)) {
                browser.login(exchange.request(), exchange.response(), form, attempt);
                return;
            }
        }
        TokenPair tokens;
        try {
            tokens = attempt.get();
        } catch (LoginFailedException e) {
            throw new ApiException(AuthError.invalidGrant());
        } catch (InvalidScopeException e) {
            throw new ApiException(AuthError.invalidScope(e.getMessage()));
        }
        exchange.response().setStatus(HttpServletResponse.SC_OK);
        JsonResponse.write(exchange.response(), TokenResponses.of(tokens.access(), tokens.refreshToken()));
    }

    /**
     * Answers a spent rate-limit budget for a request that is a browser login by its headers: the
     * page with 429, not JSON. The body is not read for this (decision 115).
     *
     * @return whether it answered; if not, the table answers JSON as for every endpoint
     */
    boolean answeredSpentBudget(Exchange exchange, AuthError refusal) throws IOException {
        BrowserLogin browser = exchange.services().browser();
        String mediaType;
        try {
            mediaType = RequestBodies.mediaType(exchange.request());
        } catch (ApiException e) {
            return false;
        }
        if (refusal.retryAfterSeconds() == null || !browser.looksLikeBrowserLogin(exchange.request(), mediaType)) {
            return false;
        }
        browser.budgetSpent(exchange.request(), exchange.response(), refusal.retryAfterSeconds());
        return true;
    }
}
