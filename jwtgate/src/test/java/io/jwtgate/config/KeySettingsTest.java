package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.keys.ConfiguredKeyRing;
import io.jwtgate.keys.Jwk;
import io.jwtgate.support.TestKeys;
import io.jwtgate.support.TestSettings;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key settings at start ({@code Settings.from}): every asymmetric algorithm signs from a key
 * file, and every unusable key file or key refuses the start with a message that names the key
 * ({@code jwtgate.signing.key} or the {@code jwtgate.verification.keys} entry), the problem and the fix.
 */
class KeySettingsTest {

    private static final KeyPair RSA = TestKeys.rsa(2048);
    private static final KeyPair P256 = TestKeys.ec("secp256r1");
    private static final KeyPair P384 = TestKeys.ec("secp384r1");
    private static final KeyPair ED = TestKeys.ed25519();

    @TempDir
    Path dir;

    private Map<String, String> params(String algorithm, Path key) {
        Map<String, String> p = TestSettings.params(dir);
        p.remove("jwtgate.signing.secret");
        p.put("jwtgate.signing.algorithm", algorithm);
        if (key != null) {
            p.put("jwtgate.signing.key", key.toString());
        }
        return p;
    }

    private static Settings settings(Map<String, String> params) {
        return Settings.from(List.of(ConfigSource.of("test", params)));
    }

    private static ConfigurationException refused(Map<String, String> params, String key, String... fragments) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> settings(params));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing from: " + e.getMessage());
        }
        return e;
    }

    @ParameterizedTest
    @CsvSource({"RS256,rsa", "RS512,rsa", "PS256,rsa", "PS512,rsa", "ES256,p256", "ES384,p384", "ES512,p521",
        "EdDSA,ed"})
    void everyAsymmetricAlgorithmSignsFromAKeyFileWithTheThumbprintAsDefaultKid(String algorithm, String kind) {
        KeyPair pair = switch (kind) {
            case "rsa" -> RSA;
            case "p256" -> P256;
            case "p384" -> P384;
            case "p521" -> TestKeys.ec("secp521r1");
            default -> ED;
        };
        Settings s = settings(params(algorithm, TestKeys.privatePem(dir, kind + ".pem", pair)));
        assertEquals(JwsAlgorithm.valueOf(algorithm), s.keys().algorithm());
        ConfiguredKeyRing ring = SigningKeys.keyRing(s);
        JwtKey signing = ring.signingKey();
        assertTrue(signing.canSign());
        assertEquals(Jwk.thumbprint(pair.getPublic()), signing.kid().orElseThrow());
        assertEquals(pair.getPublic(), signing.publicKey().orElseThrow());
        assertTrue(s.keys().origins().contains(kind + ".pem"), s.keys().origins());
    }

    @Test
    void algorithmNamesAreExactOrUpperCaseAndNoneIsRefused() {
        Path key = TestKeys.privatePem(dir, "ed.pem", ED);
        assertEquals(JwsAlgorithm.EdDSA, settings(params("eddsa", key)).keys().algorithm());
        refused(params("none", key), Keys.SIGNING_ALGORITHM, "never allowed");
        refused(params("ES999", key), Keys.SIGNING_ALGORITHM, "'ES999' is not supported", "ES256");
    }

    @Test
    void configuredKeyIdNamesTheSigningKeyAndMustBeHeaderSafe() {
        Map<String, String> p = params("ES256", TestKeys.privatePem(dir, "k.pem", P256));
        p.put(Keys.SIGNING_KEY_ID, "2026-11.a");
        assertEquals("2026-11.a", SigningKeys.keyRing(settings(p)).signingKey().kid().orElseThrow());
        Map<String, String> hs = TestSettings.params(dir);
        hs.put(Keys.SIGNING_KEY_ID, "hs-1");
        assertEquals("hs-1", SigningKeys.keyRing(settings(hs)).signingKey().kid().orElseThrow());
        p.put(Keys.SIGNING_KEY_ID, "a b");
        refused(p, Keys.SIGNING_KEY_ID, "1 to 128 letters");
    }

    // --- §1 checks, each naming jwtgate.signing.key ---

    @Test
    void asymmetricAlgorithmWithoutKeyFileIsRefused() {
        refused(params("ES256", null), Keys.SIGNING_KEY, "ES256 signs with a private key", "JWTGATE_SIGNING_KEY");
    }

    @Test
    void keyFileBesideAnHmacAlgorithmIsRefused() {
        Map<String, String> p = params("HS256", TestKeys.privatePem(dir, "k.pem", P256));
        p.put(Keys.SIGNING_SECRET, TestSettings.SECRET);
        refused(p, Keys.SIGNING_KEY, "HS256 signs with jwtgate.signing.secret");
    }

    @Test
    void missingEmptyDirectoryOversizedAndGarbageFilesAreRefused() throws Exception {
        refused(params("ES256", dir.resolve("absent.pem")), Keys.SIGNING_KEY, "does not exist");
        refused(params("ES256", Files.createFile(dir.resolve("empty.pem"))), Keys.SIGNING_KEY, "is empty");
        refused(params("ES256", Files.createDirectory(dir.resolve("keys"))), Keys.SIGNING_KEY, "not a regular file");
        Path big = dir.resolve("big.pem");
        Files.write(big, new byte[300 * 1024]);
        refused(params("ES256", big), Keys.SIGNING_KEY, "more than a key file can be");
        Path text = TestKeys.write(dir.resolve("text.pem"), "just some text\n");
        refused(params("ES256", text), Keys.SIGNING_KEY, "neither PEM nor a PKCS#12 keystore");
        Path badBase64 = TestKeys.write(dir.resolve("bad.pem"), "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n");
        refused(params("ES256", badBase64), Keys.SIGNING_KEY, "not valid Base64");
    }

    @Test
    void directoryNamedAsTheKeyFileIsRefused() throws Exception {
        // Root reads any file whatever its mode, so an unreadable file cannot be staged here; a directory
        // is what an operator names by mistake instead (the key's folder).
        Path folder = Files.createDirectories(dir.resolve("keys"));
        refused(params("ES256", folder), Keys.SIGNING_KEY, "is not a regular file");
    }

    @Test
    void traditionalAndEncryptedPemFormsAreRefusedWithTheOpensslConversion() {
        for (String label : List.of("RSA PRIVATE KEY", "EC PRIVATE KEY")) {
            Path file = TestKeys.write(dir.resolve("old.pem"), TestKeys.pem(label, new byte[] {0x30, 0x00}));
            refused(params("ES256", file), Keys.SIGNING_KEY, label, "openssl pkcs8 -topk8 -nocrypt");
        }
        Path encrypted = TestKeys.write(dir.resolve("enc.pem"), TestKeys.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}));
        refused(params("ES256", encrypted), Keys.SIGNING_KEY, "encrypted private key", "openssl pkcs8 -in");
        Path pkcs1Public = TestKeys.write(dir.resolve("p1.pem"), TestKeys.pem("RSA PUBLIC KEY", new byte[] {0x30, 0x00}));
        refused(params("RS256", pkcs1Public), Keys.SIGNING_KEY, "-RSAPublicKey_in");
    }

    @Test
    void publicKeyWhereAPrivateKeyIsNeededIsRefused() {
        refused(params("ES256", TestKeys.publicPem(dir, "pub.pem", P256)), Keys.SIGNING_KEY,
                "public key only but signing needs the private key");
    }

    @Test
    void rsaKeysBelow2048BitsOrWithASmallOrEvenExponentAreRefused() {
        refused(params("RS256", TestKeys.privatePemOnly(dir, "small.pem", TestKeys.rsa(1024))), Keys.SIGNING_KEY,
                "1024 bits but RS256 needs at least 2048");
        refused(params("PS256", TestKeys.privatePemOnly(dir, "e3.pem", TestKeys.rsa(2048, BigInteger.valueOf(3)))),
                Keys.SIGNING_KEY, "smaller than 65537");
    }

    @Test
    void keyOfAnotherFamilyThanTheAlgorithmIsRefused() {
        refused(params("ES256", TestKeys.privatePemOnly(dir, "rsa.pem", RSA)), Keys.SIGNING_KEY,
                "holds an RSA key but ES256 needs an EC key on secp256r1");
        refused(params("RS256", TestKeys.privatePem(dir, "ec.pem", P256)), Keys.SIGNING_KEY,
                "holds an EC key but RS256 needs an RSA key");
        refused(params("EdDSA", TestKeys.privatePem(dir, "ec.pem", P256)), Keys.SIGNING_KEY,
                "EdDSA needs an Ed25519 key");
        refused(params("RS256", TestKeys.privatePemOnly(dir, "ed.pem", ED)), Keys.SIGNING_KEY,
                "holds an Ed25519 key but RS256 needs an RSA key");
    }

    @Test
    void ecKeyOnAnotherCurveThanTheAlgorithmsIsRefused() {
        refused(params("ES384", TestKeys.privatePem(dir, "p256.pem", P256)), Keys.SIGNING_KEY,
                "not on secp384r1 (P-384) which ES384 requires");
        refused(params("ES256", TestKeys.privatePem(dir, "p384.pem", P384)), Keys.SIGNING_KEY,
                "not on secp256r1 (P-256) which ES256 requires");
        refused(params("ES512", TestKeys.privatePem(dir, "p384.pem", P384)), Keys.SIGNING_KEY, "ES512 requires");
    }

    @Test
    void privateKeyWithAPublicKeyOfAnotherPairFailsTheProbe() {
        KeyPair other = TestKeys.ec("secp256r1");
        Path mixed = TestKeys.write(dir.resolve("mixed.pem"), TestKeys.pem("PRIVATE KEY", P256.getPrivate().getEncoded())
                + TestKeys.pem("PUBLIC KEY", other.getPublic().getEncoded()));
        refused(params("ES256", mixed), Keys.SIGNING_KEY, "do not belong together");
    }

    @Test
    void ecPrivateKeyWithoutAnyPublicKeyIsRefusedWithTheFix() {
        refused(params("ES256", TestKeys.privatePemOnly(dir, "bare.pem", P256)), Keys.SIGNING_KEY,
                "without its public key", "openssl pkey -in KEY.pem -pubout");
    }

    @Test
    void ecPrivateKeyInOpensslsPkcs8FormYieldsItsEmbeddedPublicKey() {
        Path file = TestKeys.write(dir.resolve("openssl.pem"), TestKeys.pem("PRIVATE KEY", opensslPkcs8(P256)));
        JwtKey key = SigningKeys.keyRing(settings(params("ES256", file))).signingKey();
        assertEquals(P256.getPublic(), key.publicKey().orElseThrow());
    }

    @Test
    void forgedEmbeddedEcPointIsRefused() {
        byte[] der = opensslPkcs8(P256);
        der[der.length - 1] ^= 1; // the last byte of the embedded point's y
        Path file = TestKeys.write(dir.resolve("forged.pem"), TestKeys.pem("PRIVATE KEY", der));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> settings(params("ES256", file)));
        assertEquals(Keys.SIGNING_KEY, e.key());
    }

    @Test
    void publicKeyWithAPointOffTheCurveIsRefusedAsAVerificationKey() throws Exception {
        byte[] spki = P256.getPublic().getEncoded();
        spki[spki.length - 1] ^= 1;
        Path file = TestKeys.write(dir.resolve("off.pem"), TestKeys.pem("PUBLIC KEY", spki));
        Map<String, String> p = params("ES256", TestKeys.privatePem(dir, "k.pem", P256));
        p.put(Keys.VERIFICATION_KEYS, "off=" + file);
        refused(p, Keys.VERIFICATION_KEYS, "'off'");
    }

    // --- PKCS#12 ---

    @Test
    void pkcs12KeystoreSignsWithTheEntryNamedByTheKeyIdOrTheOnlyOne() {
        Path p12 = TestKeys.pkcs12(dir.resolve("k.p12"), "main", "store-pass-4Rz", "-keyalg", "EC", "-groupname", "secp384r1");
        Map<String, String> p = params("ES384", p12);
        p.put(Keys.SIGNING_KEY_PASSWORD, "store-pass-4Rz");
        JwtKey key = SigningKeys.keyRing(settings(p)).signingKey();
        assertTrue(key.canSign());
        assertEquals(384, ((ECPublicKey) key.publicKey().orElseThrow()).getParams().getCurve().getField().getFieldSize());
        p.put(Keys.SIGNING_KEY_ID, "main");
        assertEquals("main", SigningKeys.keyRing(settings(p)).signingKey().kid().orElseThrow());
    }

    @Test
    void pkcs12WithAWrongOrMissingPasswordIsRefusedWithoutEchoingIt() {
        Path p12 = TestKeys.pkcs12(dir.resolve("k.p12"), "main", "store-pass-4Rz", "-keyalg", "RSA", "-keysize", "2048");
        Map<String, String> p = params("RS256", p12);
        p.put(Keys.SIGNING_KEY_PASSWORD, "wrong-pass-77Xq");
        ConfigurationException e = refused(p, Keys.SIGNING_KEY, "does not open with the password of "
                + Keys.SIGNING_KEY_PASSWORD);
        assertFalse(e.getMessage().contains("wrong-pass-77Xq"), e.getMessage());
        p.remove(Keys.SIGNING_KEY_PASSWORD);
        refused(p, Keys.SIGNING_KEY, "set jwtgate.signing.key-password");
    }

    @Test
    void keyPasswordThatNothingUsesIsRefused() {
        Map<String, String> p = params("ES256", TestKeys.privatePem(dir, "k.pem", P256));
        p.put(Keys.SIGNING_KEY_PASSWORD, "store-pass-4Rz");
        ConfigurationException e = refused(p, Keys.SIGNING_KEY, "is a PEM file", "remove the password");
        assertFalse(e.getMessage().contains("store-pass-4Rz"), e.getMessage());
        Map<String, String> hs = TestSettings.params(dir);
        hs.put(Keys.SIGNING_KEY_PASSWORD, "store-pass-4Rz");
        e = refused(hs, Keys.SIGNING_KEY_PASSWORD, "HS256 signs with jwtgate.signing.secret");
        assertFalse(e.getMessage().contains("store-pass-4Rz"), e.getMessage());
    }

    @Test
    void pkcs12WithSeveralKeysNeedsTheKeyIdToChoose() throws Exception {
        Path p12 = TestKeys.pkcs12(dir.resolve("two.p12"), "one", "store-pass-4Rz", "-keyalg", "EC", "-groupname", "secp256r1");
        TestKeys.pkcs12(p12, "two", "store-pass-4Rz", "-keyalg", "EC", "-groupname", "secp256r1");
        Map<String, String> p = params("ES256", p12);
        p.put(Keys.SIGNING_KEY_PASSWORD, "store-pass-4Rz");
        refused(p, Keys.SIGNING_KEY, "2 key entries [one, two]", Keys.SIGNING_KEY_ID);
        p.put(Keys.SIGNING_KEY_ID, "two");
        assertEquals("two", SigningKeys.keyRing(settings(p)).signingKey().kid().orElseThrow());
    }

    @Test
    void pkcs12KeyOnTheWrongCurveIsRefused() {
        Path p12 = TestKeys.pkcs12(dir.resolve("k.p12"), "main", "store-pass-4Rz", "-keyalg", "EC", "-groupname", "secp256r1");
        Map<String, String> p = params("ES512", p12);
        p.put(Keys.SIGNING_KEY_PASSWORD, "store-pass-4Rz");
        refused(p, Keys.SIGNING_KEY, "ES512 requires");
    }

    // --- verification keys ---

    @Test
    void verificationEntriesTakeTheSigningAlgorithmOrTheirOwn() {
        Map<String, String> p = params("ES256", TestKeys.privatePem(dir, "k.pem", P256));
        KeyPair old = TestKeys.ec("secp256r1");
        p.put(Keys.VERIFICATION_KEYS, "old=" + TestKeys.publicPem(dir, "old.pem", old) + " , rsa=RS256:"
                + TestKeys.publicPem(dir, "rsa.pem", RSA) + ",ed=EdDSA:file:" + TestKeys.publicPem(dir, "ed.pem", ED));
        ConfiguredKeyRing ring = SigningKeys.keyRing(settings(p));
        assertEquals(3, ring.verificationKeys().size());
        assertEquals(JwsAlgorithm.ES256, ring.verificationKey("ES256", "old").orElseThrow().algorithm());
        assertEquals(JwsAlgorithm.RS256, ring.verificationKey("RS256", "rsa").orElseThrow().algorithm());
        assertEquals(JwsAlgorithm.EdDSA, ring.verificationKey("EdDSA", "ed").orElseThrow().algorithm());
        assertTrue(ring.verificationKeys().stream().noneMatch(JwtKey::canSign));
        assertEquals(4, ring.publishedKeys().size());
    }

    @Test
    void badVerificationEntriesAreRefusedNamingTheEntry() {
        Map<String, String> p = params("ES256", TestKeys.privatePem(dir, "k.pem", P256));
        p.put(Keys.VERIFICATION_KEYS, "old=" + dir.resolve("gone.pem"));
        refused(p, Keys.VERIFICATION_KEYS, "the entry 'old' (ES256)", "does not exist");
        p.put(Keys.VERIFICATION_KEYS, "old=" + TestKeys.publicPem(dir, "rsa.pem", RSA));
        refused(p, Keys.VERIFICATION_KEYS, "the entry 'old' (ES256)", "RSA key but ES256");
        p.put(Keys.VERIFICATION_KEYS, "a b=" + dir.resolve("x.pem"));
        refused(p, Keys.VERIFICATION_KEYS, "not a usable kid");
        p.put(Keys.VERIFICATION_KEYS, "old=HS256:" + dir.resolve("x.pem"));
        refused(p, Keys.VERIFICATION_KEYS, "'old' has no asymmetric algorithm");
        p.put(Keys.VERIFICATION_KEYS, "old=");
        refused(p, Keys.VERIFICATION_KEYS, "names no file");
        p.put(Keys.VERIFICATION_KEYS, "x.pem");
        refused(p, Keys.VERIFICATION_KEYS, "neither kid=path nor a JWKS file");
        p.put(Keys.VERIFICATION_KEYS, "a=" + TestKeys.publicPem(dir, "a.pem", P256) + ",,b=x");
        refused(p, Keys.VERIFICATION_KEYS, "an entry is empty");
        p.put(Keys.VERIFICATION_KEYS, "p12=" + dir.resolve("k.p12"));
        refused(p, Keys.VERIFICATION_KEYS, "not from a PKCS#12 keystore");
    }

    @Test
    void verificationKeysUnderHmacSigningMustNameTheirAlgorithm() {
        Map<String, String> p = TestSettings.params(dir);
        p.put(Keys.VERIFICATION_KEYS, "k=" + TestKeys.publicPem(dir, "k.pem", P256));
        refused(p, Keys.VERIFICATION_KEYS, "'k' has no asymmetric algorithm", "k=ES256:path");
        p.put(Keys.VERIFICATION_KEYS, "k=ES256:" + dir.resolve("k.pem"));
        ConfiguredKeyRing ring = SigningKeys.keyRing(settings(p));
        assertEquals(JwsAlgorithm.HS256, ring.signingKey().algorithm());
        assertTrue(ring.signingKey().kid().isEmpty(), "HS keys keep signing without kid unless one is configured");
        assertTrue(ring.verificationKey("ES256", "k").isPresent());
    }

    @Test
    void duplicateKidsAcrossTheRingRefuseTheStart() {
        Map<String, String> p = params("ES256", TestKeys.privatePem(dir, "k.pem", P256));
        p.put(Keys.SIGNING_KEY_ID, "same");
        p.put(Keys.VERIFICATION_KEYS, "same=" + TestKeys.publicPem(dir, "o.pem", TestKeys.ec("secp256r1")));
        refused(p, Keys.VERIFICATION_KEYS, "the kid 'same' names two keys (the signing key and a verification key)");
        p.remove(Keys.SIGNING_KEY_ID);
        p.put(Keys.VERIFICATION_KEYS, "x=" + dir.resolve("o.pem") + ",x=RS256:" + TestKeys.publicPem(dir, "r.pem", RSA));
        refused(p, Keys.VERIFICATION_KEYS, "the kid 'x' names two keys (two verification keys)");
    }

    @Test
    void jwksFileEntryYieldsItsKeysWithTheirKidAndAlg() throws Exception {
        KeyPair old = TestKeys.ec("secp384r1");
        String set = "{\"keys\":[" + Jwk.publicJwk(JwtKey.verifying(JwsAlgorithm.ES384, "old-ec", old.getPublic()))
                + "," + Jwk.publicJwk(JwtKey.verifying(JwsAlgorithm.PS256, "old-rsa", RSA.getPublic())) + "]}";
        Path jwks = TestKeys.write(dir.resolve("old.json"), set);
        Map<String, String> p = params("ES256", TestKeys.privatePem(dir, "k.pem", P256));
        p.put(Keys.VERIFICATION_KEYS, jwks.toString());
        ConfiguredKeyRing ring = SigningKeys.keyRing(settings(p));
        assertEquals(JwsAlgorithm.ES384, ring.verificationKey("ES384", "old-ec").orElseThrow().algorithm());
        assertEquals(JwsAlgorithm.PS256, ring.verificationKey("PS256", "old-rsa").orElseThrow().algorithm());
        assertTrue(ring.verificationKey("RS256", "old-rsa").isEmpty(), "the JWK's alg binds the key");
    }

    @Test
    void jwksFileKeysWithoutKidOrAlgOrWeakAreRefused() {
        Map<String, String> p = params("ES256", TestKeys.privatePem(dir, "k.pem", P256));
        String noAlg = Jwk.publicJwk(JwtKey.verifying(JwsAlgorithm.ES256, "a", P256.getPublic())).without("alg").toString();
        p.put(Keys.VERIFICATION_KEYS, TestKeys.write(dir.resolve("noalg.json"), "{\"keys\":[" + noAlg + "]}").toString());
        refused(p, Keys.VERIFICATION_KEYS, "lacks a \"kid\" or an \"alg\"");
        String e3 = Jwk.publicJwk(JwtKey.verifying(JwsAlgorithm.RS256, "e3", TestKeys.rsa(2048, BigInteger.valueOf(3)).getPublic())).toString();
        p.put(Keys.VERIFICATION_KEYS, TestKeys.write(dir.resolve("e3.json"), "{\"keys\":[" + e3 + "]}").toString());
        refused(p, Keys.VERIFICATION_KEYS, "\"e3\"", "smaller than 65537");
        p.put(Keys.VERIFICATION_KEYS, TestKeys.write(dir.resolve("bad.json"), "{\"keys\":").toString());
        refused(p, Keys.VERIFICATION_KEYS, "not valid JSON");
    }

    // --- the secret beside an asymmetric key, max-age, origins ---

    @Test
    void secretBesideAnAsymmetricKeyIsAVerificationOnlyHs256Key() {
        Map<String, String> p = params("ES256", TestKeys.privatePem(dir, "k.pem", P256));
        p.put(Keys.SIGNING_SECRET, TestSettings.SECRET);
        Settings s = settings(p);
        ConfiguredKeyRing ring = SigningKeys.keyRing(s);
        assertEquals(JwsAlgorithm.ES256, ring.signingKey().algorithm());
        JwtKey hs = ring.verificationKey("HS256", null).orElseThrow();
        assertEquals(JwsAlgorithm.HS256, hs.algorithm());
        assertTrue(ring.verificationKey("HS384", null).isEmpty());
        assertTrue(s.keys().origins().contains("kept to verify HS256 tokens only"), s.keys().origins());
        assertFalse(s.keys().origins().contains(TestSettings.SECRET));
        p.put(Keys.SIGNING_SECRET, "too short");
        refused(p, Keys.SIGNING_SECRET, "needs at least 32");
    }

    @Test
    void jwksMaxAgeDefaultsTo15MinutesAndIsCappedAtADay() {
        Map<String, String> p = TestSettings.params(dir);
        assertEquals(Duration.ofMinutes(15), settings(p).keys().jwksMaxAge());
        p.put(Keys.JWKS_MAX_AGE, "PT1H");
        assertEquals(Duration.ofHours(1), settings(p).keys().jwksMaxAge());
        p.put(Keys.JWKS_MAX_AGE, "300");
        assertEquals(Duration.ofMinutes(5), settings(p).keys().jwksMaxAge());
        p.put(Keys.JWKS_MAX_AGE, "P2D");
        refused(p, Keys.JWKS_MAX_AGE, "at most P1D");
        p.put(Keys.JWKS_MAX_AGE, "soon");
        refused(p, Keys.JWKS_MAX_AGE, "not a duration");
    }

    @Test
    void originsNameFilesAndLayersButNoKeyMaterial() {
        Path key = TestKeys.privatePem(dir, "signing.pem", P256);
        Map<String, String> p = params("ES256", key);
        p.put(Keys.VERIFICATION_KEYS, "old=RS256:" + TestKeys.publicPem(dir, "old.pem", RSA));
        String origins = settings(p).keys().origins();
        assertTrue(origins.contains(key.toString()), origins);
        assertTrue(origins.contains("verification keys 'old' RS256 from " + dir.resolve("old.pem")), origins);
        assertNull(settings(p).keys().secret());
        String pem = TestKeys.pem("PRIVATE KEY", P256.getPrivate().getEncoded());
        assertFalse(origins.contains(pem.substring(30, 60)), origins);
    }

    /** openssl's PKCS#8 for an EC key: RFC 5915 ECPrivateKey with the [1] public key. */
    private static byte[] opensslPkcs8(KeyPair pair) {
        ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        int size = 32;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 4;
        copy(pub.getW().getAffineX(), point, 1, size);
        copy(pub.getW().getAffineY(), point, 1 + size, size);
        byte[] d = new byte[size];
        copy(priv.getS(), d, 0, size);
        byte[] bitString = new byte[point.length + 1];
        System.arraycopy(point, 0, bitString, 1, point.length);
        byte[] ecPrivateKey = tlv(0x30, concat(tlv(0x02, new byte[] {1}), tlv(0x04, d), tlv(0xa1, tlv(0x03, bitString))));
        byte[] algorithm = tlv(0x30, concat(hex("06072a8648ce3d0201"), hex("06082a8648ce3d030107")));
        return tlv(0x30, concat(tlv(0x02, new byte[] {0}), algorithm, tlv(0x04, ecPrivateKey)));
    }

    private static void copy(BigInteger value, byte[] target, int offset, int size) {
        byte[] bytes = value.toByteArray();
        int start = Math.max(0, bytes.length - size);
        int length = bytes.length - start;
        System.arraycopy(bytes, start, target, offset + size - length, length);
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (value.length < 0x80) {
            out.write(value.length);
        } else {
            out.write(0x81);
            out.write(value.length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] hex(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
