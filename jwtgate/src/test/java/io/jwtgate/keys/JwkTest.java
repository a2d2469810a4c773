package io.jwtgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.keys.Jwk.Source;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwkTest {

    static final Set<JwsAlgorithm> ALL = EnumSet.allOf(JwsAlgorithm.class);
    /** Every member a published JWK may carry (RFC 7517 §4, RFC 7518 §6.2.1, §6.3.1, RFC 8037 §2). */
    static final Set<String> PUBLIC_MEMBERS = Set.of("kty", "kid", "use", "alg", "n", "e", "crv", "x", "y");

    static Map<JwsAlgorithm, JwtKey> keys;

    @BeforeAll
    static void generate() throws GeneralSecurityException {
        keys = JwkKeyPairs.signingKeys();
    }

    static ObjectNode json(String text) {
        return (ObjectNode) StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static ObjectNode jwk(JwsAlgorithm alg) {
        return Jwk.publicJwk(keys.get(alg));
    }

    static String refusal(JsonNode jwk, Set<JwsAlgorithm> allowed, Source source) {
        return assertThrows(JwkException.class, () -> Jwk.verificationKeys(jwk, allowed, source)).getMessage();
    }

    static String refusal(JsonNode jwk) {
        return refusal(jwk, ALL, Source.REMOTE);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"HS256", "HS384", "HS512"}, mode = EnumSource.Mode.EXCLUDE)
    void publishedKeyReadsBackAsTheSameVerificationKeyForItsAlgorithmOnly(JwsAlgorithm alg) {
        for (Source source : Source.values()) {
            List<JwtKey> back = Jwk.verificationKeys(jwk(alg), ALL, source);
            assertEquals(1, back.size(), back.toString());
            JwtKey k = back.get(0);
            assertEquals(alg, k.algorithm());
            assertEquals("kid-" + alg, k.kid().orElseThrow());
            assertEquals(keys.get(alg).publicKey().orElseThrow(), k.publicKey().orElseThrow());
            assertFalse(k.canSign(), "a verification key never signs");
        }
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"HS256", "HS384", "HS512"}, mode = EnumSource.Mode.EXCLUDE)
    void publishedKeyHasPublicMembersOnlyEvenWhenBuiltFromAPrivateKeyPair(JwsAlgorithm alg) {
        JwtKey signing = keys.get(alg);
        assertTrue(signing.canSign(), "the key published here holds its private half");
        ObjectNode jwk = Jwk.publicJwk(signing);
        List<String> names = new ArrayList<>();
        jwk.fieldNames().forEachRemaining(names::add);
        assertTrue(PUBLIC_MEMBERS.containsAll(names), names.toString());
        for (String member : Jwk.PRIVATE_MEMBERS) {
            assertFalse(jwk.has(member), member + " in " + names);
        }
        assertEquals("sig", jwk.get("use").asText());
        assertEquals(alg.name(), jwk.get("alg").asText());
        ObjectNode set = Jwk.publicKeySet(List.of(signing));
        assertEquals(jwk, set.get("keys").get(0));
        assertFalse(set.toString().contains("\"d\""), set.toString());
    }

    @Test
    void publishedKeyTypeMembersAreTheRightOnes() {
        assertEquals(Set.of("kty", "kid", "use", "alg", "n", "e"), names(jwk(JwsAlgorithm.RS256)));
        assertEquals(Set.of("kty", "kid", "use", "alg", "crv", "x", "y"), names(jwk(JwsAlgorithm.ES384)));
        assertEquals(Set.of("kty", "kid", "use", "alg", "crv", "x"), names(jwk(JwsAlgorithm.EdDSA)));
        assertEquals("RSA", jwk(JwsAlgorithm.PS512).get("kty").asText());
        assertEquals("P-521", jwk(JwsAlgorithm.ES512).get("crv").asText());
        assertEquals("OKP", jwk(JwsAlgorithm.EdDSA).get("kty").asText());
        assertEquals("Ed25519", jwk(JwsAlgorithm.EdDSA).get("crv").asText());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> s = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void rsaModulusIsMinimalAndEcCoordinatesAreFieldSized() {
        byte[] n = Base64.getUrlDecoder().decode(jwk(JwsAlgorithm.RS256).get("n").asText());
        assertEquals(256, n.length, "2048 bits without the sign byte BigInteger adds");
        assertNotEquals(0, n[0]);
        assertEquals("AQAB", jwk(JwsAlgorithm.RS256).get("e").asText());
        for (JwsAlgorithm alg : List.of(JwsAlgorithm.ES256, JwsAlgorithm.ES384, JwsAlgorithm.ES512)) {
            for (String c : List.of("x", "y")) {
                byte[] v = Base64.getUrlDecoder().decode(jwk(alg).get(c).asText());
                assertEquals(alg.ecCoordinateBytes(), v.length, alg + " " + c);
            }
        }
        // A P-521 coordinate with a leading zero byte keeps it (RFC 7518 §6.2.1.2): RFC 7520's key.
        ObjectNode cookbook = json("{\"kty\":\"EC\",\"crv\":\"P-521\","
                + "\"x\":\"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt\","
                + "\"y\":\"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1\"}");
        JwtKey key = Jwk.verificationKeys(cookbook, ALL, Source.REMOTE).get(0);
        ObjectNode back = Jwk.publicJwk(key);
        assertEquals(cookbook.get("x"), back.get("x"));
        assertEquals(cookbook.get("y"), back.get("y"));
    }

    @Test
    void hmacKeysAreNeverPublished() {
        JwtKey hs = JwtKey.hmac(JwsAlgorithm.HS256, "h", new byte[32]);
        assertThrows(IllegalArgumentException.class, () -> Jwk.publicJwk(hs));
        assertEquals(json("{\"keys\":[]}"), Jwk.publicKeySet(List.of(hs)));
        ObjectNode mixed = Jwk.publicKeySet(List.of(hs, keys.get(JwsAlgorithm.ES256), keys.get(JwsAlgorithm.ES256)));
        assertEquals(1, mixed.get("keys").size(), "HS left out, the same key listed once");
    }

    @Test
    void thumbprintMatchesRfc7638Example() throws GeneralSecurityException {
        String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjB"
                + "ZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJ"
                + "ZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBni"
                + "Iqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(n)), BigInteger.valueOf(65537)));
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", Jwk.thumbprint(key));
    }

    @Test
    void thumbprintsDifferPerKeyAndExistForEveryKeyType() {
        Set<String> prints = new java.util.HashSet<>();
        for (JwsAlgorithm alg : List.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256, JwsAlgorithm.ES384,
                JwsAlgorithm.ES512, JwsAlgorithm.EdDSA)) {
            String t = Jwk.thumbprint(keys.get(alg).publicKey().orElseThrow());
            assertEquals(43, t.length(), "SHA-256 in unpadded base64url");
            prints.add(t);
        }
        assertEquals(5, prints.size());
    }

    @Test
    void rsaKeyWithoutAlgYieldsEveryAllowedRsaAlgorithmAndNarrowsToItsAlg() {
        ObjectNode jwk = jwk(JwsAlgorithm.RS256);
        jwk.remove("alg");
        List<JwtKey> all = Jwk.verificationKeys(jwk, ALL, Source.REMOTE);
        assertEquals(6, all.size(), "RS256/384/512 and PS256/384/512");
        List<JwtKey> two = Jwk.verificationKeys(jwk, EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.PS256,
                JwsAlgorithm.ES256), Source.REMOTE);
        assertEquals(List.of(JwsAlgorithm.RS256, JwsAlgorithm.PS256), two.stream().map(JwtKey::algorithm).toList());
        assertEquals(List.of(), Jwk.verificationKeys(jwk(JwsAlgorithm.RS256), EnumSet.of(JwsAlgorithm.PS256),
                Source.REMOTE), "a JWK whose alg is not allowed yields none");
    }

    @Test
    void useAndKeyOpsMustAllowVerification() {
        ObjectNode enc = jwk(JwsAlgorithm.ES256).put("use", "enc");
        assertTrue(refusal(enc).contains("use is \"enc\""));
        ObjectNode ops = jwk(JwsAlgorithm.ES256);
        ops.putArray("key_ops").add("encrypt");
        assertTrue(refusal(ops).contains("key_ops"));
        ObjectNode verify = jwk(JwsAlgorithm.ES256);
        verify.putArray("key_ops").add("verify");
        assertEquals(1, Jwk.verificationKeys(verify, ALL, Source.REMOTE).size());
        ObjectNode notArray = jwk(JwsAlgorithm.ES256).put("key_ops", "verify");
        assertTrue(refusal(notArray).contains("key_ops is not an array"));
    }

    @Test
    void weakRsaKeysAreRefused() throws GeneralSecurityException {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        RSAPrivateCrtKey small = (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
        assertTrue(refusal(rsa(small.getModulus(), BigInteger.valueOf(65537))).contains("1024 bits"));
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk(JwsAlgorithm.RS256).get("n").asText()));
        assertTrue(refusal(rsa(n.clearBit(0), BigInteger.valueOf(65537))).contains("even"));
        assertTrue(refusal(rsa(n, BigInteger.ONE)).contains("exponent"));
        assertTrue(refusal(rsa(n, BigInteger.valueOf(65536))).contains("exponent"));
        assertEquals(6, Jwk.verificationKeys(rsa(n, BigInteger.valueOf(65537)), ALL, Source.REMOTE).size(),
                "the same modulus with a sound exponent serves every RSA algorithm");
    }

    @Test
    void rsaModulusWithTheRocaFingerprintIsRefused() {
        // n ≡ 1 modulo every fingerprint prime: 1 lies in every subgroup, so this modulus matches.
        BigInteger product = BigInteger.ONE;
        for (int p : new int[] {3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79,
            83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167}) {
            product = product.multiply(BigInteger.valueOf(p));
        }
        // product * (an even number) + 1: odd, over 2048 bits.
        BigInteger n = product.shiftLeft(2049 - product.bitLength()).add(BigInteger.ONE);
        assertTrue(n.bitLength() >= 2048 && n.testBit(0));
        assertTrue(JwkRocaCheck.vulnerable(n));
        assertTrue(refusal(rsa(n, BigInteger.valueOf(65537))).contains("ROCA"));
        BigInteger ordinary = new BigInteger(1, Base64.getUrlDecoder().decode(jwk(JwsAlgorithm.RS256).get("n").asText()));
        assertFalse(JwkRocaCheck.vulnerable(ordinary));
    }

    private static ObjectNode rsa(BigInteger n, BigInteger e) {
        ObjectNode jwk = StrictJson.mapper().createObjectNode();
        jwk.put("kty", "RSA").put("kid", "r");
        jwk.put("n", b64(unsigned(n))).put("e", b64(unsigned(e)));
        return jwk;
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 && b.length > 1 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    @Test
    void ecKeysMustBeValidPointsOnTheAlgorithmsCurve() {
        ObjectNode wrongCurve = jwk(JwsAlgorithm.ES256).put("alg", "ES384");
        assertTrue(refusal(wrongCurve).contains("does not fit"), refusal(wrongCurve));
        ObjectNode p384Named = jwk(JwsAlgorithm.ES256).put("crv", "P-384");
        assertTrue(refusal(p384Named).contains("coordinates must be 48 bytes"), refusal(p384Named));
        ObjectNode secp256k1 = jwk(JwsAlgorithm.ES256).put("crv", "secp256k1");
        assertTrue(refusal(secp256k1).contains("not P-256"));
        ObjectNode offCurve = jwk(JwsAlgorithm.ES256);
        byte[] y = Base64.getUrlDecoder().decode(offCurve.get("y").asText());
        y[31] ^= 1;
        offCurve.put("y", b64(y));
        assertTrue(refusal(offCurve).contains("not on P-256"));
        ObjectNode shortX = jwk(JwsAlgorithm.ES256);
        byte[] x = Base64.getUrlDecoder().decode(shortX.get("x").asText());
        shortX.put("x", b64(java.util.Arrays.copyOfRange(x, 1, 32)));
        assertTrue(refusal(shortX).contains("32 bytes"));
        // The point at x = 0 of P-256 is not on the curve either (b is not a square there): a
        // zero coordinate, a classic invalid-curve probe, is refused.
        ObjectNode zero = jwk(JwsAlgorithm.ES256).put("x", b64(new byte[32])).put("y", b64(new byte[32]));
        assertTrue(refusal(zero).contains("not on P-256"));
    }

    @Test
    void okpKeysMustBeEd25519WithThirtyTwoBytes() {
        ObjectNode ed448 = jwk(JwsAlgorithm.EdDSA).put("crv", "Ed448");
        assertTrue(refusal(ed448).contains("not Ed25519"));
        ObjectNode x25519 = jwk(JwsAlgorithm.EdDSA).put("crv", "X25519");
        assertTrue(refusal(x25519).contains("not Ed25519"));
        ObjectNode shortX = jwk(JwsAlgorithm.EdDSA).put("x", b64(new byte[31]));
        assertTrue(refusal(shortX).contains("32 bytes"));
        ObjectNode wrongAlg = jwk(JwsAlgorithm.EdDSA).put("alg", "ES256");
        assertTrue(refusal(wrongAlg).contains("does not fit"));
    }

    @Test
    void unknownKeyTypesAlgorithmsAndMalformedMembersAreRefused() {
        assertTrue(refusal(json("{\"kty\":\"DSA\",\"kid\":\"a\"}")).contains("key type DSA"));
        assertTrue(refusal(json("{\"kid\":\"a\"}")).contains("kty is missing"));
        assertTrue(refusal(jwk(JwsAlgorithm.ES256).put("alg", "none")).contains("alg none"));
        assertTrue(refusal(jwk(JwsAlgorithm.RS256).put("alg", "RSA-OAEP")).contains("alg RSA-OAEP"));
        ObjectNode noY = jwk(JwsAlgorithm.ES256);
        noY.remove("y");
        assertTrue(refusal(noY).contains("y is missing"));
        ObjectNode numberKid = jwk(JwsAlgorithm.ES256);
        numberKid.put("kid", 7);
        assertTrue(refusal(numberKid).contains("kid is not a string"));
        assertTrue(refusal(StrictJson.mapper().createArrayNode()).contains("not a JSON object"));
    }

    @Test
    void binaryMembersMustBeCanonicalUnpaddedBase64url() {
        ObjectNode padded = jwk(JwsAlgorithm.EdDSA);
        padded.put("x", padded.get("x").asText() + "=");
        assertTrue(refusal(padded).contains("not canonical"));
        ObjectNode standardAlphabet = jwk(JwsAlgorithm.RS256);
        standardAlphabet.put("n", standardAlphabet.get("n").asText().replace('-', '+').replace('_', '/') + "+/");
        assertTrue(refusal(standardAlphabet).contains("not canonical"));
        // 32 bytes in 43 characters leave two unused bits: setting them gives a second spelling.
        ObjectNode trailingBits = jwk(JwsAlgorithm.EdDSA);
        String x = trailingBits.get("x").asText();
        char last = x.charAt(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char other = alphabet.charAt(alphabet.indexOf(last) | 1);
        trailingBits.put("x", x.substring(0, 42) + other);
        assertTrue(refusal(trailingBits).contains("not canonical"), trailingBits.toString());
        ObjectNode empty = jwk(JwsAlgorithm.RS256).put("e", "");
        assertTrue(refusal(empty).contains("e is empty"));
    }

    @Test
    void privateMembersAreRefusedFromBothSourcesWithTheFixForALocalFile() {
        for (String member : List.of("d", "p", "q", "dp", "dq", "qi", "k")) {
            ObjectNode withPrivate = jwk(JwsAlgorithm.RS256).put(member, "AQAB");
            assertTrue(refusal(withPrivate, ALL, Source.REMOTE).contains("private member(s) " + member));
            String local = refusal(withPrivate, ALL, Source.LOCAL_FILE);
            assertTrue(local.contains("remove " + member) && local.contains("jwtgate.signing.key"), local);
        }
        ObjectNode ecPrivate = jwk(JwsAlgorithm.ES256).put("d", "AQAB");
        assertTrue(refusal(ecPrivate).contains("private"));
        assertFalse(refusal(ecPrivate).contains("AQAB"), "the value is never repeated");
    }

    @Test
    void secretKeysComeFromLocalFilesOnlyAndMeetTheHmacLength() {
        ObjectNode oct = json("{\"kty\":\"oct\",\"kid\":\"s\",\"alg\":\"HS256\",\"k\":\"" + b64(new byte[32]) + "\"}");
        List<JwtKey> local = Jwk.verificationKeys(oct, ALL, Source.LOCAL_FILE);
        assertEquals(List.of(JwsAlgorithm.HS256), local.stream().map(JwtKey::algorithm).toList());
        assertTrue(refusal(oct, ALL, Source.REMOTE).contains("symmetric"));
        ObjectNode short31 = json("{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"" + b64(new byte[31]) + "\"}");
        assertTrue(refusal(short31, ALL, Source.LOCAL_FILE).contains("31 bytes"));
        ObjectNode noAlg = json("{\"kty\":\"oct\",\"k\":\"" + b64(new byte[48]) + "\"}");
        assertEquals(List.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384),
                Jwk.verificationKeys(noAlg, ALL, Source.LOCAL_FILE).stream().map(JwtKey::algorithm).toList(),
                "48 bytes serve HS256 and HS384, not HS512");
        ObjectNode rsaAlgOnSecret = json("{\"kty\":\"oct\",\"alg\":\"RS256\",\"k\":\"" + b64(new byte[32]) + "\"}");
        assertTrue(refusal(rsaAlgOnSecret, ALL, Source.LOCAL_FILE).contains("does not fit"));
        ObjectNode empty = json("{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"\"}");
        assertTrue(refusal(empty, ALL, Source.LOCAL_FILE).contains("k is empty"));
    }

    static ObjectNode set(JsonNode... jwks) {
        ObjectNode set = StrictJson.mapper().createObjectNode();
        ArrayNode keysArray = set.putArray("keys");
        for (JsonNode j : jwks) {
            keysArray.add(j);
        }
        return set;
    }

    @Test
    void aDuplicateKidRefusesTheWholeSet() {
        ObjectNode a = jwk(JwsAlgorithm.ES256);
        ObjectNode b = jwk(JwsAlgorithm.ES384).put("kid", a.get("kid").asText());
        for (Source source : Source.values()) {
            JwkException e = assertThrows(JwkException.class,
                    () -> Jwk.verificationKeySet(set(a, b), ALL, source));
            assertTrue(e.getMessage().contains("names two keys"), e.getMessage());
        }
    }

    @Test
    void aRemoteSetSkipsABadKeyAndKeepsTheOthersWhileALocalSetFails() {
        ObjectNode good = jwk(JwsAlgorithm.ES256);
        ObjectNode bad = jwk(JwsAlgorithm.RS256).put("use", "enc");
        List<String> skipped = new ArrayList<>();
        List<JwtKey> remote = Jwk.verificationKeySet(set(bad, good), ALL, Source.REMOTE, skipped::add);
        assertEquals(List.of("kid-ES256"), remote.stream().map(k -> k.kid().orElseThrow()).toList());
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).contains("kid-RS256"), skipped.toString());
        JwkException local = assertThrows(JwkException.class,
                () -> Jwk.verificationKeySet(set(bad, good), ALL, Source.LOCAL_FILE));
        assertTrue(local.getMessage().contains("use is \"enc\""), local.getMessage());
    }

    @Test
    void aLocalSetMixingSecretsAndPublicKeysIsRefusedAndARemoteSetDropsTheSecret() {
        ObjectNode oct = json("{\"kty\":\"oct\",\"kid\":\"s\",\"alg\":\"HS256\",\"k\":\"" + b64(new byte[32]) + "\"}");
        ObjectNode ec = jwk(JwsAlgorithm.ES256);
        JwkException local = assertThrows(JwkException.class,
                () -> Jwk.verificationKeySet(set(oct, ec), ALL, Source.LOCAL_FILE));
        assertTrue(local.getMessage().contains("mixes"), local.getMessage());
        List<JwtKey> remote = Jwk.verificationKeySet(set(oct, ec), ALL, Source.REMOTE);
        assertEquals(List.of(JwsAlgorithm.ES256), remote.stream().map(JwtKey::algorithm).toList());
        assertEquals(1, Jwk.verificationKeySet(set(oct), ALL, Source.LOCAL_FILE).size());
    }

    @Test
    void aSetIsAnObjectWithAKeysArrayOfAtMostAHundred() {
        for (String text : List.of("[]", "{}", "{\"keys\":{}}", "{\"keys\":\"x\"}")) {
            assertThrows(JwkException.class, () -> Jwk.verificationKeySet(json("{\"v\":" + text + "}").get("v"),
                    ALL, Source.REMOTE), text);
        }
        ObjectNode big = set();
        for (int i = 0; i <= Jwk.MAX_KEYS; i++) {
            big.withArray("keys").add(jwk(JwsAlgorithm.ES256).put("kid", "k" + i));
        }
        JwkException e = assertThrows(JwkException.class, () -> Jwk.verificationKeySet(big, ALL, Source.REMOTE));
        assertTrue(e.getMessage().contains("101 keys"), e.getMessage());
        ((ArrayNode) big.get("keys")).remove(0);
        assertEquals(Jwk.MAX_KEYS, Jwk.verificationKeySet(big, ALL, Source.REMOTE).size());
    }

    @Test
    void aRemoteSetOfOnlyBadKeysYieldsNoKeysAndSaysWhy() {
        List<String> skipped = new ArrayList<>();
        ObjectNode enc = jwk(JwsAlgorithm.RS256).put("use", "enc");
        assertEquals(List.of(), Jwk.verificationKeySet(set(enc), ALL, Source.REMOTE, skipped::add));
        assertEquals(1, skipped.size());
    }

    @Test
    void aProvidersKidIsQuotedInMessagesOnlyAsPrintableAsciiAndCut() {
        ObjectNode hostile = jwk(JwsAlgorithm.ES256).put("use", "enc").put("kid", "a\r\nFAKE LOG LINE\u001b[31m" + "x".repeat(100));
        String message = refusal(hostile);
        assertFalse(message.contains("\n") || message.contains("\r") || message.contains("\u001b"), message);
        assertTrue(message.contains("a??FAKE LOG LINE?[31m"), message);
        assertTrue(message.length() < 160, message);
        for (String member : List.of("kty", "use", "alg", "crv")) {
            ObjectNode other = jwk(JwsAlgorithm.ES256).put(member, "x\ny");
            assertFalse(refusal(other).contains("\n"), member + ": " + refusal(other));
        }
        ObjectNode okp = jwk(JwsAlgorithm.EdDSA).put("crv", "x\ny");
        assertFalse(refusal(okp).contains("\n"), refusal(okp));
    }
}
