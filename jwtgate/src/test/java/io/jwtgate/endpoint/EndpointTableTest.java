package io.jwtgate.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of the endpoint table (decision 406); the answers themselves are tested over HTTP in
 * both containers ({@code LoginContract}, {@code OpenApiContract}: 404, 405 with {@code Allow},
 * registration off).
 */
class EndpointTableTest {

    @Test
    void theStandardTableServesTheTenDocumentedEndpointsWithTheirOneMethod() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/login", "POST");
        expected.put("/token", "POST");
        expected.put("/token/{jti}", "DELETE");
        expected.put("/refresh", "POST");
        expected.put("/logout", "POST");
        expected.put("/revoke", "POST");
        expected.put("/me", "GET");
        expected.put("/password", "POST");
        expected.put("/register", "POST");
        expected.put("/jwks.json", "GET");

        assertEquals(expected, EndpointTable.standard().methods());
        assertEquals(expected.keySet().stream().toList(),
                EndpointTable.standard().methods().keySet().stream().toList(), "in the document's order");
    }

    @Test
    void exactlyTheAnonymousAndTokenIssuingEndpointsSpendTheRateLimit() {
        EndpointTable table = EndpointTable.standard();
        Set<String> limited = new TreeSet<>();
        for (String path : table.methods().keySet()) {
            if (table.at(path).rateLimited()) {
                limited.add(path);
            }
        }
        // As LoginServlet's switch had it: /me, /password and DELETE /token/{jti} never spent it; nor
        // does the published key set, which verifiers fetch on their own schedule (decision 419).
        assertEquals(Set.of("/login", "/logout", "/refresh", "/register", "/revoke", "/token"), limited);
    }

    @Test
    void aGetEndpointAcceptsHeadAndSaysSoInAllowWhileTheOthersKeepTheirOneMethod() {
        EndpointTable table = EndpointTable.standard();
        for (Map.Entry<String, String> entry : table.methods().entrySet()) {
            EndpointTable.Route route = table.at(entry.getKey());
            boolean get = entry.getValue().equals("GET");
            assertTrue(route.accepts(entry.getValue()), entry.getKey());
            assertEquals(get, route.accepts("HEAD"), entry.getKey() + " HEAD");
            assertEquals(get ? "GET, HEAD" : entry.getValue(), route.allow(), entry.getKey());
            for (String other : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get", "head"}) {
                if (!other.equals(entry.getValue())) {
                    assertFalse(route.accepts(other) && !(get && other.equals("HEAD")), entry.getKey() + " " + other);
                }
            }
        }
        assertEquals(Set.of("/me", "/jwks.json"), new TreeSet<>(table.methods().entrySet().stream()
                .filter(e -> table.at(e.getKey()).accepts("HEAD")).map(Map.Entry::getKey).toList()));
    }

    @Test
    void withoutRemovesOneEntryAndLeavesTheStandardTableAlone() {
        EndpointTable closed = EndpointTable.standard().without("/register");

        assertFalse(closed.methods().containsKey("/register"));
        assertEquals(9, closed.methods().size());
        assertTrue(EndpointTable.standard().methods().containsKey("/register"));
    }

    @Test
    void anUnknownPathOrARemovedEntryIsNotFoundBeforeTheRequestIsLookedAt() {
        // Null request and response: a 404 must not depend on the method, the headers or the body.
        EndpointTable closed = EndpointTable.standard().without("/register");
        for (String path : new String[] {"/nothing", "", "/", "/register", "/login/", "/tokens", "/me/x"}) {
            ApiException e = assertThrows(ApiException.class, () -> closed.dispatch(null, path, null, null, null), path);
            assertEquals(404, e.error().status(), path);
        }
    }
}
