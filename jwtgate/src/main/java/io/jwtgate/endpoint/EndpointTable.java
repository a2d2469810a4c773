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

    /** Documented path ({@code /login}, {@code /token/{jti}}) to endpoint, in the order of the document. */
    private final Map<String, Endpoint> entries;

    private EndpointTable(Map<String, Endpoint> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Every endpoint of spec §3, {@code /register} included, and the published key set. */
    public static EndpointTable standard() {
        Map<String, Endpoint> m = new LinkedHashMap<>();
        m.put("/login", new LoginEndpoint());
        m.put("/token", new MintEndpoint());
        m.put("/token/" + PARAMETER, new RevokeByIdEndpoint());
        m.put("/refresh", new RefreshEndpoint());
        m.put("/logout", new LogoutEndpoint());
        m.put("/revoke", new RevokeEndpoint());
        m.put("/me", new MeEndpoint());
        m.put("/password", new PasswordEndpoint());
        m.put("/register", new RegisterEndpoint());
        m.put("/jwks.json", new JwksEndpoint());
        return new EndpointTable(m);
    }

    /** This table less the entry at {@code path}, which then answers 404 like any unknown path. */
    public EndpointTable without(String path) {
        Map<String, Endpoint> m = new LinkedHashMap<>(entries);
        m.remove(path);
        return new EndpointTable(m);
    }

    /** Each documented path with its one method, for the OpenAPI comparison (decision 195). */
    public Map<String, String> methods() {
        Map<String, String> m = new LinkedHashMap<>();
        entries.forEach((path, endpoint) -> m.put(path, endpoint.method()));
        return Collections.unmodifiableMap(m);
    }

    /** The endpoint at a documented path, for tests. */
    Endpoint at(String documentedPath) {
        return entries.get(documentedPath);
    }

    /**
     * Answers the request at {@code path} (the servlet's path info, {@code ""} when there is none):
     * 404 for a path without an entry, then 405 with {@code Allow} for another method, then the
     * rate limit if the endpoint spends it, then the endpoint.
     */
    public void dispatch(EndpointServices services, String path, HttpServletRequest request,
            HttpServletResponse response, String address) throws IOException {
        String parameter = "";
        Endpoint endpoint = null;
        for (Map.Entry<String, Endpoint> entry : entries.entrySet()) {
            String prefix = prefixOf(entry.getKey());
            if (prefix != null && path.startsWith(prefix)) {
                endpoint = entry.getValue();
                parameter = path.substring(prefix.length());
                break;
            }
        }
        if (endpoint == null) {
            endpoint = entries.get(path);
        }
        if (endpoint == null) {
            throw new ApiException(AuthError.notFound());
        }
        if (!request.getMethod().equals(endpoint.method())) {
            response.setHeader("Allow", endpoint.method());
            throw new ApiException(AuthError.methodNotAllowed());
        }
        Exchange exchange = new Exchange(services, request, response, address, parameter);
        if (endpoint.rateLimited()) {
            exchange.spendRateLimit();
        }
        endpoint.handle(exchange);
    }

    /** The prefix of a prefix entry ({@code /token/} of {@code /token/{jti}}); null for an exact path. */
    private static String prefixOf(String path) {
        return path.endsWith(PARAMETER) ? path.substring(0, path.length() - PARAMETER.length()) : null;
    }
}
