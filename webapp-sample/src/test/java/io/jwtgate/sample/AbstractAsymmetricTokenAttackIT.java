package io.jwtgate.sample;

import static io.jwtgate.sample.HostileTokens.b64;
import static io.jwtgate.sample.HostileTokens.payload;
import static io.jwtgate.sample.HostileTokens.str;
import static io.jwtgate.sample.HostileTokens.withSignature;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.jwtgate.sample.Verdicts.Answer;
import io.jwtgate.support.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Hostile tokens against the sample deployed with an asymmetric signing algorithm (RS256 or
 * ES256) and a PEM key file written by the test, over real HTTP in every container. The attacker
 * is an outsider: the public key is public (fetched from {@code /auth/jwks.json}), the private key
 * is not. Every forgery must be refused
 * with 401 {@code invalid_token} (400 for header grammar, the container's own 4xx for a head over
 * its limit), never 200, never 5xx, never reaching the application.
 *
 * <p>The deployment also holds a verification-only key of the other family (an ES256 key beside
 * RS256, an RS256 key beside ES256) under the kid {@value #OTHER_KID}, so that a kid naming a
 * configured key of another algorithm can be tried. No HMAC secret is configured: the sample
 * supplies none once a signing key is set. The positive controls sign with the real private key
 * (which the test, unlike the attacker, holds) to show that a refusal is due to the one hostile
 * detail. The family's own signature forgeries are in the two subclasses per family.
 */
abstract class AbstractAsymmetricTokenAttackIT extends AbstractAttackIT {

    static final String ADMIN = "/admin/users";
    static final String ADMIN_MARKER = "admin area";
    /** The kid of the verification-only key of the other family. */
    static final String OTHER_KID = "other-family-key";

    /** The deployment's signing key pair; only the positive controls use its private half. */
    KeyPair signing;
    /** The verification-only key pair of the other family; its private half signs one control. */
    KeyPair other;
    /** The kid JwtGate puts in its tokens (by default the RFC 7638 thumbprint of the public key). */
    String kid;
    /** The public key as the outsider sees it. */
    PublicKey published;
    /** The published JWK of the signing key as JSON text, from {@code /auth/jwks.json}. */
    String publishedJwk;

    /** RS256 or ES256: the deployment's signing algorithm. */
    abstract String algorithm();

    /** A new key pair of the signing algorithm's type (the attacker's own). */
    abstract KeyPair newKeyPair();

    /** The other family's algorithm, for the verification-only key: ES256 beside RS256, RS256 beside ES256. */
    abstract String otherAlgorithm();

    /** A new key pair of the other family. */
    abstract KeyPair newOtherKeyPair();

    /** keytool's key arguments for the attacker's self-signed certificate of the signing key's type. */
    abstract String[] keytoolKeyArguments();

    @Override
    RunningApp deploy(Path temp) throws Exception {
        signing = newKeyPair();
        other = newOtherKeyPair();
        Path keys = Files.createDirectories(temp.resolve("keys"));
        Path signingFile = TestKeys.privatePem(keys, "signing.pem", signing);
        // The other key is configured from its private PEM file (JwtGate takes the public half): the
        // operator's slip that must still publish nothing private.
        Path otherFile = TestKeys.privatePem(keys, "other-private.pem", other);
        Map<String, String> keyParams = new LinkedHashMap<>();
        keyParams.put("jwtgate.signing.algorithm", algorithm());
        keyParams.put("jwtgate.signing.key", signingFile.toString());
        keyParams.put("jwtgate.verification.keys", OTHER_KID + "=" + otherAlgorithm() + ":" + otherFile);
        RunningApp running = AttackDeployment.deploy(container(), temp, keyParams);
        Http probe = new Http(running, freshClientAddress());
        kid = headerOf(login(probe, "admin").get("access_token").asText()).get("kid").asText();
        outsiderKnowledge(probe);
        return running;
    }

    /**
     * What the outsider knows of the key: the published key set, which must describe exactly the
     * deployed key (decision 451).
     */
    private void outsiderKnowledge(Http probe) throws GeneralSecurityException {
        HttpResponse<String> jwks = probe.get("/auth/jwks.json");
        assertEquals(200, jwks.statusCode(), "GET /auth/jwks.json: " + jwks.body());
        JsonNode key = null;
        for (JsonNode k : Http.json(jwks).path("keys")) {
            if (kid.equals(k.path("kid").asText())) {
                key = k;
            }
        }
        assertTrue(key != null, "the published key set lacks the signing kid " + kid + ": " + jwks.body());
        published = publicKeyOf(key);
        assertArrayEquals(signing.getPublic().getEncoded(), published.getEncoded(),
                "the published key is not the deployed one");
        publishedJwk = key.toString();
    }

    private PublicKey publicKeyOf(JsonNode jwk) throws GeneralSecurityException {
        Base64.Decoder d = Base64.getUrlDecoder();
        if ("RSA".equals(jwk.path("kty").asText())) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, d.decode(jwk.path("n").asText())),
                    new BigInteger(1, d.decode(jwk.path("e").asText()))));
        }
        ECPublicKey real = (ECPublicKey) signing.getPublic();
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, d.decode(jwk.path("x").asText())),
                new BigInteger(1, d.decode(jwk.path("y").asText()))), real.getParams()));
    }

    // ---------------------------------------------------------------- helpers

    Answer admin(String token) {
        return Answer.of(http.get(ADMIN, token));
    }

    static JsonNode login(Http client, String username) {
        HttpResponse<String> response = client.postJson("/auth/login", Http.object()
                .put("username", username).put("password", AttackDeployment.PASSWORD), null);
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response);
    }

    static JsonNode headerOf(String token) {
        try {
            return Http.JSON.readTree(HostileTokens.decode(token.split("\\.")[0]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(String... rawMembers) {
        return "{" + String.join(",", rawMembers) + "}";
    }

    /** The header JwtGate itself writes for {@code alg}, with the real kid. */
    String realHeader(String alg) {
        return header("\"alg\":" + str(alg), "\"typ\":\"at+jwt\"", "\"kid\":" + str(kid));
    }

    /**
     * The JWS signature of {@code signingInput} under {@code alg} with {@code key}, computed by the
     * JCA whatever the key was meant for: the attacker's tool (and the controls' forge).
     *
     * @param alg a JOSE name, or {@code ES256-DER} etc. for an ECDSA signature in ASN.1 DER
     */
    static byte[] jcaSign(String alg, PrivateKey key, String signingInput) {
        try {
            Signature s;
            if (alg.startsWith("PS")) {
                String hash = "SHA-" + alg.substring(2);
                s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                        Integer.parseInt(alg.substring(2)) / 8, 1));
            } else if (alg.startsWith("RS")) {
                s = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
            } else if (alg.endsWith("-DER")) {
                s = Signature.getInstance("SHA" + alg.substring(2, 5) + "withECDSA");
            } else {
                s = Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
            }
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Header and payload JSON text signed under {@code alg} with {@code key}. */
    static String sign(String alg, PrivateKey key, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        return input + "." + b64(jcaSign(alg, key, input));
    }

    /** A token the real private key signs under the deployment's algorithm: what only JwtGate can make. */
    String genuine(String headerJson, String payloadJson) {
        return sign(algorithm(), signing.getPrivate(), headerJson, payloadJson);
    }

    /** The decoded signature of a compact token. */
    static byte[] signatureOf(String token) {
        return HostileTokens.decode(token.split("\\.", -1)[2]);
    }

    /** The token with its signature replaced by {@code signature}. */
    static String resigned(String token, byte[] signature) {
        String[] p = token.split("\\.", -1);
        return p[0] + "." + p[1] + "." + b64(signature);
    }

    /** Unsigned big-endian bytes of {@code n}, left-padded with zeros to {@code length}. */
    static byte[] fixed(BigInteger n, int length) {
        byte[] b = n.toByteArray();
        if (b.length > length) {
            return Arrays.copyOfRange(b, b.length - length, b.length); // only a sign byte is cut
        }
        byte[] out = new byte[length];
        System.arraycopy(b, 0, out, length - b.length, b.length);
        return out;
    }

    static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A public JWK (RFC 7517) of {@code key} as JSON text, written by hand as an attacker would. */
    static String jwkOf(PublicKey key, String kidOrNull) {
        String kidMember = kidOrNull == null ? "" : ",\"kid\":" + str(kidOrNull);
        if (key instanceof RSAPublicKey rsa) {
            return "{\"kty\":\"RSA\",\"n\":" + str(b64(unsigned(rsa.getModulus()))) + ",\"e\":"
                    + str(b64(unsigned(rsa.getPublicExponent()))) + kidMember + "}";
        }
        ECPublicKey ec = (ECPublicKey) key;
        int size = (ec.getParams().getOrder().bitLength() + 7) / 8;
        String crv = switch (size) {
            case 32 -> "P-256";
            case 48 -> "P-384";
            default -> "P-521";
        };
        return "{\"kty\":\"EC\",\"crv\":\"" + crv + "\",\"x\":" + str(b64(fixed(ec.getW().getAffineX(), size)))
                + ",\"y\":" + str(b64(fixed(ec.getW().getAffineY(), size))) + kidMember + "}";
    }

    /** The raw key bytes an implementation might feed to HMAC: the RSA modulus, or the EC point 04||x||y. */
    static byte[] rawKeyBytes(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return unsigned(rsa.getModulus());
        }
        ECPublicKey ec = (ECPublicKey) key;
        int size = (ec.getParams().getOrder().bitLength() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 4;
        System.arraycopy(fixed(ec.getW().getAffineX(), size), 0, point, 1, size);
        System.arraycopy(fixed(ec.getW().getAffineY(), size), 0, point, 1 + size, size);
        return point;
    }

    // ---------------------------------------------------------------- positive controls

    @Test
    void controlTokenFromRealLoginCarriesTheAlgorithmAndKidAndReachesTheAdminServlet() {
        JsonNode tokens = login(http, "admin");
        String token = tokens.get("access_token").asText();
        JsonNode h = headerOf(token);
        assertEquals(algorithm(), h.get("alg").asText(), "the deployment signs with " + algorithm());
        assertEquals(kid, h.get("kid").asText());
        Verdicts v = verdicts();

        v.reached("real login token of admin", admin(token), ADMIN_MARKER);
        v.reached("forged with the real private key (control of the forge)",
                admin(genuine(realHeader(algorithm()), payload().json())), ADMIN_MARKER);
        v.reached("the other family's verification key signs under its own alg and kid", admin(sign(otherAlgorithm(),
                other.getPrivate(), header("\"alg\":" + str(otherAlgorithm()), "\"typ\":\"at+jwt\"",
                        "\"kid\":" + str(OTHER_KID)), payload().json())), ADMIN_MARKER);

        v.assertAll();
    }

    @Test
    void tokenSignedWithASecondKeyPairIsRefusedUnderTheRealKidOrWithout() {
        KeyPair attacker = newKeyPair();
        String claims = payload().json();
        Verdicts v = verdicts();

        v.invalidToken("attacker's key pair under the real kid",
                admin(sign(algorithm(), attacker.getPrivate(), realHeader(algorithm()), claims)), Verdicts.INVALID);
        v.invalidToken("attacker's key pair without kid", admin(sign(algorithm(), attacker.getPrivate(),
                header("\"alg\":" + str(algorithm()), "\"typ\":\"at+jwt\""), claims)), Verdicts.INVALID);
        v.invalidToken("attacker's key pair under the other family's kid", admin(sign(algorithm(),
                attacker.getPrivate(), header("\"alg\":" + str(algorithm()), "\"typ\":\"at+jwt\"",
                        "\"kid\":" + str(OTHER_KID)), claims)), Verdicts.INVALID);
        v.invalidToken("attacker's other-family key pair under the other family's kid", admin(sign(otherAlgorithm(),
                newOtherKeyPair().getPrivate(), header("\"alg\":" + str(otherAlgorithm()), "\"typ\":\"at+jwt\"",
                        "\"kid\":" + str(OTHER_KID)), claims)), Verdicts.INVALID);

        v.assertAll();
    }

    /**
     * The outsider's starting point: both configured public keys, each with its kid and alg, nothing
     * private, although the other family's key was configured from its private PEM file.
     */
    @Test
    void publishedKeySetHoldsTheSigningAndTheOtherFamilysKeyAndNoPrivateMember() {
        HttpResponse<String> jwks = http.get("/auth/jwks.json");
        assertEquals(200, jwks.statusCode());
        assertTrue(jwks.headers().firstValue("Cache-Control").orElse("").startsWith("public, max-age="),
                "Cache-Control: " + jwks.headers().firstValue("Cache-Control"));
        Map<String, String> algByKid = new LinkedHashMap<>();
        for (JsonNode k : Http.json(jwks).path("keys")) {
            for (String member : List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k")) {
                assertTrue(!k.has(member), "a published key carries the private member " + member + ": " + k);
            }
            algByKid.put(k.path("kid").asText(), k.path("alg").asText());
        }
        assertEquals(Map.of(kid, algorithm(), OTHER_KID, otherAlgorithm()), algByKid, jwks.body());
    }

    // ---------------------------------------------------------------- algorithm confusion

    /**
     * The classic confusion: an HMAC token whose secret is the public key in any form a verifier
     * might hand to HMAC by mistake. No secret is configured, so no HS token can verify at all.
     */
    @Test
    void hmacTokensKeyedWithThePublicKeyInEveryFormAreRefused() {
        String pem = TestKeys.pem("PUBLIC KEY", published.getEncoded());
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("PEM with trailing newline", pem.getBytes(StandardCharsets.US_ASCII));
        secrets.put("PEM without trailing newline", pem.strip().getBytes(StandardCharsets.US_ASCII));
        secrets.put("PEM with CRLF", pem.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        secrets.put("PEM as RSA PUBLIC KEY label", TestKeys.pem("RSA PUBLIC KEY", published.getEncoded())
                .getBytes(StandardCharsets.US_ASCII));
        secrets.put("DER (SubjectPublicKeyInfo)", published.getEncoded());
        secrets.put("base64 of the DER", Base64.getEncoder().encode(published.getEncoded()));
        secrets.put("JWK JSON written by hand", jwkOf(published, kid).getBytes(StandardCharsets.UTF_8));
        secrets.put("JWK JSON without kid", jwkOf(published, null).getBytes(StandardCharsets.UTF_8));
        secrets.put("JWK JSON as published", publishedJwk.getBytes(StandardCharsets.UTF_8));
        secrets.put("raw key bytes (modulus or EC point)", rawKeyBytes(published));
        String claims = payload().json();
        Verdicts v = verdicts();
        for (String hs : List.of("HS256", "HS384", "HS512")) {
            for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
                for (String kidMember : List.of("\"kid\":" + str(kid), "\"kid\":" + str(OTHER_KID), "")) {
                    String h = kidMember.isEmpty() ? header("\"alg\":" + str(hs), "\"typ\":\"at+jwt\"")
                            : header("\"alg\":" + str(hs), "\"typ\":\"at+jwt\"", kidMember);
                    v.invalidToken(hs + " keyed with the public key as " + secret.getKey()
                            + (kidMember.isEmpty() ? ", no kid" : ", " + kidMember),
                            admin(HostileTokens.signParts(hs, secret.getValue(), b64(h), b64(claims))),
                            Verdicts.INVALID);
                }
            }
        }
        v.assertAll();
    }

    @Test
    void algNoneInEverySpellingIsRefusedWhateverTheSignature() {
        String claims = payload().json();
        byte[] realSignature = signatureOf(genuine(realHeader(algorithm()), claims));
        Verdicts v = verdicts();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            for (String h : List.of(header("\"alg\":" + str(none), "\"typ\":\"at+jwt\"", "\"kid\":" + str(kid)),
                    header("\"alg\":" + str(none), "\"typ\":\"at+jwt\""))) {
                String label = none + (h.contains("kid") ? " with kid" : " without kid");
                v.invalidToken(label + ", empty signature", admin(b64(h) + "." + b64(claims) + "."), Verdicts.INVALID);
                v.invalidToken(label + ", a real signature of the claims", admin(withSignature(h, claims, realSignature)),
                        Verdicts.INVALID);
                v.invalidToken(label + ", the real key's signature over this header",
                        admin(genuine(h, claims)), Verdicts.INVALID);
            }
        }
        v.invalidToken("real header, empty signature", admin(b64(realHeader(algorithm())) + "." + b64(claims) + "."),
                Verdicts.INVALID);
        v.assertAll();
    }

    /**
     * Look-alike and unsupported names, each over a signature the real key made under the
     * deployment's algorithm: the header's {@code alg} is matched exactly (only the configuration
     * spells algorithms leniently).
     */
    @Test
    void mistypedOrUnsupportedAlgNamesAreRefusedEvenWhenTheRealKeySigned() {
        String a = algorithm();
        String claims = payload().json();
        Verdicts v = verdicts();
        for (String alg : List.of(a.toLowerCase(java.util.Locale.ROOT), a + " ", " " + a, a + "\u0000",
                a.substring(0, 2) + "-" + a.substring(2), a + "K", "ES256K", "Ed25519", "EdDSA", "RSA", "ECDSA", "")) {
            v.invalidToken("alg " + str(alg) + ", the real key's " + a + " signature",
                    admin(genuine(header("\"alg\":" + str(alg), "\"typ\":\"at+jwt\"", "\"kid\":" + str(kid)), claims)),
                    Verdicts.INVALID);
        }
        v.invalidToken("duplicate alg (" + a + ", then none)", admin(genuine(header("\"alg\":" + str(a),
                "\"alg\":\"none\"", "\"typ\":\"at+jwt\"", "\"kid\":" + str(kid)), claims)), Verdicts.INVALID);
        v.invalidToken("duplicate alg (HS256, then " + a + ")", admin(genuine(header("\"alg\":\"HS256\"",
                "\"alg\":" + str(a), "\"typ\":\"at+jwt\"", "\"kid\":" + str(kid)), claims)), Verdicts.INVALID);
        v.assertAll();
    }

    /** The other algorithms of the signing key's family (the header's alg switched within the family). */
    abstract List<String> sameFamilyAlgorithms();

    /**
     * A key's algorithm is fixed by configuration: the header naming another algorithm of the
     * same family is refused even when the real private key made exactly that signature (which an
     * outsider cannot do; if JwtGate refuses this, it refuses any weaker variant too).
     */
    @Test
    void algSwitchedWithinTheFamilyIsRefusedEvenWhenTheRealKeySignsUnderIt() {
        String claims = payload().json();
        String original = genuine(realHeader(algorithm()), claims);
        Verdicts v = verdicts();
        for (String alg : sameFamilyAlgorithms()) {
            v.invalidToken("header " + alg + ", the original " + algorithm() + " signature kept",
                    admin(withSignature(realHeader(alg), claims, signatureOf(original))), Verdicts.INVALID);
            v.invalidToken("header " + alg + ", the real key signing under " + alg,
                    admin(sign(alg, signing.getPrivate(), realHeader(alg), claims)), Verdicts.INVALID);
            v.invalidToken("header " + alg + " without kid, the real key signing under " + alg,
                    admin(sign(alg, signing.getPrivate(), header("\"alg\":" + str(alg), "\"typ\":\"at+jwt\""), claims)),
                    Verdicts.INVALID);
        }
        v.invalidToken("header " + otherAlgorithm() + " with the real kid, the original signature kept",
                admin(withSignature(realHeader(otherAlgorithm()), claims, signatureOf(original))), Verdicts.INVALID);
        v.assertAll();
    }

    // ---------------------------------------------------------------- key-selection headers

    /**
     * An HTTP server on 127.0.0.1 that serves the attacker's key set and certificate at any path
     * and counts every request: JwtGate must never ask.
     */
    static final class KeyTrap implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        KeyTrap(String jwks, String certificatePem) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    byte[] body = (exchange.getRequestURI().getPath().endsWith(".pem") ? certificatePem : jwks)
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * {@code jwk}, {@code jku}, {@code x5u}, {@code x5c} and {@code x5t#S256} carrying or naming the
     * attacker's key, which signed the token: refused, and nothing fetched.
     */
    @Test
    void keysTheTokenOffersItselfAreNeverUsedAndNothingIsFetched(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        Path store = TestKeys.pkcs12(temp.resolve("attacker.p12"), "attacker", "attacker-store-pass",
                keytoolKeyArguments());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "attacker-store-pass".toCharArray());
        }
        PrivateKey attackerKey = (PrivateKey) ks.getKey("attacker", "attacker-store-pass".toCharArray());
        X509Certificate certificate = (X509Certificate) ks.getCertificate("attacker");
        PublicKey attackerPublic = certificate.getPublicKey();
        String x5c = "[" + str(Base64.getEncoder().encodeToString(certificate.getEncoded())) + "]";
        String x5t = str(b64(java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
        String attackerJwks = "{\"keys\":[" + jwkOf(attackerPublic, kid) + "," + jwkOf(attackerPublic, "attacker") + "]}";
        String alg = "\"alg\":" + str(algorithm());
        String typ = "\"typ\":\"at+jwt\"";
        String realKid = "\"kid\":" + str(kid);
        String claims = payload().json();
        Verdicts v = verdicts();
        int requests;
        try (KeyTrap trap = new KeyTrap(attackerJwks, TestKeys.pem("CERTIFICATE", certificate.getEncoded()))) {
            String jku = "\"jku\":" + str(trap.url("/jwks.json"));
            String x5u = "\"x5u\":" + str(trap.url("/cert.pem"));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("jwk of the attacker, real kid", header(alg, typ, realKid, "\"jwk\":" + jwkOf(attackerPublic, kid)));
            headers.put("jwk of the attacker, no kid", header(alg, typ, "\"jwk\":" + jwkOf(attackerPublic, null)));
            headers.put("jwk of the attacker, its own kid", header(alg, typ, "\"kid\":\"attacker\"",
                    "\"jwk\":" + jwkOf(attackerPublic, "attacker")));
            headers.put("jku, real kid", header(alg, typ, realKid, jku));
            headers.put("jku, the attacker's kid", header(alg, typ, "\"kid\":\"attacker\"", jku));
            headers.put("jku, no kid", header(alg, typ, jku));
            headers.put("x5u, real kid", header(alg, typ, realKid, x5u));
            headers.put("x5u, no kid", header(alg, typ, x5u));
            headers.put("x5c with the attacker's certificate, real kid", header(alg, typ, realKid, "\"x5c\":" + x5c));
            headers.put("x5c with the attacker's certificate, no kid", header(alg, typ, "\"x5c\":" + x5c));
            headers.put("x5t#S256 of the attacker's certificate, no kid", header(alg, typ, "\"x5t#S256\":" + x5t));
            headers.put("jwk, jku, x5u and x5c together", header(alg, typ, realKid, "\"jwk\":" + jwkOf(attackerPublic,
                    kid), jku, x5u, "\"x5c\":" + x5c));
            for (Map.Entry<String, String> h : headers.entrySet()) {
                v.invalidToken(h.getKey() + ", signed by the attacker",
                        admin(sign(algorithm(), attackerKey, h.getValue(), claims)), Verdicts.INVALID);
            }
            // The same tricks with an HMAC token: the public key (or the attacker's) in the header as an oct secret.
            String oct = "{\"kty\":\"oct\",\"k\":" + str(b64(HostileTokens.ATTACKER_KEY)) + "}";
            v.invalidToken("HS256 with an oct jwk holding the attacker's secret", admin(HostileTokens.attackerSigned(
                    header("\"alg\":\"HS256\"", typ, "\"jwk\":" + oct), claims)), Verdicts.INVALID);
            v.invalidToken("HS256 with jku and the real kid, attacker's secret", admin(HostileTokens.attackerSigned(
                    header("\"alg\":\"HS256\"", typ, realKid, jku), claims)), Verdicts.INVALID);
            requests = trap.requests();
        }
        v.assertAll();
        assertEquals(0, requests, "JwtGate fetched a URL named by jku or x5u");
    }

    /**
     * Every kid that names no configured key, or a key of another algorithm, is refused even when
     * the real private key signed the token: a kid only selects among configured keys.
     */
    @Test
    void kidsThatNameNoKeyOrAKeyOfAnotherAlgorithmAreRefusedEvenWhenTheRealKeySigned() {
        String claims = payload().json();
        String alg = "\"alg\":" + str(algorithm());
        String typ = "\"typ\":\"at+jwt\"";
        Map<String, String> kids = new LinkedHashMap<>();
        kids.put("non-existent", str("no-such-key"));
        kids.put("path traversal", str("../../etc/passwd"));
        kids.put("SQL", str("' OR 1=1 --"));
        kids.put("JNDI", str("${jndi:ldap://127.0.0.1:1/x}"));
        kids.put("NUL", str("\u0000"));
        kids.put("empty", str(""));
        kids.put("real kid with a trailing space", str(kid + " "));
        kids.put("real kid upper-cased", str(kid.toUpperCase(java.util.Locale.ROOT)));
        kids.put("real kid and a NUL", str(kid + "\u0000"));
        kids.put("4 kB", str("k".repeat(4000)));
        Verdicts v = verdicts();
        for (Map.Entry<String, String> k : kids.entrySet()) {
            v.invalidToken("kid " + k.getKey() + ", the real key signed",
                    admin(genuine(header(alg, typ, "\"kid\":" + k.getValue()), claims)), Verdicts.INVALID);
        }
        for (String nonText : List.of("1", "[" + str(kid) + "]", "null", "{\"kid\":" + str(kid) + "}", "true")) {
            v.invalidToken("non-string kid " + nonText + ", the real key signed",
                    admin(genuine(header(alg, typ, "\"kid\":" + nonText), claims)), Verdicts.INVALID);
        }
        v.invalidToken("the kid of the other family's key, the real key signed under " + algorithm(),
                admin(genuine(header(alg, typ, "\"kid\":" + str(OTHER_KID)), claims)), Verdicts.INVALID);
        v.invalidToken("the kid of the other family's key under its alg, the real signing key's signature",
                admin(withSignature(header("\"alg\":" + str(otherAlgorithm()), typ, "\"kid\":" + str(OTHER_KID)), claims,
                        signatureOf(genuine(realHeader(algorithm()), claims)))), Verdicts.INVALID);
        v.invalidToken("the real kid under the other family's alg, signed by the other family's private key",
                admin(sign(otherAlgorithm(), other.getPrivate(), realHeader(otherAlgorithm()), claims)), Verdicts.INVALID);
        v.invalidToken("HS256 under the other family's kid, keyed with its public key (PEM)",
                admin(HostileTokens.signParts("HS256", TestKeys.pem("PUBLIC KEY", other.getPublic().getEncoded())
                        .getBytes(StandardCharsets.US_ASCII), b64(header("\"alg\":\"HS256\"", typ,
                        "\"kid\":" + str(OTHER_KID))), b64(claims))), Verdicts.INVALID);
        v.invalidToken("duplicate kid member (real, then unknown)",
                admin(genuine(header(alg, typ, "\"kid\":" + str(kid), "\"kid\":\"no-such-key\""), claims)),
                Verdicts.INVALID);
        v.invalidToken("duplicate kid member (unknown, then real)",
                admin(genuine(header(alg, typ, "\"kid\":\"no-such-key\"", "\"kid\":" + str(kid)), claims)),
                Verdicts.INVALID);
        // A 10 kB kid makes a head over the containers' 8 KiB limit: the container refuses it first.
        v.headTooLargeForTheContainer("kid of 10 kB", admin(genuine(header(alg, typ,
                "\"kid\":" + str("k".repeat(10_000))), claims)));
        v.assertAll();
    }
}
