package io.jwtgate.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.MalformedJsonException;
import io.jwtgate.json.StrictJson;
import java.util.Map;

/**
 * The parameters of an RFC 7009 revocation request ({@code POST /auth/revoke}): {@code token} and
 * the optional {@code token_type_hint}, as a form (RFC 7009 §2.1) or, like JwtGate's other
 * endpoints, as a JSON object. Other parameters are ignored (RFC 6749 §3.2).
 *
 * @param token the token to revoke, never empty
 * @param tokenTypeHint the hint as sent, or null; any value is accepted and none is needed
 */
public record RevocationRequest(String token, String tokenTypeHint) {

    /**
     * @param mediaType lower-case media type without parameters ({@link RequestBodies#mediaType})
     * @throws ApiException 400 {@code invalid_request} without {@code token} or for a malformed
     *     body, 415 for another media type
     */
    public static RevocationRequest parse(String mediaType, byte[] body) {
        if (body.length == 0) {
            throw missingToken();
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            Map<String, String> fields = FormBodies.parse(body);
            return of(fields.get("token"), fields.get("token_type_hint"));
        }
        if (mediaType.equals("application/json")) {
            JsonNode json;
            try {
                json = StrictJson.parseObject(body);
            } catch (MalformedJsonException e) {
                throw new ApiException(AuthError.badRequest("The body is " + e.getMessage()));
            }
            return of(text(json, "token"), text(json, "token_type_hint"));
        }
        throw new ApiException(AuthError.unsupportedMediaType(
                "Send application/x-www-form-urlencoded or application/json"));
    }

    private static RevocationRequest of(String token, String hint) {
        if (token == null || token.isEmpty()) {
            throw missingToken();
        }
        return new RevocationRequest(token, hint);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiException(AuthError.badRequest(field + " must be a string"));
        }
        return v.textValue();
    }

    private static ApiException missingToken() {
        return new ApiException(AuthError.badRequest("token is required"));
    }

    @Override
    public String toString() {
        // Never print the token.
        return "RevocationRequest[token=(hidden)]";
    }
}
