package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClaimPathTest {

    private static final JsonNode PAYLOAD = StrictJson.parseObject(("{"
            + "\"roles\":[\"r\"],"
            + "\"cognito:groups\":[\"g\"],"
            + "\"https://example.com/roles\":[\"ns\"],"
            + "\"realm_access\":{\"roles\":[\"realm\"]},"
            + "\"resource_access\":{\"my.app\":{\"roles\":[\"dotted-client\"]},\"app\":{\"roles\":[\"plain\"]}},"
            + "\"scope\":\"a b\"}").getBytes(StandardCharsets.UTF_8));

    private static String first(String path) {
        JsonNode n = ClaimPath.parse(path).find(PAYLOAD);
        return n == null ? null : n.isArray() ? n.get(0).textValue() : n.textValue();
    }

    @Test
    void namesAndNestedPathsResolve() {
        assertEquals("r", first("roles"));
        assertEquals("g", first("cognito:groups"));
        assertEquals("realm", first("realm_access.roles"));
        assertEquals("plain", first("resource_access.app.roles"));
        assertEquals("a b", first("scope"));
    }

    @Test
    void claimNamesHoldingDotsResolveWhole() {
        assertEquals("ns", first("https://example.com/roles"), "Auth0's namespaced claims");
        assertEquals("dotted-client", first("resource_access.my.app.roles"), "a client id with a dot");
    }

    @Test
    void missingStepsOrNonObjectsGiveNothing() {
        assertNull(first("groups"));
        assertNull(first("realm_access.groups"));
        assertNull(first("scope.x"), "a string has no members");
        assertNull(first("roles.0"), "arrays are not indexed");
    }

    @Test
    void malformedPathsAreRefused() {
        for (String bad : new String[] {"", " roles", ".a", "a.", "a..b"}) {
            assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse(bad), bad);
        }
    }
}
