package io.jwtgate.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestKeys;
import io.jwtgate.support.TestSettings;
import io.jwtgate.token.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperability with an independent JOSE library (nimbus-jose-jwt), over real HTTP: one
 * application per algorithm (RS256, PS256, ES256, EdDSA), each with a PEM signing key and a
 * verification-only key of the same algorithm (kid {@value #VERIFY_ONLY_KID}).
 *
 * <ul>
 *   <li>nimbus verifies JwtGate's tokens from a real {@code /auth/login} against the published key
 *       set, parsed by {@link JWKSet#parse};</li>
 *   <li>nimbus signs tokens with JwtGate's claim profile, with the private key read from the very PEM
 *       file JwtGate signs with and, separately, with the private half of the verification-only key:
 *       JwtGate accepts both, and refuses each tampered variant (payload changed, a signature bit
 *       flipped, kid swapped, alg swapped).</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NimbusInteropContract {

    static final String VERIFY_ONLY_KID = "verify-only";

    /** What one application was configured with. */
    private record Deployed(JwsAlgorithm algorithm, Path signingPem, PublicKey signingPublic, KeyPair verifyOnly) {
    }

    private Path dir;
    private Container.Apps apps;
    private final Map<String, Deployed> deployed = new LinkedHashMap<>();

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-nimbus");
        List<Container.App> list = new ArrayList<>();
        list.add(app("/rs256", JwsAlgorithm.RS256, TestKeys.rsa(2048), TestKeys.rsa(2048), false));
        list.add(app("/ps256", JwsAlgorithm.PS256, TestKeys.rsa(2048), TestKeys.rsa(2048), true));
        list.add(app("/es256", JwsAlgorithm.ES256, TestKeys.ec("secp256r1"), TestKeys.ec("secp256r1"), false));
        list.add(app("/eddsa", JwsAlgorithm.EdDSA, TestKeys.ed25519(), TestKeys.ed25519(), false));
        apps = container().startApps(list, dir);
    }

    private Container.App app(String contextPath, JwsAlgorithm algorithm, KeyPair signing, KeyPair verifyOnly,
            boolean explicitKid) {
        Path appDir = dir.resolve(contextPath.substring(1));
        try {
            Files.createDirectories(appDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // The formats operators have: openssl's PKCS#8 alone for RSA and Ed25519, with the public block for EC.
        Path pem = algorithm == JwsAlgorithm.ES256 ? TestKeys.privatePem(appDir, "signing.pem", signing)
                : TestKeys.privatePemOnly(appDir, "signing.pem", signing);
        Path verifyPem = TestKeys.publicPem(appDir, "verify-only.pem", verifyOnly);
        Map<String, String> p = TestSettings.params(appDir);
        p.remove("jwtgate.signing.secret");
        p.put("jwtgate.signing.algorithm", algorithm.name());
        p.put("jwtgate.signing.key", pem.toString());
        if (explicitKid) {
            p.put("jwtgate.signing.key-id", "signing-2026");
        }
        p.put("jwtgate.verification.keys", VERIFY_ONLY_KID + "=" + verifyPem);
        Seed.usersAt(contextPath, p);
        deployed.put(contextPath, new Deployed(algorithm, pem, signing.getPublic(), verifyOnly));
        return new Container.App(contextPath, p, Map.of());
    }

    @AfterAll
    void stop() {
        if (apps != null) {
            apps.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String login(Http http, String username) {
        Http.Response login = http.postJson("/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, login.status(), login.body());
        return json(login.body()).get("access_token").textValue();
    }

    /** The published key set, from {@code /auth/jwks.json} (decision 451). */
    private JWKSet publishedKeySet(String contextPath) throws Exception {
        Http.Response jwks = apps.http(contextPath).get("/auth/jwks.json");
        assertEquals(200, jwks.status(), "GET /auth/jwks.json: " + jwks.body());
        return JWKSet.parse(jwks.body());
    }

    /** The DER bytes of the first PEM block labelled {@code label} in {@code file}. */
    private static byte[] pemBlock(Path file, String label) throws java.io.IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        int start = text.indexOf(begin);
        assertTrue(start >= 0, "no " + label + " block in " + file);
        int end = text.indexOf("-----END " + label + "-----", start);
        return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
    }

    /** The PKCS#8 private key of a PEM file, read by the JDK as any other program would. */
    private static PrivateKey privateKeyFromPem(Path file) throws java.io.IOException {
        byte[] der = pemBlock(file, "PRIVATE KEY");
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (java.security.spec.InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalStateException("no JDK key factory reads " + file);
    }

    /** nimbus's verifier for a published JWK. */
    private static JWSVerifier verifier(JWK jwk) throws JOSEException {
        if (jwk instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (jwk instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        return new Ed25519Verifier((OctetKeyPair) jwk);
    }

    /** nimbus's signer for a JDK key pair. */
    private static JWSSigner signer(PrivateKey key, PublicKey publicKey) throws JOSEException {
        if (key instanceof ECPrivateKey ec) {
            return new ECDSASigner(ec);
        }
        if (key instanceof EdECPrivateKey ed) {
            return new Ed25519Signer(new OctetKeyPair.Builder(Curve.Ed25519, ed25519X((EdECPublicKey) publicKey))
                    .d(Base64URL.encode(ed.getBytes().orElseThrow())).build());
        }
        return new RSASSASigner(key);
    }

    /** RFC 8037's {@code x}: the RFC 8032 encoding of the public point (y little-endian, x's parity in the top bit). */
    private static Base64URL ed25519X(EdECPublicKey key) {
        byte[] y = key.getPoint().getY().toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < y.length && i < 32; i++) {
            out[i] = y[y.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            out[31] |= (byte) 0x80;
        }
        return Base64URL.encode(out);
    }

    /** JwtGate's access-token claim profile, with {@code iss} and {@code aud} as the application issues them. */
    private static JWTClaimsSet claims(JsonNode issued, String subject, String username, List<String> roles,
            String scope) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issued.get("iss").textValue())
                .subject(subject)
                .issueTime(Date.from(now.minusSeconds(5)))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString())
                .claim("scope", scope)
                .claim("roles", roles)
                .claim("preferred_username", username);
        JsonNode aud = issued.get("aud");
        if (aud != null) {
            b.audience(aud.isArray() ? aud.get(0).textValue() : aud.textValue());
        }
        return b.build();
    }

    private static JsonNode payloadOf(String token) {
        return StrictJson.parse(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String signWithNimbus(JWSAlgorithm alg, String kid, JWTClaimsSet claims, JWSSigner signer)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(new JOSEObjectType("at+jwt")).keyID(kid).build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String flipSignatureBit(String token) {
        String[] p = token.split("\\.");
        byte[] sig = Base64.getUrlDecoder().decode(p[2]);
        sig[sig.length / 2] ^= 0x01;
        return p[0] + "." + p[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    private static String withHeader(String token, String headerJson) {
        String[] p = token.split("\\.");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(headerJson.getBytes(StandardCharsets.UTF_8))
                + "." + p[1] + "." + p[2];
    }

    private static String withPayload(String token, String payloadJson) {
        String[] p = token.split("\\.");
        return p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payloadJson.getBytes(StandardCharsets.UTF_8)) + "." + p[2];
    }

    private static void refused(Http http, String label, String token) {
        Http.Response r = http.bearerGet("/api/hello", token);
        assertEquals(401, r.status(), label + ": " + r.body());
        assertTrue(r.header("WWW-Authenticate").contains("error=\"invalid_token\""), label + ": "
                + r.header("WWW-Authenticate"));
    }

    private static void accepted(Http http, String label, String token, String username) {
        Http.Response r = http.bearerGet("/api/hello", token);
        assertEquals(200, r.status(), label + ": " + r.body());
        assertEquals(username, json(r.body()).get("username").textValue(), label);
    }

    /** The algorithm nimbus names for JwtGate's. */
    private static JWSAlgorithm nimbus(JwsAlgorithm algorithm) {
        return JWSAlgorithm.parse(algorithm.name());
    }

    // ---------------------------------------------------------------- nimbus verifies JwtGate's tokens

    @ParameterizedTest
    @ValueSource(strings = {"/rs256", "/ps256", "/es256", "/eddsa"})
    void nimbusVerifiesJwtGateTokensAgainstThePublishedKeySet(String contextPath) throws Exception {
        Http http = apps.http(contextPath);
        String token = login(http, "alice");
        SignedJWT jwt = SignedJWT.parse(token);
        JWSHeader header = jwt.getHeader();
        assertEquals(deployed.get(contextPath).algorithm().name(), header.getAlgorithm().getName());
        assertEquals(new JOSEObjectType("at+jwt"), header.getType());
        JWKSet set = publishedKeySet(contextPath);
        for (JWK key : set.getKeys()) {
            assertFalse(key.isPrivate(), "the published set holds a private key: " + key.getKeyID());
        }
        JWK jwk = set.getKeyByKeyId(header.getKeyID());
        assertNotNull(jwk, "no published key has the token's kid " + header.getKeyID() + ": " + set);

        assertTrue(jwt.verify(verifier(jwk)), "nimbus refuses JwtGate's " + header.getAlgorithm() + " signature");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("alice", claims.getStringClaim("preferred_username"));
        assertNotNull(claims.getJWTID());
        assertNotNull(claims.getStringClaim("sid"));
        assertTrue(claims.getExpirationTime().after(new Date()), "exp in the future");

        // nimbus sees JwtGate's tampered token as tampered too (the check is not vacuous).
        assertFalse(SignedJWT.parse(flipSignatureBit(token)).verify(verifier(jwk)), "a flipped bit verified");
        JWK other = set.getKeyByKeyId(VERIFY_ONLY_KID);
        assertNotNull(other, "the verification-only key is published too");
        assertFalse(SignedJWT.parse(token).verify(verifier(other)), "the token verified under the other key");
    }

    // ---------------------------------------------------------------- JwtGate accepts nimbus's tokens

    @ParameterizedTest
    @ValueSource(strings = {"/rs256", "/ps256", "/es256", "/eddsa"})
    void jwtGateAcceptsNimbusTokensSignedWithItsOwnPemKeyAndRefusesTamperedOnes(String contextPath)
            throws Exception {
        Http http = apps.http(contextPath);
        Deployed d = deployed.get(contextPath);
        String issued = login(http, "admin");
        String kid = SignedJWT.parse(issued).getHeader().getKeyID();
        JsonNode issuedClaims = payloadOf(issued);
        PrivateKey key = privateKeyFromPem(d.signingPem());
        JWSSigner signer = signer(key, d.signingPublic());
        JWTClaimsSet claims = claims(issuedClaims, issuedClaims.get("sub").textValue(), "admin", List.of("admin"),
                "all:any");
        String token = signWithNimbus(nimbus(d.algorithm()), kid, claims, signer);

        accepted(http, "nimbus token signed with the PEM signing key", token, "admin");
        tamperedVariantsAreRefused(http, d, token, kid);
        // Decision 426: two keys share the algorithm here, so a token must say which one signed it.
        refused(http, "signed with the PEM signing key but without kid",
                signWithNimbus(nimbus(d.algorithm()), null, claims, signer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rs256", "/ps256", "/es256", "/eddsa"})
    void jwtGateAcceptsNimbusTokensSignedWithAVerificationOnlyKeyAndRefusesTamperedOnes(String contextPath)
            throws Exception {
        Http http = apps.http(contextPath);
        Deployed d = deployed.get(contextPath);
        JsonNode issuedClaims = payloadOf(login(http, "alice"));
        JWSSigner signer = signer(d.verifyOnly().getPrivate(), d.verifyOnly().getPublic());
        JWTClaimsSet claims = claims(issuedClaims, issuedClaims.get("sub").textValue(), "alice", List.of("user"),
                "messages:read");
        String token = signWithNimbus(nimbus(d.algorithm()), VERIFY_ONLY_KID, claims, signer);

        accepted(http, "nimbus token signed with the verification-only key", token, "alice");
        tamperedVariantsAreRefused(http, d, token, VERIFY_ONLY_KID);
        String signingKid = SignedJWT.parse(login(http, "alice")).getHeader().getKeyID();
        refused(http, "signed with the verification-only key, kid of the signing key",
                signWithNimbus(nimbus(d.algorithm()), signingKid, claims, signer));
    }

    private static void tamperedVariantsAreRefused(Http http, Deployed d, String token, String kid) throws Exception {
        JsonNode header = StrictJson.parse(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        ObjectNode payload = (ObjectNode) payloadOf(token);
        payload.put("preferred_username", "someone-else");
        refused(http, "payload changed (username)", withPayload(token, payload.toString()));
        payload.put("scope", "all:any tokens:manage");
        refused(http, "payload changed (scope)", withPayload(token, payload.toString()));
        refused(http, "a signature bit flipped", flipSignatureBit(token));
        String otherKid = kid.equals(VERIFY_ONLY_KID) ? "no-such-key" : VERIFY_ONLY_KID;
        refused(http, "kid swapped to " + otherKid,
                withHeader(token, ((ObjectNode) header.deepCopy())
                        .put("kid", otherKid).toString()));
        refused(http, "kid swapped to an unknown key", withHeader(token,
                ((ObjectNode) header.deepCopy())
                        .put("kid", "no-such-key").toString()));
        for (String alg : swappedAlgorithms(d.algorithm())) {
            refused(http, "alg swapped to " + alg, withHeader(token,
                    ((ObjectNode) header.deepCopy()).put("alg", alg).toString()));
        }
    }

    /** Header algorithms an attacker would swap in for {@code algorithm}: its family's others and HS256. */
    private static List<String> swappedAlgorithms(JwsAlgorithm algorithm) {
        return switch (algorithm.family()) {
            case RSA, RSA_PSS -> List.of(algorithm == JwsAlgorithm.RS256 ? "PS256" : "RS256", "RS384", "PS512", "HS256");
            case EC -> List.of("ES384", "ES512", "HS256");
            default -> List.of("Ed25519", "ES256", "HS256");
        };
    }

    // ---------------------------------------------------------------- EdDSA signature forgeries

    /**
     * RFC 8032 §5.1.7 requires {@code S < L}: {@code S + L} is the same value modulo the group order,
     * so a verifier that skips the range check accepts a second spelling of every signature (the
     * malleability RFC 8032 rules out, unlike ECDSA's high {@code s}). JwtGate must refuse it, and the
     * degenerate signatures with them.
     */
    @org.junit.jupiter.api.Test
    void eddsaSignaturesWithSOutOfRangeOrDegenerateValuesAreRefused() throws Exception {
        Http http = apps.http("/eddsa");
        String token = login(http, "alice");
        String[] p = token.split("\\.");
        byte[] sig = Base64.getUrlDecoder().decode(p[2]);
        assertEquals(64, sig.length);
        accepted(http, "control: the genuine EdDSA token", token, "alice");
        java.math.BigInteger order = java.math.BigInteger.ONE.shiftLeft(252)
                .add(new java.math.BigInteger("27742317777372353535851937790883648493"));
        byte[] sLittle = java.util.Arrays.copyOfRange(sig, 32, 64);
        java.math.BigInteger s = new java.math.BigInteger(1, reversed(sLittle));
        byte[] sPlusL = reversed(fixed32(s.add(order)));
        byte[] malleated = java.util.Arrays.copyOf(sig, 64);
        System.arraycopy(sPlusL, 0, malleated, 32, 32);
        refused(http, "S + L (the same value mod L)", withSignature(token, malleated));
        byte[] sEqualsL = java.util.Arrays.copyOf(sig, 64);
        System.arraycopy(reversed(fixed32(order)), 0, sEqualsL, 32, 32);
        refused(http, "S = L", withSignature(token, sEqualsL));
        refused(http, "all zeros", withSignature(token, new byte[64]));
        byte[] identity = new byte[64];
        identity[0] = 1; // R = the neutral point's encoding, S = 0
        refused(http, "R = identity, S = 0", withSignature(token, identity));
        refused(http, "63 bytes", withSignature(token, java.util.Arrays.copyOf(sig, 63)));
        refused(http, "65 bytes", withSignature(token, java.util.Arrays.copyOf(sig, 65)));
    }

    private static byte[] reversed(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }

    /** Unsigned big-endian, 32 bytes. */
    private static byte[] fixed32(java.math.BigInteger n) {
        byte[] b = n.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, 32 - len, len);
        return out;
    }

    private static String withSignature(String token, byte[] signature) {
        String[] p = token.split("\\.");
        return p[0] + "." + p[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
