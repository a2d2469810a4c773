package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Where a claim sits in a token's payload: a claim name or a dotted path into nested objects
 * ({@code realm_access.roles}, {@code resource_access.my-app.roles}). Claim names may themselves
 * hold dots or colons ({@code https://example.com/roles} as Auth0 namespaces its custom claims,
 * {@code cognito:groups}), so at each level the longest member name that matches a prefix of the
 * remaining path wins, and the rest of the path continues inside it.
 */
public final class ClaimPath {

    private final String path;

    private ClaimPath(String path) {
        this.path = path;
    }

    /**
     * @throws IllegalArgumentException when {@code path} is empty, has surrounding blanks or an empty segment
     */
    public static ClaimPath parse(String path) {
        Objects.requireNonNull(path);
        if (path.isEmpty() || !path.strip().equals(path) || path.startsWith(".") || path.endsWith(".")
                || path.contains("..")) {
            throw new IllegalArgumentException("a claim path is a claim name or names joined by single dots");
        }
        return new ClaimPath(path);
    }

    /** The value at this path in {@code payload}, or null when some step is missing or not an object. */
    public JsonNode find(JsonNode payload) {
        return find(payload, path);
    }

    private static JsonNode find(JsonNode node, String rest) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode whole = node.get(rest);
        if (whole != null) {
            return whole;
        }
        // Longest member name first: "a.b.c" tries "a.b" then "a" as the member to descend into.
        for (int dot = rest.lastIndexOf('.'); dot > 0; dot = rest.lastIndexOf('.', dot - 1)) {
            JsonNode child = node.get(rest.substring(0, dot));
            if (child != null) {
                JsonNode found = find(child, rest.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClaimPath && ((ClaimPath) o).path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }
}
