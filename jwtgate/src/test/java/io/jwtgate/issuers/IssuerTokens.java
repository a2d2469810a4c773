package io.jwtgate.issuers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hostile tokens for the attack-issuers probes, built with nimbus-jose-jwt (an independent JOSE
 * implementation): raw payload text (duplicate members, wrong shapes), chosen algorithms and secrets,
 * and unsigned ones.
 */
final class IssuerTokens {

    private IssuerTokens() {
    }

    /** The claims as a mutable map in their JSON form (dates as seconds). */
    static Map<String, Object> claims(JWTClaimsSet.Builder builder) {
        return new LinkedHashMap<>(builder.build().toJSONObject());
    }

    static String json(Object value) {
        try {
            return StrictJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code payload} text exactly as given with {@code key} under {@code alg}. */
    static String sign(JWK key, JWSAlgorithm alg, String typ, String payload, Consumer<JWSHeader.Builder> header) {
        try {
            JWSSigner signer = key instanceof RSAKey ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key);
            JWSHeader.Builder b = new JWSHeader.Builder(alg).keyID(key.getKeyID());
            if (typ != null) {
                b.type(new com.nimbusds.jose.JOSEObjectType(typ));
            }
            header.accept(b);
            JWSObject jws = new JWSObject(b.build(), new Payload(payload));
            jws.sign(signer);
            return remembered(jws.serialize());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWK key, String payload) {
        return sign(key, key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256, "JWT", payload, b -> { });
    }

    static String sign(JWK key, Map<String, Object> claims) {
        return sign(key, json(claims));
    }

    /** An HMAC token whose secret is {@code secret} (e.g. the provider's public key in some encoding). */
    static String hmac(JWSAlgorithm alg, String kid, byte[] secret, String payload) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(kid)
                    .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), new Payload(payload));
            jws.sign(new MACSigner(secret));
            return remembered(jws.serialize());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code header.payload.signature} from raw JSON texts and raw signature bytes. */
    static String raw(String headerJson, String payloadJson, byte[] signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return remembered(b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature));
    }

    /** Tokens are secrets for the log checks of the suite. */
    private static String remembered(String token) {
        Secrets.remember(token);
        return token;
    }
}
