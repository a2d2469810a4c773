package io.jwtgate.endpoint;

import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Which {@link Endpoint} answers which path and method below {@code /auth}: exact paths, and prefix
 * entries such as {@code /token/{jti}} whose rest is the {@link Exchange#parameter()}. A path may
 * serve several methods ({@code GET /login} is the login page, {@code POST /login} the login
 * itself); any other method of a known path gets 405 with {@code Allow} listing the path's methods.
 * Immutable; the servlet builds its table once at {@code init()} (decision 406). A new endpoint is
 * one class and one entry in {@link #standard()}.
 */
public final class EndpointTable {

    /** The token id placeholder of prefix entries, as {@code docs/openapi.yaml} writes it. */
    private static final String PARAMETER = "{jti}";

    /**
     * An endpoint with its method and whether a request spends the per-address budget of the token
     * endpoints before it is handled, before any body is read and any bcrypt or database work is
     * done (decision 115). A GET endpoint answers HEAD too: RFC 9110 §9.3.2 makes HEAD a GET without
     * a body, and verifiers probe a key set's caching with it (decision 550).
     */
    record Route(String method, boolean rateLimited, Endpoint endpoint) {

        /** Whether a request with {@code requestMethod} reaches this route's endpoint. */
        boolean accepts(String requestMethod) {
            return method.equals(requestMethod) || ("HEAD".equals(requestMethod) && "GET".equals(method));
        }
    }

    private static final boolean RATE_LIMITED = true;
    private static final boolean UNLIMITED = false;

    /**
     * Documented path ({@code /login}, {@code /token/{jti}}) to its routes by method, both in the
     * order of the document.
     */
    private final Map<String, Map<String, Route>> entries;

    private EndpointTable(Map<String, Map<String, Route>> entries) {
        Map<String, Map<String, Route>> copy = new LinkedHashMap<>();
        entries.forEach((path, routes) -> {
            if (!routes.isEmpty()) {
                copy.put(path, Collections.unmodifiableMap(new LinkedHashMap<>(routes)));
            }
        });
        this.entries = Collections.unmodifiableMap(copy);
    }

    /**
     * Every endpoint of spec §3, {@code /register} and the login page included, and the published
     * key set. The servlet removes what its settings turn off ({@link #without(String, String)}).
     */
    public static EndpointTable standard() {
        Builder b = new Builder();
        // The page is not rate-limited: showing a form costs nothing, and a spent budget must not
        // hide the page that explains the lockout (decision 662).
        b.put("/login", "GET", UNLIMITED, new LoginPageEndpoint());
        b.put("/login", "POST", RATE_LIMITED, new LoginEndpoint());
        b.put("/token", "POST", RATE_LIMITED, new MintEndpoint());
        b.put("/token/" + PARAMETER, "DELETE", UNLIMITED, new RevokeByIdEndpoint());
        b.put("/refresh", "POST", RATE_LIMITED, new RefreshEndpoint());
        b.put("/logout", "POST", RATE_LIMITED, new LogoutEndpoint());
        b.put("/revoke", "POST", RATE_LIMITED, new RevokeEndpoint());
        b.put("/me", "GET", UNLIMITED, new MeEndpoint());
        b.put("/password", "POST", UNLIMITED, new PasswordEndpoint());
        b.put("/register", "POST", RATE_LIMITED, new RegisterEndpoint());
        b.put("/jwks.json", "GET", UNLIMITED, new JwksEndpoint());
        return new EndpointTable(b.entries);
    }

    /** Collects routes in document order. */
    private static final class Builder {
        private final Map<String, Map<String, Route>> entries = new LinkedHashMap<>();

        void put(String path, String method, boolean rateLimited, Endpoint endpoint) {
            entries.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, new Route(method, rateLimited, endpoint));
        }
    }

    /** This table less every method at {@code path}, which then answers 404 like any unknown path. */
    public EndpointTable without(String path) {
        Map<String, Map<String, Route>> m = new LinkedHashMap<>(entries);
        m.remove(path);
        return new EndpointTable(m);
    }

    /**
     * This table less one method at {@code path}: that method then gets 405 like any other the path
     * does not serve, or 404 if it was the path's last.
     */
    public EndpointTable without(String path, String method) {
        Map<String, Map<String, Route>> m = new LinkedHashMap<>(entries);
        Map<String, Route> routes = m.get(path);
        if (routes != null) {
            Map<String, Route> rest = new LinkedHashMap<>(routes);
            rest.remove(method);
            m.put(path, rest);
        }
        return new EndpointTable(m);
    }

    /** Each documented path with its methods, for the OpenAPI comparison (decision 195). */
    public Map<String, Set<String>> methods() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        entries.forEach((path, routes) -> m.put(path, Collections.unmodifiableSet(new LinkedHashSet<>(routes.keySet()))));
        return Collections.unmodifiableMap(m);
    }

    /** The route of {@code method} at a documented path (null when there is none), for tests. */
    Route at(String documentedPath, String method) {
        Map<String, Route> routes = entries.get(documentedPath);
        return routes == null ? null : routes.get(method);
    }

    /**
     * The {@code Allow} value of a 405 at a documented path: exactly the methods that reach one of
     * its endpoints, HEAD right after GET; null for an unknown path.
     */
    String allow(String documentedPath) {
        Map<String, Route> routes = entries.get(documentedPath);
        return routes == null ? null : allowOf(routes);
    }

    private static String allowOf(Map<String, Route> routes) {
        StringJoiner allow = new StringJoiner(", ");
        for (String method : routes.keySet()) {
            allow.add(method);
            if ("GET".equals(method) && !routes.containsKey("HEAD")) {
                allow.add("HEAD");
            }
        }
        return allow.toString();
    }

    /**
     * Answers the request at {@code path} (the servlet's path info, {@code ""} when there is none):
     * 404 for a path without an entry, then 405 with {@code Allow} for a method the path does not
     * serve, then the rate limit if the endpoint spends it, then the endpoint. For HEAD the endpoint
     * writes its GET answer and the container sends the head of it only, with the Content-Length it
     * would have sent.
     */
    public void dispatch(EndpointServices services, String path, HttpServletRequest request,
            HttpServletResponse response, String address) throws IOException {
        String parameter = "";
        Map<String, Route> routes = null;
        for (Map.Entry<String, Map<String, Route>> entry : entries.entrySet()) {
            String prefix = prefixOf(entry.getKey());
            if (prefix != null && path.startsWith(prefix)) {
                routes = entry.getValue();
                parameter = path.substring(prefix.length());
                break;
            }
        }
        if (routes == null) {
            routes = entries.get(path);
        }
        if (routes == null) {
            throw new ApiException(AuthError.notFound());
        }
        Route route = routeFor(routes, request.getMethod());
        if (route == null) {
            response.setHeader("Allow", allowOf(routes));
            throw new ApiException(AuthError.methodNotAllowed());
        }
        Exchange exchange = new Exchange(services, request, response, address, parameter);
        if (route.rateLimited()) {
            try {
                exchange.spendRateLimit();
            } catch (ApiException spent) {
                // A browser's login shows its page with the 429, not JSON (decision 662).
                if (route.endpoint() instanceof LoginEndpoint login && login.answeredSpentBudget(exchange, spent.error())) {
                    return;
                }
                throw spent;
            }
        }
        route.endpoint().handle(exchange);
    }

    /** The route a request method reaches among a path's routes: its own, or GET's for HEAD. */
    private static Route routeFor(Map<String, Route> routes, String method) {
        Route own = routes.get(method);
        if (own != null) {
            return own;
        }
        Route get = routes.get("GET");
        return get != null && get.accepts(method) ? get : null;
    }

    /** The prefix of a prefix entry ({@code /token/} of {@code /token/{jti}}); null for an exact path. */
    private static String prefixOf(String path) {
        return path.endsWith(PARAMETER) ? path.substring(0, path.length() - PARAMETER.length()) : null;
    }
}
