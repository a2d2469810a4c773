package io.jwtgate.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import io.jwtgate.token.RevocationCheck;
import io.jwtgate.token.VerifiedToken;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link AccessTokenVerifier#verify(String)}, set up like {@code AccessTokenVerifierTest}
 * (one HS256 key, fixed clock). Every input must give a {@link VerifiedToken} or a
 * {@link BadTokenException}; anything else escaping is a finding. An accepted token is checked again
 * independently: canonical encoding, the real signature, {@code alg}/{@code typ}, issuer, audience and
 * times.
 *
 * <ul>
 *   <li>{@link #rawToken}: the input bytes (UTF-8) are the token; this exercises splitting, base64url
 *       and the header parser. Seeds are token texts.</li>
 *   <li>{@link #signedToken}: a {@link FuzzedDataProvider} builds the header and payload JSON, encodes
 *       and signs them with the real key, so the fuzzer gets past the signature check into claim
 *       parsing. Every choice defaults to the valid value when the data runs out, so an empty input
 *       is a valid token.</li>
 * </ul>
 */
class AccessTokenVerifierFuzzTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final long T = NOW.getEpochSecond();
    /**
     * The key the seed tokens in {@code AccessTokenVerifierFuzzTestInputs} are signed with. It is
     * handed to the verifier directly; {@code Settings} would refuse it as sequential runs.
     */
    static final byte[] SECRET = "test-secret-0123456789-abcdefghijklmnop".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    static final Duration SKEW = Duration.ofSeconds(30);
    static final Duration MAX_LIFETIME = Duration.ofHours(24);
    static final String KID = "k1";
    static final String AUDIENCE = "api";

    /** No audience configured, key without kid. */
    private static final AccessTokenVerifier PLAIN = verifier(null, null);
    /** Audience {@value #AUDIENCE} required, key bound to kid {@value #KID}. */
    private static final AccessTokenVerifier STRICT = verifier(KID, AUDIENCE);

    private static final ObjectMapper LENIENT = new ObjectMapper();

    private static AccessTokenVerifier verifier(String kid, String audience) {
        return new AccessTokenVerifier(KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, kid, SECRET)), "jwtgate",
                audience, SKEW, MAX_LIFETIME, Clock.fixed(NOW, ZoneOffset.UTC), RevocationCheck.NONE);
    }

    @FuzzTest(maxDuration = "15s")
    void rawToken(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        verifyOrRefuse(PLAIN, token, false, false);
        verifyOrRefuse(STRICT, token, true, true);
    }

    @FuzzTest(maxDuration = "15s")
    void signedToken(FuzzedDataProvider data) {
        boolean strict = data.consumeBoolean();
        String header = TokenShapes.header(data, strict ? KID : null);
        String payload = TokenShapes.payload(data, strict ? AUDIENCE : null);
        String token = TokenShapes.encodeAndSign(data, header, payload, SECRET);
        verifyOrRefuse(strict ? STRICT : PLAIN, token, strict, strict);
    }

    /** The starting points stay valid: if the clock, key or claims change, the seeds must follow. */
    @Test
    void validSeedsAndTheEmptyStructuredInputAreAccepted() throws IOException {
        for (String seed : new String[] {"valid-token", "valid-token-fractional-exp"}) {
            assertNotNull(PLAIN.verify(seed("rawToken/" + seed)), seed);
        }
        assertNotNull(STRICT.verify(seed("rawToken/valid-token-kid-and-audience")));
        for (boolean strict : new boolean[] {false, true}) {
            FuzzedDataProvider exhausted = exhausted(strict);
            assertTrue(exhausted.consumeBoolean() == strict);
            String token = TokenShapes.encodeAndSign(exhausted, TokenShapes.header(exhausted, strict ? KID : null),
                    TokenShapes.payload(exhausted, strict ? AUDIENCE : null), SECRET);
            assertNotNull((strict ? STRICT : PLAIN).verify(token), "defaults, strict=" + strict);
        }
    }

    private static String seed(String name) throws IOException {
        try (InputStream in = AccessTokenVerifierFuzzTest.class.getResourceAsStream(
                "AccessTokenVerifierFuzzTestInputs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A provider whose data is used up: every consume gives its minimum (booleans give {@code bool}). */
    private static FuzzedDataProvider exhausted(boolean bool) {
        return (FuzzedDataProvider) Proxy.newProxyInstance(FuzzedDataProvider.class.getClassLoader(),
                new Class<?>[] {FuzzedDataProvider.class}, (proxy, method, args) -> {
                    Class<?> type = method.getReturnType();
                    if (type == boolean.class) {
                        return bool;
                    }
                    if (type == int.class || type == long.class) {
                        Object zero = type == int.class ? (Object) 0 : (Object) 0L;
                        return args != null && args.length == 2 ? args[0] : zero;
                    }
                    if (type == String.class) {
                        return "";
                    }
                    if (args != null && args.length == 1 && args[0].getClass().isArray()) {
                        return Array.get(args[0], 0); // pickValue
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The verifier's contract, plus an independent re-check of whatever it accepts. */
    static void verifyOrRefuse(AccessTokenVerifier verifier, String token, boolean needsKid, boolean needsAudience) {
        VerifiedToken verified;
        try {
            verified = verifier.verify(token);
        } catch (BadTokenException refused) {
            assertNotNull(refused.reason(), "BadTokenException without a reason");
            return;
        }
        // Anything but BadTokenException propagates and is reported by Jazzer as a finding.
        checkAccepted(token, verified, needsKid, needsAudience);
    }

    private static void checkAccepted(String token, VerifiedToken v, boolean needsKid, boolean needsAudience) {
        String[] parts = token.split("\\.", -1);
        assertEquals(3, parts.length, "accepted token is not three parts");
        for (String part : parts) {
            assertTrue(part.matches("[A-Za-z0-9_-]+"), "accepted token part is not base64url");
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            assertEquals(part, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                    "accepted token part is not canonical base64url");
        }
        assertArrayEquals(hmac("HmacSHA256", SECRET, parts[0] + "." + parts[1]), Base64.getUrlDecoder().decode(parts[2]),
                "accepted token does not carry the HS256 signature of the real key");
        JsonNode header = lenient(parts[0]);
        assertEquals("HS256", header.path("alg").asText(null), "accepted alg");
        String typ = header.path("typ").asText("").toLowerCase(Locale.ROOT);
        assertTrue(typ.equals("at+jwt") || typ.equals("application/at+jwt"), "accepted typ");
        assertFalse(header.has("crit") || header.has("b64"), "accepted crit/b64");
        if (needsKid && header.has("kid")) {
            assertEquals(KID, header.get("kid").asText(null), "accepted a foreign kid");
        }
        JsonNode payload = lenient(parts[1]);
        assertEquals("jwtgate", payload.path("iss").asText(null), "accepted iss");
        if (needsAudience) {
            JsonNode aud = payload.path("aud");
            boolean found = aud.isTextual() ? aud.textValue().equals(AUDIENCE) : false;
            for (JsonNode a : aud.isArray() ? aud : LENIENT.createArrayNode()) {
                found |= a.isTextual() && a.textValue().equals(AUDIENCE);
            }
            assertTrue(found, "accepted a token without the configured audience");
        }
        assertFalse(v.subject().isEmpty() || v.tokenId().isEmpty() || v.sessionId().isEmpty(), "empty sub/jti/sid");
        assertTrue(v.expiresAt().isAfter(v.issuedAt()), "exp not after iat");
        assertTrue(Duration.between(v.issuedAt(), v.expiresAt()).compareTo(MAX_LIFETIME) <= 0, "lifetime over max");
        assertTrue(NOW.isBefore(v.expiresAt().plus(SKEW)), "accepted an expired token");
        assertFalse(v.issuedAt().isAfter(NOW.plus(SKEW)), "accepted a token issued in the future");
        assertEquals("jwtgate", v.claims().get("iss"));
    }

    private static JsonNode lenient(String part) {
        try {
            return LENIENT.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException e) {
            throw new AssertionError("accepted a token whose part is not JSON", e);
        }
    }

    /** Fuzz tests run on one thread; looking a Mac up for every input would dominate the run time. */
    private static final Map<String, Mac> MACS = new HashMap<>();

    static byte[] hmac(String algorithm, byte[] key, String signingInput) {
        try {
            Mac mac = MACS.get(algorithm);
            if (mac == null) {
                mac = Mac.getInstance(algorithm);
                MACS.put(algorithm, mac);
            }
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
