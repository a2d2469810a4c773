package io.jwtgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.TestKeys;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PEM forms {@link KeyFiles} reads beyond the plain cases the settings tests cover: public halves
 * derived from the private key alone, certificates, openssl's extra blocks, and malformed files.
 */
class KeyFilesTest {

    private static final KeyPair EC = TestKeys.ec("secp256r1");

    @TempDir
    Path dir;

    @Test
    void rsaAndEd25519PrivateKeysAloneYieldTheirOwnPublicKeys() {
        KeyPair rsa = TestKeys.rsa(2048);
        JwtKey r = KeyFiles.signingKey(TestKeys.privatePemOnly(dir, "rsa.pem", rsa), JwsAlgorithm.PS256, "r", null, null);
        assertEquals(rsa.getPublic(), r.publicKey().orElseThrow());
        KeyPair ed = TestKeys.ed25519();
        JwtKey e = KeyFiles.signingKey(TestKeys.privatePemOnly(dir, "ed.pem", ed), JwsAlgorithm.EdDSA, "e", null, null);
        assertEquals(ed.getPublic(), e.publicKey().orElseThrow());
    }

    @Test
    void verificationKeyFromAPrivateKeyFileKeepsOnlyThePublicHalf() {
        JwtKey key = KeyFiles.verificationKey(TestKeys.privatePem(dir, "k.pem", EC), JwsAlgorithm.ES256, "k");
        assertFalse(key.canSign());
        assertEquals(EC.getPublic(), key.publicKey().orElseThrow());
    }

    @Test
    void certificatePemServesAsAVerificationKey() throws Exception {
        Path p12 = TestKeys.pkcs12(dir.resolve("c.p12"), "c", "store-pass-4Rz", "-keyalg", "EC", "-groupname", "secp256r1");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(p12)) {
            store.load(in, "store-pass-4Rz".toCharArray());
        }
        java.security.cert.Certificate certificate = store.getCertificate("c");
        Path pem = TestKeys.write(dir.resolve("cert.pem"), TestKeys.pem("CERTIFICATE", certificate.getEncoded()));
        JwtKey key = KeyFiles.verificationKey(pem, JwsAlgorithm.ES256, "c");
        assertEquals(certificate.getPublicKey(), key.publicKey().orElseThrow());
        KeyFileException e = assertThrows(KeyFileException.class,
                () -> KeyFiles.signingKey(pem, JwsAlgorithm.ES256, "c", null, null));
        assertTrue(e.getMessage().contains("public key only"), e.getMessage());
    }

    @Test
    void opensslEcParametersBlockAndSurroundingTextAreIgnored() {
        String text = "Bag Attributes\n    friendlyName: x\n" + TestKeys.pem("EC PARAMETERS", new byte[] {6, 8, 42})
                + TestKeys.pem("PRIVATE KEY", EC.getPrivate().getEncoded()) + TestKeys.pem("PUBLIC KEY", EC.getPublic().getEncoded());
        JwtKey key = KeyFiles.signingKey(TestKeys.write(dir.resolve("k.pem"), text), JwsAlgorithm.ES256, "k", null, null);
        assertTrue(key.canSign());
    }

    @Test
    void malformedPemIsRefusedWithoutQuotingIt() {
        String der = Base64.getEncoder().encodeToString(EC.getPrivate().getEncoded());
        refused("-----BEGIN PRIVATE KEY-----\n" + der + "\n-----END PUBLIC KEY-----\n", "ends as 'PUBLIC KEY'", der);
        refused(TestKeys.pem("PRIVATE KEY", EC.getPrivate().getEncoded()) + TestKeys.pem("PRIVATE KEY", EC.getPrivate().getEncoded()),
                "more than one 'PRIVATE KEY' block", der);
        refused("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n" + der
                + "\n-----END RSA PRIVATE KEY-----\n", "encrypted with a pass phrase", der);
        refused("-----BEGIN PRIVATE KEY-----\n" + der + "\n", "no complete PEM block", der);
        refused(TestKeys.pem("OPENSSH PRIVATE KEY", new byte[] {1, 2, 3}), "not a key JwtGate reads", der);
        refused(TestKeys.pem("PRIVATE KEY", new byte[] {0x30, 3, 2, 1, 0}), "not an RSA, EC or Ed25519 key", der);
    }

    private void refused(String content, String fragment, String secretText) {
        Path file = TestKeys.write(dir.resolve("bad.pem"), content);
        KeyFileException e = assertThrows(KeyFileException.class,
                () -> KeyFiles.signingKey(file, JwsAlgorithm.ES256, "k", null, null));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains(secretText.substring(20, 40)), e.getMessage());
    }
}
