package io.jwtgate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.login.InsufficientScopeException;
import io.jwtgate.login.InvalidInputException;
import io.jwtgate.login.InvalidScopeException;
import io.jwtgate.login.LockedOutException;
import io.jwtgate.login.LoginFailedException;
import io.jwtgate.login.LoginRequestParser;
import io.jwtgate.login.TokenResponses;
import io.jwtgate.login.TooManyRequestsException;
import io.jwtgate.session.RefreshFailedException;
import io.jwtgate.session.TokenPair;
import io.jwtgate.store.DuplicateUserException;
import io.jwtgate.store.StoreUnavailableException;
import io.jwtgate.store.User;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.IssuedToken;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.AuthOutcome;
import io.jwtgate.web.AuthorizationHeader;
import io.jwtgate.web.Credentials;
import io.jwtgate.web.JsonBodies;
import io.jwtgate.web.JsonResponse;
import io.jwtgate.web.RequestBodies;
import io.jwtgate.web.RevocationRequest;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The token endpoints of spec §3, mapped at {@code /auth/*}: login, token, refresh, logout,
 * token revocation, me, password and (when enabled) register. Every answer is JSON; every error
 * is {@code {"error","error_description"}} written by the one {@link io.jwtgate.web.ErrorWriter}, whose
 * {@code write} never offers a Basic challenge: a browser would show its dialog for it and then send
 * the cached credentials here on its own (decision 95).
 */
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(LoginServlet.class.getName());
    private static final String TOKEN_PREFIX = "/token/";
    private static final String TOKEN_BY_ID = TOKEN_PREFIX + "{jti}";

    /**
     * Every endpoint this servlet serves, by its path below the servlet's mapping as
     * {@code docs/openapi.yaml} writes it ({@code {jti}} for a token id), with its one method.
     * The routing takes the methods from here, so this table is what the servlet serves and the
     * OpenAPI test compares it with the document (decision 195). {@code /register} answers 404
     * while registration is off.
     */
    static final Map<String, String> ENDPOINTS = endpoints();

    private static Map<String, String> endpoints() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("/login", "POST");
        m.put("/token", "POST");
        m.put(TOKEN_BY_ID, "DELETE");
        m.put("/refresh", "POST");
        m.put("/logout", "POST");
        m.put("/revoke", "POST");
        m.put("/me", "GET");
        m.put("/password", "POST");
        m.put("/register", "POST");
        return Collections.unmodifiableMap(m);
    }

    private transient JwtGate gate;

    @Override
    public void init() throws ServletException {
        Map<String, String> params = new HashMap<>();
        for (String name : Collections.list(getServletConfig().getInitParameterNames())) {
            params.put(name, getServletConfig().getInitParameter(name));
        }
        StartupChecks.filterIsInPlace(getServletContext());
        gate = SharedInstance.acquire(getServletContext(), params);
        StartupChecks.rulesOnLoginServletPaths(getServletContext(), gate.settings().rules().accessRules());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String address = gate.settings().web().trustedProxies().clientAddress(request);
        try {
            route(path, request, response, address);
        } catch (ApiException e) {
            gate.errors().write(response, e.error());
        } catch (LockedOutException e) {
            gate.errors().write(response, AuthError.tooManyAttempts(e.retryAfterSeconds()));
        } catch (TooManyRequestsException e) {
            gate.errors().write(response, AuthError.tooManyRequests(e.retryAfterSeconds()));
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "store unavailable: {0}", e.getMessage());
            gate.errors().write(response, AuthError.unavailable());
        } catch (RuntimeException e) {
            // A server fault: 500 with a plain body, the cause only in the log.
            LOG.log(Level.ERROR, "LoginServlet failed on " + path, e);
            gate.errors().write(response, AuthError.serverError());
        }
        // A request refused before its body was read must not leave the connection to die (see there).
        RequestBodies.discardUnread(request);
    }

    private void route(String path, HttpServletRequest request, HttpServletResponse response, String address)
            throws IOException {
        if (path.startsWith(TOKEN_PREFIX)) {
            requireMethod(TOKEN_BY_ID, request, response);
            revokeToken(path.substring(TOKEN_PREFIX.length()), request, response, address);
            return;
        }
        if (path.equals("/register") && !gate.settings().login().registerEnabled()) {
            throw new ApiException(AuthError.notFound());
        }
        if (!ENDPOINTS.containsKey(path)) {
            throw new ApiException(AuthError.notFound());
        }
        requireMethod(path, request, response);
        switch (path) {
            case "/login":
                spendRateLimit(address);
                login(request, response, address);
                break;
            case "/token":
                spendRateLimit(address);
                mint(request, response, address);
                break;
            case "/refresh":
                spendRateLimit(address);
                refresh(request, response, address);
                break;
            case "/logout":
                spendRateLimit(address);
                logout(request, response, address);
                break;
            case "/revoke":
                spendRateLimit(address);
                revoke(request, response, address);
                break;
            case "/me":
                me(request, response, address);
                break;
            case "/password":
                password(request, response, address);
                break;
            case "/register":
                spendRateLimit(address);
                register(request, response, address);
                break;
            default:
                // An entry of ENDPOINTS without its case here is a programming error, not a client's.
                throw new IllegalStateException("no handler for " + path);
        }
    }

    /** 405 with {@code Allow} unless the request uses the one method {@link #ENDPOINTS} gives {@code endpoint}. */
    private static void requireMethod(String endpoint, HttpServletRequest request, HttpServletResponse response) {
        String method = ENDPOINTS.get(endpoint);
        if (!request.getMethod().equals(method)) {
            response.setHeader("Allow", method);
            throw new ApiException(AuthError.methodNotAllowed());
        }
    }

    /**
     * The per-address request budget of the token endpoints, spent before any body is read and
     * before any bcrypt or database work (decision 115).
     */
    private void spendRateLimit(String address) {
        long retryAfter = gate.rateLimit().trySpend(address);
        if (retryAfter > 0) {
            throw new ApiException(AuthError.tooManyRequests(retryAfter));
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response, String address) throws IOException {
        byte[] body = RequestBodies.read(request);
        TokenPair tokens;
        try {
            tokens = gate.login().login(LoginRequestParser.parse(RequestBodies.mediaType(request), body), address);
        } catch (LoginFailedException e) {
            throw new ApiException(AuthError.invalidGrant());
        } catch (InvalidScopeException e) {
            throw new ApiException(AuthError.invalidScope(e.getMessage()));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        JsonResponse.write(response, TokenResponses.of(tokens.access(), tokens.refreshToken()));
    }

    private void refresh(HttpServletRequest request, HttpServletResponse response, String address) throws IOException {
        String token = JsonBodies.read(request, false).requiredText("refresh_token");
        TokenPair tokens;
        try {
            tokens = gate.sessions().refresh(token, address);
        } catch (RefreshFailedException e) {
            LOG.log(Level.DEBUG, "refresh refused: {0}", e.reason());
            throw new ApiException(AuthError.invalidRefreshToken());
        }
        response.setStatus(HttpServletResponse.SC_OK);
        JsonResponse.write(response, TokenResponses.of(tokens.access(), tokens.refreshToken()));
    }

    private void mint(HttpServletRequest request, HttpServletResponse response, String address) throws IOException {
        JwtGateAuthentication caller = authenticate(request, response, address, true);
        JsonBodies body = JsonBodies.read(request, true);
        IssuedToken token;
        try {
            token = gate.minting().mint(caller, body.positiveLong("ttl"), body.scopes("scopes"), address);
        } catch (InsufficientScopeException e) {
            throw new ApiException(AuthError.scopesExceedCaller(e.scope()));
        } catch (LoginFailedException e) {
            throw new ApiException(AuthError.unauthorized());
        }
        response.setStatus(HttpServletResponse.SC_CREATED);
        JsonResponse.write(response, TokenResponses.of(token, null));
    }

    /**
     * Ends the caller's session. With {@code {"refresh_token": …}} in the body the refresh token is
     * the credential (decision 111): its session ends whatever the access token's state, and a
     * Bearer token sent beside it ends its own session too if it verifies (it is ignored if not).
     * Without one, a Bearer token is required as before.
     */
    private void logout(HttpServletRequest request, HttpServletResponse response, String address)
            throws IOException {
        String refreshToken = JsonBodies.read(request, true).text("refresh_token");
        if (refreshToken == null) {
            JwtGateAuthentication caller = authenticate(request, response, address, false);
            gate.sessions().logout(caller, address);
        } else {
            JwtGateAuthentication bearer = verifiedBearer(request);
            if (bearer != null) {
                gate.sessions().logout(bearer, address);
            }
            // An unknown, malformed or already revoked token ends nothing and gets the same 204
            // (RFC 7009 §2.2): the answer tells nothing, and a retried logout is harmless.
            gate.sessions().endSessionOf(refreshToken, "logout", address);
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** The Bearer token of the request if it verifies now; null for anything else (never trusted). */
    private JwtGateAuthentication verifiedBearer(HttpServletRequest request) {
        Credentials credentials = AuthorizationHeader.parse(request.getHeaders("Authorization"));
        if (!(credentials instanceof Credentials.Bearer)) {
            return null;
        }
        try {
            return JwtGateAuthentication.bearer(gate.verifier().verify(((Credentials.Bearer) credentials).token()));
        } catch (BadTokenException e) {
            return null;
        }
    }

    /**
     * RFC 7009 revocation without client authentication (decision 113): 200 with an empty body
     * whether or not the token was known, 400 without {@code token}.
     */
    private void revoke(HttpServletRequest request, HttpServletResponse response, String address)
            throws IOException {
        byte[] body = RequestBodies.read(request);
        RevocationRequest revocation = RevocationRequest.parse(RequestBodies.mediaType(request), body);
        gate.tokenRevocation().revoke(revocation.token(), address);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentLength(0);
    }

    private void revokeToken(String jti, HttpServletRequest request, HttpServletResponse response, String address) {
        JwtGateAuthentication caller = authenticate(request, response, address, true);
        if (jti.isEmpty() || jti.length() > 64 || !gate.sessions().revokeToken(caller, jti, address)) {
            throw new ApiException(AuthError.notFound());
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private void password(HttpServletRequest request, HttpServletResponse response, String address)
            throws IOException {
        JwtGateAuthentication caller = authenticate(request, response, address, false);
        JsonBodies body = JsonBodies.read(request, false);
        try {
            gate.passwordChange().change(caller, body.requiredText("current_password"),
                    body.requiredText("new_password"), address);
        } catch (LoginFailedException e) {
            throw new ApiException(AuthError.wrongCurrentPassword());
        } catch (InvalidInputException e) {
            throw new ApiException(AuthError.invalidInput(e.getMessage()));
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private void register(HttpServletRequest request, HttpServletResponse response, String address)
            throws IOException {
        JsonBodies body = JsonBodies.read(request, false);
        User user;
        try {
            user = gate.registration().register(body.text("username"), body.text("email"), body.text("password"),
                    address);
        } catch (InvalidInputException e) {
            throw new ApiException(AuthError.invalidInput(e.getMessage()));
        } catch (DuplicateUserException e) {
            throw new ApiException(AuthError.userExists());
        }
        ObjectNode json = StrictJson.mapper().createObjectNode()
                .put("sub", user.id())
                .put("username", user.username())
                .put("email", user.email());
        ArrayNode roles = json.putArray("roles");
        new TreeSet<>(user.roles()).forEach(roles::add);
        response.setStatus(HttpServletResponse.SC_CREATED);
        JsonResponse.write(response, json);
    }

    private void me(HttpServletRequest request, HttpServletResponse response, String address) throws IOException {
        JwtGateAuthentication caller = authenticate(request, response, address, true);
        ObjectNode body = StrictJson.mapper().createObjectNode()
                .put("sub", caller.subject())
                .put("username", caller.username());
        ArrayNode roles = body.putArray("roles");
        new TreeSet<>(caller.roles()).forEach(roles::add);
        ArrayNode scopes = body.putArray("scopes");
        new TreeSet<>(caller.scopes()).forEach(scopes::add);
        body.put("token_id", caller.tokenId());
        body.put("expires_at", caller.expiresAt() == null ? null : caller.expiresAt().toString());
        response.setStatus(HttpServletResponse.SC_OK);
        JsonResponse.write(response, body);
    }

    /**
     * The caller of an endpoint that needs one.
     *
     * @param basicAllowed whether Basic credentials may authenticate here (else only Bearer)
     */
    private JwtGateAuthentication authenticate(HttpServletRequest request, HttpServletResponse response,
            String address, boolean basicAllowed) {
        AuthOutcome outcome = gate.authenticator().authenticate(request, address);
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
            gate.basicNotice().apply(response, caller, address);
        }
        return caller;
    }

    @Override
    public void destroy() {
        SharedInstance.release(getServletContext());
    }
}
