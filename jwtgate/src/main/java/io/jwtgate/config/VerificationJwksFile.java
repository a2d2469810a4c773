package io.jwtgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.MalformedJsonException;
import io.jwtgate.json.StrictJson;
import io.jwtgate.keys.Jwk;
import io.jwtgate.keys.JwkException;
import io.jwtgate.keys.KeyChecks;
import io.jwtgate.keys.KeyFileException;
import io.jwtgate.keys.KeyFiles;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

/**
 * A JWKS file ({@code {"keys":[...]}}) listed in {@code jwtgate.verification.keys}, read with the
 * strict local-file rules of {@link Jwk} (any bad key fails the start). Every key must carry its
 * own {@code kid} and {@code alg}: the ring selects by {@code kid} and binds each key to one
 * algorithm, so a key that could serve several algorithms is not guessed at. Asymmetric keys
 * also pass the same {@link KeyChecks} as PEM files, so both file forms follow one rule.
 */
final class VerificationJwksFile {

    private VerificationJwksFile() {
    }

    static List<JwtKey> keys(Path file) {
        byte[] bytes = KeyFiles.read(file);
        JsonNode set;
        try {
            set = StrictJson.parse(bytes);
        } catch (MalformedJsonException e) {
            throw new KeyFileException(file + " is not valid JSON; write a JWK set {\"keys\":[...]}");
        }
        JsonNode entries = set.get("keys");
        if (entries != null && entries.isArray()) {
            int position = 0;
            for (JsonNode entry : entries) {
                position++;
                if (!entry.isObject() || !text(entry, "kid") || !text(entry, "alg")) {
                    throw new KeyFileException("key #" + position + " of " + file + " lacks a \"kid\" or an \"alg\";"
                            + " give every key of a verification JWKS file both");
                }
                refuseWeakSecret(entry, position, file);
            }
        }
        List<JwtKey> keys;
        try {
            keys = Jwk.verificationKeySet(set, EnumSet.allOf(JwsAlgorithm.class), Jwk.Source.LOCAL_FILE);
        } catch (JwkException e) {
            throw new KeyFileException(file + ": " + e.getMessage());
        }
        for (JwtKey key : keys) {
            if (key.publicKey().isPresent()) {
                try {
                    KeyChecks.checkPublicKey(key.algorithm(), key.publicKey().get());
                } catch (KeyFileException e) {
                    throw new KeyFileException("the key \"" + key.kid().orElse("") + "\" of " + file + ": "
                            + e.getMessage());
                }
            }
        }
        if (keys.isEmpty()) {
            throw new KeyFileException(file + " holds no usable key; list at least one, or remove the entry");
        }
        return keys;
    }

    /**
     * A symmetric key here verifies tokens like {@code jwtgate.signing.secret} and meets the same bar
     * ({@link SecretQuality}): a typed or placeholder secret would let anyone who guesses it sign tokens
     * its {@code kid} selects. A {@code k} that is not base64url is left to {@link Jwk}'s refusal.
     */
    private static void refuseWeakSecret(JsonNode entry, int position, Path file) {
        if (!"oct".equals(entry.path("kty").asText()) || !text(entry, "k")) {
            return;
        }
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(entry.get("k").textValue());
        } catch (IllegalArgumentException e) {
            return;
        }
        String weakness = SecretQuality.weakness(secret);
        Arrays.fill(secret, (byte) 0);
        if (weakness != null) {
            throw new KeyFileException("the symmetric key #" + position + " of " + file + " " + weakness
                    + ", so it is guessable whatever its length; use random bytes, e.g. from 'openssl rand -base64 48'");
        }
    }

    private static boolean text(JsonNode entry, String member) {
        return entry.has(member) && entry.get(member).isTextual() && !entry.get(member).textValue().isEmpty();
    }
}
