package io.jwtgate.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.MalformedJsonException;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads and picks apart the small JSON object bodies of the token endpoints, answering 400/413/415. */
public final class JsonBodies {

    private final JsonNode body;

    private JsonBodies(JsonNode body) {
        this.body = body;
    }

    /**
     * @param emptyAllowed whether a request without a body counts as {@code {}}
     * @throws ApiException 415 for another media type, 413 when too large, 400 when not a JSON object
     */
    public static JsonBodies read(HttpServletRequest request, boolean emptyAllowed) throws IOException {
        byte[] bytes = RequestBodies.read(request);
        if (bytes.length == 0 && emptyAllowed) {
            return new JsonBodies(StrictJson.mapper().createObjectNode());
        }
        if (!RequestBodies.mediaType(request).equals("application/json")) {
            throw new ApiException(AuthError.unsupportedMediaType("Send application/json"));
        }
        try {
            return new JsonBodies(StrictJson.parseObject(bytes));
        } catch (MalformedJsonException e) {
            throw new ApiException(AuthError.badRequest("The body is " + e.getMessage()));
        }
    }

    /** A string field, or null when absent or JSON null. */
    public String text(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiException(AuthError.badRequest(field + " must be a string"));
        }
        return v.textValue();
    }

    public String requiredText(String field) {
        String v = text(field);
        if (v == null) {
            throw new ApiException(AuthError.badRequest(field + " is required"));
        }
        return v;
    }

    /** A positive whole number, or null when absent. */
    public Long positiveLong(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() <= 0) {
            throw new ApiException(AuthError.badRequest(field + " must be a positive whole number"));
        }
        return v.longValue();
    }

    /** An array of non-empty strings without spaces, or null when absent. */
    public List<String> scopes(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new ApiException(AuthError.badRequest(field + " must be an array of strings"));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : v) {
            if (!s.isTextual() || s.textValue().isEmpty() || s.textValue().contains(" ")) {
                throw new ApiException(AuthError.badRequest(field + " must be an array of non-empty strings"
                        + " without spaces"));
            }
            out.add(s.textValue());
        }
        return out;
    }
}
