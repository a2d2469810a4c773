package io.jwtgate.web;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an {@code application/x-www-form-urlencoded} body strictly: UTF-8 only, and no parameter
 * twice (RFC 6749 §3.1: parameters must not be included more than once), answering 400 otherwise.
 */
public final class FormBodies {

    private FormBodies() {
    }

    /**
     * @return the fields by name
     * @throws ApiException 400 for invalid UTF-8, a malformed percent-encoding or a repeated field
     */
    public static Map<String, String> parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw bad("The form is not UTF-8");
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw bad("The form has a malformed percent-encoding");
            }
            if (fields.put(name, value) != null) {
                // The name is the client's: only a plain one is repeated back.
                throw bad("The form repeats the field " + (name.matches("[A-Za-z0-9_]{1,32}") ? name : "(unnamed)"));
            }
        }
        return fields;
    }

    private static ApiException bad(String description) {
        return new ApiException(AuthError.badRequest(description));
    }
}
