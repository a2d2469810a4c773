package io.jwtgate.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an {@code application/x-www-form-urlencoded} body strictly: UTF-8 only, before and after
 * percent-decoding, and no parameter twice (RFC 6749 §3.1: parameters must not be included more
 * than once), answering 400 otherwise. The one form parser of JwtGate (login and revocation).
 *
 * <p>Percent-escapes are decoded to bytes and the bytes then decoded with a reporting UTF-8
 * decoder (decision 144): {@link java.net.URLDecoder} would turn {@code %E9} into U+FFFD without a
 * word, and a value the client did not send would go on to the account or token look-up.
 */
public final class FormBodies {

    private FormBodies() {
    }

    /**
     * @return the fields by name
     * @throws ApiException 400 for invalid UTF-8 (raw or percent-encoded), a malformed
     *     percent-encoding or a repeated field
     */
    public static Map<String, String> parse(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int eq = indexOf(body, (byte) '=', start);
                boolean hasValue = eq < end;
                String name = decode(body, start, hasValue ? eq : end);
                String value = hasValue ? decode(body, eq + 1, end) : "";
                if (fields.put(name, value) != null) {
                    // The name is the client's: only a plain one is repeated back.
                    throw bad("The form repeats the field "
                            + (name.matches("[A-Za-z0-9_]{1,32}") ? name : "(unnamed)"));
                }
            }
            start = end + 1;
        }
        return fields;
    }

    /** The first {@code b} at or after {@code from}, or the body's length. */
    private static int indexOf(byte[] body, byte b, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return body.length;
    }

    private static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
                int low = high < 0 ? -1 : Character.digit(body[i + 2], 16);
                if (low < 0) {
                    throw bad("The form has a malformed percent-encoding");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw bad("The form is not UTF-8");
        }
    }

    private static ApiException bad(String description) {
        return new ApiException(AuthError.badRequest(description));
    }
}
