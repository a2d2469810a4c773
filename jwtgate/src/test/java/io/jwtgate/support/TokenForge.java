package io.jwtgate.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds compact JWS strings from raw header and payload text, signed with HMAC, so tests can
 * craft exactly the malformed or hostile tokens an attacker would.
 */
public final class TokenForge {

    private final byte[] secret;

    public TokenForge(byte[] secret) {
        this.secret = secret.clone();
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** header.payload.HMAC-SHA-n(header.payload) with the given JCA algorithm, e.g. HmacSHA256. */
    public String sign(String headerJson, String payloadJson, String jcaAlgorithm) {
        return signParts(b64(headerJson), b64(payloadJson), jcaAlgorithm);
    }

    public String hs256(String headerJson, String payloadJson) {
        return sign(headerJson, payloadJson, "HmacSHA256");
    }

    public String signParts(String header, String payload, String jcaAlgorithm) {
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(secret, jcaAlgorithm));
            byte[] sig = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A payload with every claim JwtGate requires, valid around {@code nowSeconds}. */
    public static String claims(long nowSeconds) {
        return "{\"iss\":\"jwtgate\",\"sub\":\"u-1\",\"preferred_username\":\"alice\",\"iat\":" + nowSeconds
                + ",\"nbf\":" + nowSeconds + ",\"exp\":" + (nowSeconds + 600) + ",\"jti\":\"j-1\",\"sid\":\"s-1\","
                + "\"scope\":\"messages:read\",\"roles\":[\"user\"]}";
    }

    /** {@link #claims(long)} with an {@code aud} claim, e.g. the audience JwtGate derives for a context. */
    public static String claims(long nowSeconds, String audience) {
        return claims(nowSeconds).replace("\"iss\":\"jwtgate\",", "\"iss\":\"jwtgate\",\"aud\":\""
                + audience + "\",");
    }

    public static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}";
}
