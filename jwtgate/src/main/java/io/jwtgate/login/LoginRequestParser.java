package io.jwtgate.login;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.MalformedJsonException;
import io.jwtgate.json.StrictJson;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.FormBodies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a login body: JSON {@code {"username"|"email", "password", "scopes"?: [..]}} or the same
 * fields as {@code application/x-www-form-urlencoded} ({@code scopes} space-separated there), read by
 * the one strict form parser, {@link FormBodies}.
 */
public final class LoginRequestParser {

    private LoginRequestParser() {
    }

    /**
     * @param mediaType lower-case media type without parameters
     * @throws ApiException 400 or 415 with a description of what is wrong
     */
    public static LoginRequest parse(String mediaType, byte[] body) {
        if (mediaType.equals("application/json")) {
            return fromJson(body);
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            return fromForm(body);
        }
        throw new ApiException(AuthError.unsupportedMediaType(
                "Send application/json or application/x-www-form-urlencoded"));
    }

    private static LoginRequest fromJson(byte[] body) {
        JsonNode node;
        try {
            node = StrictJson.parseObject(body);
        } catch (MalformedJsonException e) {
            throw bad("The body is " + e.getMessage());
        }
        String username = optionalText(node, "username");
        String email = optionalText(node, "email");
        String password = optionalText(node, "password");
        List<String> scopes = null;
        JsonNode scopesNode = node.get("scopes");
        if (scopesNode != null && !scopesNode.isNull()) {
            if (!scopesNode.isArray()) {
                throw bad("scopes must be an array of strings");
            }
            scopes = new ArrayList<>();
            for (JsonNode s : scopesNode) {
                if (!s.isTextual() || s.textValue().isEmpty() || s.textValue().contains(" ")) {
                    throw bad("scopes must be an array of non-empty strings without spaces");
                }
                scopes.add(s.textValue());
            }
        }
        return validated(username, email, password, scopes);
    }

    private static LoginRequest fromForm(byte[] body) {
        Map<String, String> fields = FormBodies.parse(body);
        List<String> scopes = null;
        if (fields.containsKey("scopes")) {
            scopes = new ArrayList<>();
            for (String s : fields.get("scopes").split(" ")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
        return validated(fields.get("username"), fields.get("email"), fields.get("password"), scopes);
    }

    private static LoginRequest validated(String username, String email, String password, List<String> scopes) {
        if ((username == null) == (email == null)) {
            throw bad("Send exactly one of username and email");
        }
        if (password == null) {
            throw bad("password is required");
        }
        if ((username != null && username.isEmpty()) || (email != null && email.isEmpty())) {
            throw bad("username or email must not be empty");
        }
        return new LoginRequest(username, email, password, scopes);
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad(field + " must be a string");
        }
        return value.textValue();
    }

    private static ApiException bad(String description) {
        return new ApiException(AuthError.badRequest(description));
    }
}
