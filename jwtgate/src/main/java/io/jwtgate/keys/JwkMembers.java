package io.jwtgate.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Base64;

/**
 * Reads the members of one JWK strictly: strings where RFC 7517/7518 says strings, and binary
 * members as canonical unpadded base64url only (one value has one spelling, as in
 * {@code CompactJws}), so a key cannot be smuggled past a check by an alternative encoding.
 */
final class JwkMembers {

    private final JsonNode jwk;
    private final String name;

    JwkMembers(JsonNode jwk, String name) {
        this.jwk = jwk;
        this.name = name;
    }

    /** How messages name the key: its {@code kid}, or what the caller called it. */
    String name() {
        return name;
    }

    /** The raw member, for the few that are not strings ({@code key_ops}). */
    JsonNode node(String member) {
        return jwk.get(member);
    }

    boolean has(String member) {
        return jwk.has(member);
    }

    /** An optional string member; absent gives null, any other JSON type is refused. */
    String optionalString(String member) {
        JsonNode v = jwk.get(member);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw refuse("member " + member + " is not a string");
        }
        return v.textValue();
    }

    String requiredString(String member) {
        String v = optionalString(member);
        if (v == null) {
            throw refuse("member " + member + " is missing");
        }
        return v;
    }

    /** A required binary member, decoded from canonical unpadded base64url; never empty. */
    byte[] bytes(String member) {
        String text = requiredString(member);
        byte[] decoded = decode(text);
        if (decoded == null) {
            throw refuse("member " + member + " is not canonical unpadded base64url");
        }
        if (decoded.length == 0) {
            throw refuse("member " + member + " is empty");
        }
        return decoded;
    }

    /** A required unsigned big-endian integer member. */
    BigInteger unsigned(String member) {
        return new BigInteger(1, bytes(member));
    }

    JwkException refuse(String reason) {
        return new JwkException("JWK " + name + ": " + reason);
    }

    /** Canonical unpadded base64url, or null when the text is not exactly that. */
    static byte[] decode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // Rejects spellings whose unused trailing bits are not zero ("AB" and "AA" both decode to 0x00).
        return encode(bytes).equals(text) ? bytes : null;
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
