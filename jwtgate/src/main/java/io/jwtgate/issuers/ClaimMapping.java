package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.token.BadTokenException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the user name, roles and scopes of an external token where its issuer puts them
 * ({@code username-claim}, {@code roles-claim}, {@code scopes-claim}). A value of the wrong shape
 * refuses the token rather than being ignored: a mapping that reads nothing where the provider
 * sent something would silently drop a user's roles (decision 437).
 */
final class ClaimMapping {

    private ClaimMapping() {
    }

    /** The user name: a non-empty string at {@code path}; absent refuses the token. */
    static String username(JsonNode payload, ClaimPath path) {
        JsonNode node = path.find(payload);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw ExternalTokenVerifier.invalid("the user name claim " + path + " is missing or not a non-empty string");
        }
        return node.textValue();
    }

    /** Roles: an array of strings, or one string naming one role; absent is none. */
    static Set<String> roles(JsonNode payload, ClaimPath path) {
        JsonNode node = path.find(payload);
        Set<String> roles = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return roles;
        }
        if (node.isTextual()) {
            addNonEmpty(roles, node.textValue());
            return roles;
        }
        strings(node, path, roles);
        return roles;
    }

    /** Scopes: a space-separated string ({@code scope}, Entra's {@code scp}) or an array of strings; absent is none. */
    static Set<String> scopes(JsonNode payload, ClaimPath path) {
        JsonNode node = path.find(payload);
        Set<String> scopes = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return scopes;
        }
        if (node.isTextual()) {
            for (String s : node.textValue().split(" ")) {
                addNonEmpty(scopes, s);
            }
            return scopes;
        }
        Set<String> listed = new LinkedHashSet<>();
        strings(node, path, listed);
        for (String s : listed) {
            if (s.indexOf(' ') >= 0) {
                throw ExternalTokenVerifier.invalid("a scope in " + path + " holds a space");
            }
            scopes.add(s);
        }
        return scopes;
    }

    private static void strings(JsonNode node, ClaimPath path, Set<String> into) {
        if (!node.isArray()) {
            throw ExternalTokenVerifier.invalid(path + " is neither a string nor an array of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ExternalTokenVerifier.invalid(path + " holds a non-string");
            }
            addNonEmpty(into, item.textValue());
        }
    }

    private static void addNonEmpty(Set<String> into, String value) {
        if (!value.isEmpty()) {
            into.add(value);
        }
    }
}
