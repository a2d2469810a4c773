package io.jwtgate.sample;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds compact JWS strings by hand for attack tests: header and payload are JSON text written
 * here (so duplicates, odd types and broken syntax are possible), signatures are plain
 * {@link Mac} computations, never a JWT library that would refuse to produce the hostile shapes.
 */
final class HostileTokens {

    /** The signing secret the attack tests deploy the sample with: 51 bytes, enough for HS256. */
    static final String SECRET = "attack-tests-known-signing-secret-0123456789-abcdef";
    /** A different secret, standing for any key the attacker holds. */
    static final byte[] ATTACKER_KEY = "the-attacker-has-a-key-of-his-own-0123456789-abcdef".getBytes(StandardCharsets.UTF_8);

    /** The header JwtGate itself issues (without kid). */
    static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private HostileTokens() {
    }

    static byte[] secret() {
        return SECRET.getBytes(StandardCharsets.UTF_8);
    }

    /** Unpadded base64url of UTF-8 text. */
    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    static byte[] decode(String part) {
        return Base64.getUrlDecoder().decode(part);
    }

    /** A JSON string literal with JSON escaping. */
    static String str(String value) {
        return new TextNode(value).toString();
    }

    static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return b64(bytes);
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * HMAC of {@code signingInput} with {@code key}.
     *
     * @param jwsAlg HS256, HS384 or HS512: which hash, whatever the header says
     */
    static byte[] hmac(String jwsAlg, byte[] key, String signingInput) {
        String macName = switch (jwsAlg) {
            case "HS256" -> "HmacSHA256";
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException(jwsAlg);
        };
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(key, macName));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code headerPart.payloadPart.signature}, signed with the real secret under {@code macAlg}. */
    static String signParts(String macAlg, String headerPart, String payloadPart) {
        return signParts(macAlg, secret(), headerPart, payloadPart);
    }

    static String signParts(String macAlg, byte[] key, String headerPart, String payloadPart) {
        String input = headerPart + "." + payloadPart;
        return input + "." + b64(hmac(macAlg, key, input));
    }

    /** Header and payload JSON text, signed with HMAC-SHA256 and the real secret. */
    static String hs256(String headerJson, String payloadJson) {
        return signParts("HS256", b64(headerJson), b64(payloadJson));
    }

    /** Header and payload JSON text, signed with {@code macAlg} and the real secret. */
    static String signed(String macAlg, String headerJson, String payloadJson) {
        return signParts(macAlg, b64(headerJson), b64(payloadJson));
    }

    /** Header and payload JSON text, signed with HMAC-SHA256 under the attacker's key. */
    static String attackerSigned(String headerJson, String payloadJson) {
        return signParts("HS256", ATTACKER_KEY, b64(headerJson), b64(payloadJson));
    }

    /** Header and payload with a signature of {@code signature} bytes chosen by the caller. */
    static String withSignature(String headerJson, String payloadJson, byte[] signature) {
        return b64(headerJson) + "." + b64(payloadJson) + "." + b64(signature);
    }

    /** The audience JwtGate derives for the sample at the root context from the default issuer. */
    static final String AUDIENCE = "jwtgate/";

    /** A fresh payload that JwtGate would accept: an admin holding {@code all:any}, valid for 5 minutes. */
    static Payload payload() {
        return new Payload();
    }

    /**
     * Claims as raw JSON values in insertion order, so a test can put any JSON (or non-JSON) text
     * in any claim and add members the map cannot hold, such as duplicates.
     */
    static final class Payload {
        private final Map<String, String> raw = new LinkedHashMap<>();
        private String prefix = "";
        private String suffix = "";

        Payload() {
            long now = Instant.now().getEpochSecond();
            raw.put("iss", str("jwtgate"));
            // The sample runs at the root context: its audience is derived as "jwtgate/" (decision 124).
            raw.put("aud", str(AUDIENCE));
            raw.put("sub", str("attacker-subject"));
            raw.put("iat", Long.toString(now - 10));
            raw.put("nbf", Long.toString(now - 10));
            raw.put("exp", Long.toString(now + 300));
            raw.put("jti", str(randomId()));
            raw.put("sid", str(randomId()));
            raw.put("scope", str("all:any"));
            raw.put("roles", "[\"admin\"]");
            raw.put("preferred_username", str("admin"));
        }

        /** Sets a claim to raw JSON text (which need not be valid JSON). */
        Payload raw(String name, String rawJson) {
            raw.put(name, rawJson);
            return this;
        }

        Payload text(String name, String value) {
            return raw(name, str(value));
        }

        Payload remove(String name) {
            raw.remove(name);
            return this;
        }

        /** Raw members written before the regular ones, e.g. {@code "sub":"x",}. */
        Payload before(String rawMembers) {
            prefix = rawMembers;
            return this;
        }

        /** Raw members written after the regular ones, e.g. {@code ,"sub":"x"}. */
        Payload after(String rawMembers) {
            suffix = rawMembers;
            return this;
        }

        String json() {
            StringBuilder b = new StringBuilder("{").append(prefix);
            boolean first = true;
            for (Map.Entry<String, String> e : raw.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(str(e.getKey())).append(':').append(e.getValue());
            }
            return b.append(suffix).append('}').toString();
        }

        @Override
        public String toString() {
            return json();
        }
    }
}
