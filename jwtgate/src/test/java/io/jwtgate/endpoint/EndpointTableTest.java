package io.jwtgate.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of the endpoint table (decision 406): paths with their methods, 405 {@code Allow} over a
 * path's methods. The answers themselves are tested over HTTP in both containers
 * ({@code LoginContract}, {@code OpenApiContract}, {@code BrowserLoginContract}: 404, 405 with
 * {@code Allow}, registration and cookie mode off).
 */
class EndpointTableTest {

    @Test
    void theStandardTableServesTheDocumentedEndpointsWithTheirMethodsInDocumentOrder() {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put("/login", Set.of("GET", "POST"));
        expected.put("/token", Set.of("POST"));
        expected.put("/token/{jti}", Set.of("DELETE"));
        expected.put("/refresh", Set.of("POST"));
        expected.put("/logout", Set.of("POST"));
        expected.put("/revoke", Set.of("POST"));
        expected.put("/me", Set.of("GET"));
        expected.put("/password", Set.of("POST"));
        expected.put("/register", Set.of("POST"));
        expected.put("/jwks.json", Set.of("GET"));

        assertEquals(expected, EndpointTable.standard().methods());
        assertEquals(expected.keySet().stream().toList(),
                EndpointTable.standard().methods().keySet().stream().toList(), "in the document's order");
        assertEquals(List.of("GET", "POST"), List.copyOf(EndpointTable.standard().methods().get("/login")),
                "methods in the document's order");
    }

    @Test
    void exactlyTheAnonymousAndTokenIssuingOperationsSpendTheRateLimit() {
        EndpointTable table = EndpointTable.standard();
        Set<String> limited = new TreeSet<>();
        table.methods().forEach((path, methods) -> methods.forEach(method -> {
            if (table.at(path, method).rateLimited()) {
                limited.add(method + " " + path);
            }
        }));
        // As LoginServlet's switch had it: /me, /password and DELETE /token/{jti} never spent it; nor
        // does the published key set, which verifiers fetch on their own schedule (decision 419), nor
        // the login page, which must still show why a spent budget refuses the login (decision 662).
        assertEquals(Set.of("POST /login", "POST /logout", "POST /refresh", "POST /register", "POST /revoke",
                "POST /token"), limited);
    }

    @Test
    void aGetRouteAcceptsHeadWhileEveryOtherRouteAcceptsOnlyItsOwnMethod() {
        EndpointTable table = EndpointTable.standard();
        Set<String> acceptingHead = new TreeSet<>();
        table.methods().forEach((path, methods) -> methods.forEach(method -> {
            EndpointTable.Route route = table.at(path, method);
            boolean get = method.equals("GET");
            assertTrue(route.accepts(method), method + " " + path);
            assertEquals(get, route.accepts("HEAD"), method + " " + path + " HEAD");
            if (route.accepts("HEAD")) {
                acceptingHead.add(path);
            }
            for (String other : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get", "head")) {
                if (!other.equals(method) && !(get && other.equals("HEAD"))) {
                    assertFalse(route.accepts(other), method + " " + path + " accepts " + other);
                }
            }
        }));
        assertEquals(Set.of("/login", "/me", "/jwks.json"), acceptingHead);
    }

    @Test
    void allowListsEveryMethodOfThePathWithHeadRightAfterGet() {
        EndpointTable table = EndpointTable.standard();
        assertEquals("GET, HEAD, POST", table.allow("/login"));
        assertEquals("POST", table.allow("/token"));
        assertEquals("DELETE", table.allow("/token/{jti}"));
        assertEquals("GET, HEAD", table.allow("/me"));
        assertEquals("GET, HEAD", table.allow("/jwks.json"));
        assertNull(table.allow("/nothing"));
    }

    @Test
    void withoutAPathRemovesAllItsMethodsAndLeavesTheStandardTableAlone() {
        EndpointTable closed = EndpointTable.standard().without("/register");

        assertFalse(closed.methods().containsKey("/register"));
        assertEquals(9, closed.methods().size());
        assertTrue(EndpointTable.standard().methods().containsKey("/register"));
    }

    @Test
    void withoutOneMethodKeepsThePathsOtherMethodsAndNarrowsItsAllow() {
        EndpointTable noPage = EndpointTable.standard().without("/login", "GET");

        assertEquals(Set.of("POST"), noPage.methods().get("/login"));
        assertEquals("POST", noPage.allow("/login"));
        assertNull(noPage.at("/login", "GET"));
        assertEquals(Set.of("GET", "POST"), EndpointTable.standard().methods().get("/login"));
    }

    @Test
    void withoutAPathsLastMethodRemovesThePath() {
        EndpointTable noMe = EndpointTable.standard().without("/me", "GET");

        assertFalse(noMe.methods().containsKey("/me"));
        assertNull(noMe.allow("/me"));
        ApiException e = assertThrows(ApiException.class, () -> noMe.dispatch(null, "/me", null, null, null));
        assertEquals(404, e.error().status());
    }

    @Test
    void withoutAnUnknownPathOrMethodChangesNothing() {
        EndpointTable table = EndpointTable.standard();

        assertEquals(table.methods(), table.without("/nothing").methods());
        assertEquals(table.methods(), table.without("/login", "PUT").methods());
        assertEquals(table.methods(), table.without("/nothing", "GET").methods());
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
