package io.jwtgate.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.MalformedJsonException;
import io.jwtgate.json.StrictJson;
import java.util.Base64;

/**
 * A compact JWS split and decoded strictly: three parts of canonical unpadded base64url, a
 * non-empty header that is a strict JSON object and a non-empty signature. The payload may be
 * empty (RFC 7515 allows it; Wycheproof's {@code emptyPayload} vectors are valid signatures): a
 * JWT's claims layer refuses it when it parses the payload as an object. The payload is only decoded, not parsed: the
 * signature layer does not care what it holds.
 *
 * @param headerPart the first part as sent (part of the signing input)
 * @param payloadPart the second part as sent
 * @param header the parsed header
 * @param payload the decoded payload bytes
 * @param signature the decoded signature bytes
 */
public record CompactJws(String headerPart, String payloadPart, JsonNode header, byte[] payload, byte[] signature) {

    /** Tokens longer than this are refused before any decoding. */
    public static final int MAX_LENGTH = 8 * 1024;

    /**
     * @throws BadTokenException when the token is not a strictly formed compact JWS
     */
    public static CompactJws parse(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            throw BadTokenException.invalid("token absent or longer than " + MAX_LENGTH);
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            throw BadTokenException.invalid("not a compact JWS with a header, a payload and a signature");
        }
        String headerPart = token.substring(0, first);
        String payloadPart = token.substring(first + 1, second);
        JsonNode header = json(decode(headerPart), "header");
        return new CompactJws(headerPart, payloadPart, header, decode(payloadPart), decode(token.substring(second + 1)));
    }

    /** The payload parsed as a strict JSON object. */
    public JsonNode payloadObject() {
        return json(payload, "payload");
    }

    /** Canonical unpadded base64url only, so one token has exactly one spelling. */
    private static byte[] decode(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                throw BadTokenException.invalid("a part is not base64url");
            }
        }
        // Canonical without encoding the bytes again (decision 612): no length that leaves a lone
        // character, and the bits of the last character past the last whole byte are zero.
        int tail = part.length() % 4;
        if (tail == 1) {
            throw BadTokenException.invalid("a part is not base64url");
        }
        if (tail != 0) {
            int last = sextet(part.charAt(part.length() - 1));
            if ((last & (tail == 2 ? 0x0F : 0x03)) != 0) {
                throw BadTokenException.invalid("a part is not canonical base64url");
            }
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw BadTokenException.invalid("a part is not base64url");
        }
    }

    /** The value of a base64url character already checked to be one. */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    private static JsonNode json(byte[] bytes, String what) {
        try {
            return StrictJson.parseObject(bytes);
        } catch (MalformedJsonException e) {
            throw BadTokenException.invalid(what + " is " + e.getMessage());
        }
    }
}
