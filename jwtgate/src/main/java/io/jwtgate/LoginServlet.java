package io.jwtgate;

import io.jwtgate.browser.BrowserLogin;
import io.jwtgate.config.CookieSettings;
import io.jwtgate.endpoint.EndpointServices;
import io.jwtgate.endpoint.EndpointTable;
import io.jwtgate.issuers.IssuerKeysUnavailableException;
import io.jwtgate.login.LockedOutException;
import io.jwtgate.login.TooManyRequestsException;
import io.jwtgate.store.StoreUnavailableException;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.RequestBodies;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The token endpoints of spec §3, mapped at {@code /auth/*}: login, token, refresh, logout,
 * token revocation, me, password, (when enabled) register, and the published key set
 * ({@code /auth/jwks.json}), one class each in
 * {@link io.jwtgate.endpoint}, found through the {@link EndpointTable} (decision 406); in cookie
 * mode also the login page, and browser logins and logouts answered with cookies, pages and 303s
 * ({@link io.jwtgate.browser.BrowserLogin}). Every other answer is JSON; every error is {@code {"error","error_description"}} written by the one
 * {@link io.jwtgate.web.ErrorWriter}, whose {@code write} never offers a Basic challenge: a browser
 * would show its dialog for it and then send the cached credentials here on its own (decision 95).
 */
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(LoginServlet.class.getName());

    /**
     * Every endpoint this servlet serves, by its path below the servlet's mapping as
     * {@code docs/openapi.yaml} writes it ({@code {jti}} for a token id), with its methods.
     * Derived from the {@link EndpointTable#standard() table} the servlet routes with, so this is
     * what the servlet serves and the OpenAPI test compares it with the document (decision 195).
     * {@code /register} answers 404 while registration is off, {@code GET /login} 405 while cookie
     * mode is off.
     */
    static final Map<String, Set<String>> ENDPOINTS = EndpointTable.standard().methods();

    private transient JwtGate gate;
    private transient EndpointServices services;
    private transient EndpointTable endpoints;

    @Override
    public void init() throws ServletException {
        Map<String, String> params = new HashMap<>();
        for (String name : Collections.list(getServletConfig().getInitParameterNames())) {
            params.put(name, getServletConfig().getInitParameter(name));
        }
        StartupChecks.filterIsInPlace(getServletContext());
        gate = SharedInstance.acquire(getServletContext(), params);
        StartupChecks.rulesOnLoginServletPaths(getServletContext(), gate.settings().rules().accessRules());
        CookieSettings cookies = gate.settings().cookies();
        if (cookies.enabled() && cookies.loginPage().isPresent()) {
            try {
                StartupChecks.loginPageAllowed(getServletContext(), gate.settings().rules().accessRules(),
                        cookies.loginPage().get());
            } catch (UnavailableException e) {
                // init failed, so destroy() will not run: give the shared instance back here.
                SharedInstance.release(getServletContext());
                throw e;
            }
        }
        BrowserLogin browser = new BrowserLogin(cookies, gate.settings().web().sameOrigin(),
                gate.errors().bearerChallenge(AuthError.invalidGrant()));
        services = new EndpointServices(gate, gate.login(), gate.minting(), gate.passwordChange(),
                gate.registration(), gate.tokenRevocation(), gate.rateLimit(), gate.metrics(), browser);
        EndpointTable table = EndpointTable.standard();
        if (!gate.settings().login().registerEnabled()) {
            // Without registration the path has no entry, so it answers 404 like any unknown path.
            table = table.without("/register");
        }
        if (!cookies.enabled()) {
            // The login page belongs to cookie mode; without it GET /login is 405 as before.
            table = table.without("/login", "GET");
        }
        endpoints = table;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String address = gate.settings().web().trustedProxies().clientAddress(request);
        try {
            endpoints.dispatch(services, path, request, response, address);
        } catch (ApiException e) {
            gate.errors().write(response, e.error());
        } catch (LockedOutException e) {
            gate.errors().write(response, AuthError.tooManyAttempts(e.retryAfterSeconds()));
        } catch (TooManyRequestsException e) {
            gate.errors().write(response, AuthError.tooManyRequests(e.retryAfterSeconds()));
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "store unavailable: {0}", e.getMessage());
            gate.metrics().storeUnavailable();
            gate.errors().write(response, AuthError.unavailable());
        } catch (IssuerKeysUnavailableException e) {
            // /auth/me with a trusted issuer's token while its keys cannot be had (decision 436).
            LOG.log(Level.WARNING, "trusted issuer keys unavailable: {0}", e.getMessage());
            gate.errors().write(response, AuthError.unavailable());
        } catch (RuntimeException e) {
            // A server fault: 500 with a plain body, the cause only in the log.
            LOG.log(Level.ERROR, "LoginServlet failed on " + path, e);
            gate.errors().write(response, AuthError.serverError());
        }
        // A request refused before its body was read must not leave the connection to die (see there).
        RequestBodies.discardUnread(request);
    }

    @Override
    public void destroy() {
        SharedInstance.release(getServletContext());
    }
}
