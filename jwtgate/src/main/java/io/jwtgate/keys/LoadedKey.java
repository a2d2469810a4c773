package io.jwtgate.keys;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * What a key file held: the public key, and the private key when the file had one. Lives only
 * while the settings are built; never handed to application code.
 *
 * @param privateKey null for a file with a public key only
 */
record LoadedKey(PublicKey publicKey, PrivateKey privateKey) {
}
