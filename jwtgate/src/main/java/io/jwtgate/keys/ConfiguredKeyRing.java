package io.jwtgate.keys;

import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured keys: one signing key and any number of verification-only keys (rotation). A
 * token's {@code kid} selects among these keys only, and the key it selects must be bound to
 * exactly the header's {@code alg}; an unknown {@code kid} selects nothing, so the token is bad.
 * A token without {@code kid} (tokens signed before keys had ids) is verified only when the ring
 * holds exactly one key for its algorithm, so that no key is ever chosen by trying several.
 * Immutable and thread-safe.
 */
public final class ConfiguredKeyRing implements KeyRing {

    private final JwtKey signingKey;
    private final List<JwtKey> verificationKeys;
    private final List<JwtKey> all;
    private final Map<String, JwtKey> byKid;

    /**
     * @throws IllegalArgumentException when two keys share a {@code kid} or the signing key cannot sign
     */
    public ConfiguredKeyRing(JwtKey signingKey, List<JwtKey> verificationKeys) {
        this.signingKey = Objects.requireNonNull(signingKey);
        if (!signingKey.canSign()) {
            throw new IllegalArgumentException("the signing key " + signingKey + " cannot sign");
        }
        this.verificationKeys = List.copyOf(verificationKeys);
        List<JwtKey> keys = new ArrayList<>();
        keys.add(signingKey);
        keys.addAll(this.verificationKeys);
        this.all = Collections.unmodifiableList(keys);
        Map<String, JwtKey> kids = new HashMap<>();
        for (JwtKey key : keys) {
            key.kid().ifPresent(kid -> {
                if (kids.putIfAbsent(kid, key) != null) {
                    throw new IllegalArgumentException("two configured keys have the kid '" + kid + "'");
                }
            });
        }
        this.byKid = Map.copyOf(kids);
    }

    @Override
    public JwtKey signingKey() {
        return signingKey;
    }

    /** The verification-only keys, in configured order. */
    public List<JwtKey> verificationKeys() {
        return verificationKeys;
    }

    @Override
    public List<JwtKey> publishedKeys() {
        return all;
    }

    @Override
    public Optional<JwtKey> verificationKey(String alg, String kid) {
        if (kid != null) {
            JwtKey key = byKid.get(kid);
            return key != null && key.algorithm().name().equals(alg) ? Optional.of(key) : Optional.empty();
        }
        JwtKey only = null;
        for (JwtKey key : all) {
            if (key.algorithm().name().equals(alg)) {
                if (only != null) {
                    return Optional.empty(); // several keys for this algorithm: a token must say which
                }
                only = key;
            }
        }
        return Optional.ofNullable(only);
    }

    @Override
    public String toString() {
        return "ConfiguredKeyRing[signing " + signingKey + ", verification " + verificationKeys + "]";
    }
}
