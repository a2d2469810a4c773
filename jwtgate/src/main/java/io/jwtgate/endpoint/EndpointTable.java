package io.jwtgate.endpoint;

import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which {@link Endpoint} answers which path below {@code /auth}: exact paths, and prefix entries
 * such as {@code /token/{jti}} whose rest is the {@link Exchange#parameter()}. Immutable; the servlet
 * builds its table once at {@code init()} (decision 406). A new endpoint is one class and one entry
 * in {@link #standard()}.
 */
public final class EndpointTable {

    /** The token id placeholder of prefix entries, as {@code docs/openapi.yaml} writes it. */
    private static final String PARAMETER = "{jti}";

    /**
     * An endpoint with its one method (any other gets 405 with {@code Allow}) and whether a request
     * spends the per-address budget of the token endpoints before it is handled, before any body is
     * read and any bcrypt or database work is done (decision 115). A GET endpoint answers HEAD too:
     * RFC 9110 §9.3.2 makes HEAD a GET without a body, and verifiers probe a key set's caching with it
     * (decision 550).
     */
    record Route(String method, boolean rateLimited, Endpoint endpoint) {

        /** Whether a request with {@code requestMethod} reaches the endpoint. */
        boolean accepts(String requestMethod) {
            return method.equals(requestMethod) || ("HEAD".equals(requestMethod) && "GET".equals(method));
        }

        /** The {@code Allow} value of a 405 here: exactly the methods {@link #accepts} lets through. */
        String allow() {
            return "GET".equals(method) ? "GET, HEAD" : method;
        }
    }

    private static final boolean RATE_LIMITED = true;
    private static final boolean UNLIMITED = false;

    /** Documented path ({@code /login}, {@code /token/{jti}}) to route, in the order of the document. */
    private final Map<String, Route> entries;

    private EndpointTable(Map<String, Route> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Every endpoint of spec §3, {@code /register} included, and the published key set. */
    public static EndpointTable standard() {
        Map<String, Route> m = new LinkedHashMap<>();
        m.put("/login", new Route("POST", RATE_LIMITED, new LoginEndpoint()));
        m.put("/token", new Route("POST", RATE_LIMITED, new MintEndpoint()));
        m.put("/token/" + PARAMETER, new Route("DELETE", UNLIMITED, new RevokeByIdEndpoint()));
        m.put("/refresh", new Route("POST", RATE_LIMITED, new RefreshEndpoint()));
        m.put("/logout", new Route("POST", RATE_LIMITED, new LogoutEndpoint()));
        m.put("/revoke", new Route("POST", RATE_LIMITED, new RevokeEndpoint()));
        m.put("/me", new Route("GET", UNLIMITED, new MeEndpoint()));
        m.put("/password", new Route("POST", UNLIMITED, new PasswordEndpoint()));
        m.put("/register", new Route("POST", RATE_LIMITED, new RegisterEndpoint()));
        m.put("/jwks.json", new Route("GET", UNLIMITED, new JwksEndpoint()));
        return new EndpointTable(m);
    }

    /** This table less the entry at {@code path}, which then answers 404 like any unknown path. */
    public EndpointTable without(String path) {
        Map<String, Route> m = new LinkedHashMap<>(entries);
        m.remove(path);
        return new EndpointTable(m);
    }

    /** Each documented path with its one method, for the OpenAPI comparison (decision 195). */
    public Map<String, String> methods() {
        Map<String, String> m = new LinkedHashMap<>();
        entries.forEach((path, route) -> m.put(path, route.method()));
        return Collections.unmodifiableMap(m);
    }

    /** The route at a documented path, for tests. */
    Route at(String documentedPath) {
        return entries.get(documentedPath);
    }

    /**
     * Answers the request at {@code path} (the servlet's path info, {@code ""} when there is none):
     * 404 for a path without an entry, then 405 with {@code Allow} for another method, then the
     * rate limit if the endpoint spends it, then the endpoint. For HEAD the endpoint writes its GET
     * answer and the container sends the head of it only, with the Content-Length it would have sent.
     */
    public void dispatch(EndpointServices services, String path, HttpServletRequest request,
            HttpServletResponse response, String address) throws IOException {
        String parameter = "";
        Route route = null;
        for (Map.Entry<String, Route> entry : entries.entrySet()) {
            String prefix = prefixOf(entry.getKey());
            if (prefix != null && path.startsWith(prefix)) {
                route = entry.getValue();
                parameter = path.substring(prefix.length());
                break;
            }
        }
        if (route == null) {
            route = entries.get(path);
        }
        if (route == null) {
            throw new ApiException(AuthError.notFound());
        }
        if (!route.accepts(request.getMethod())) {
            response.setHeader("Allow", route.allow());
            throw new ApiException(AuthError.methodNotAllowed());
        }
        Exchange exchange = new Exchange(services, request, response, address, parameter);
        if (route.rateLimited()) {
            exchange.spendRateLimit();
        }
        route.endpoint().handle(exchange);
    }

    /** The prefix of a prefix entry ({@code /token/} of {@code /token/{jti}}); null for an exact path. */
    private static String prefixOf(String path) {
        return path.endsWith(PARAMETER) ? path.substring(0, path.length() - PARAMETER.length()) : null;
    }
}
