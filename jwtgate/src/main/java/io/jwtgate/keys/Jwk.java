package io.jwtgate.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * JSON Web Keys (RFC 7517, 7518 §6, 8037) in and out: the verification keys a JWK or a key set
 * yields, the public JWK and key set JwtGate publishes, and RFC 7638 thumbprints.
 *
 * <p>Reading is strict and fails closed: a key is refused ({@link JwkException}) rather than
 * guessed at. A key's algorithm comes from the configuration's allowed set, narrowed by the JWK's
 * own {@code alg}, never from a token. Writing is an allow-list computed from the public key, so a
 * private member cannot appear in anything this class writes.
 */
public final class Jwk {

    /** Where a JWK comes from, which decides what it may be. */
    public enum Source {
        /**
         * A file the operator configured: symmetric ({@code oct}) keys are allowed, with the HMAC
         * length rule of {@link JwsAlgorithm#minimumKeyBytes()}; any bad key fails the whole set.
         */
        LOCAL_FILE,
        /**
         * An identity provider's JWKS: never a symmetric key, never an HS algorithm; a bad key is
         * skipped so that the provider's other keys stay usable.
         */
        REMOTE
    }

    /** The most keys one set may hold; more is refused rather than parsed (a provider rotates a handful). */
    public static final int MAX_KEYS = 100;

    /** Private members of RSA (RFC 7518 §6.3.2), EC and OKP keys ({@code d}), and a secret ({@code k}). */
    static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private Jwk() {
    }

    /**
     * The verification keys one JWK yields: one per algorithm of {@code allowed} its {@code kty}
     * and {@code crv} fit, narrowed to its {@code alg} when it names one. A JWK whose {@code alg}
     * is known but not allowed yields none.
     *
     * @throws JwkException when the JWK is malformed, weak, not for signatures, or not allowed from {@code source}
     */
    public static List<JwtKey> verificationKeys(JsonNode jwk, Set<JwsAlgorithm> allowed, Source source) {
        return verificationKeys(jwk, allowed, source, "");
    }

    private static List<JwtKey> verificationKeys(JsonNode jwk, Set<JwsAlgorithm> allowed, Source source, String position) {
        if (jwk == null || !jwk.isObject()) {
            throw new JwkException("JWK " + position + " is not a JSON object");
        }
        JsonNode kidNode = jwk.get("kid");
        String label = kidNode != null && kidNode.isTextual() ? "\"" + printable(kidNode.textValue()) + "\""
                : position.isEmpty() ? "without kid" : position;
        JwkMembers m = new JwkMembers(jwk, label);
        String kid = m.optionalString("kid");
        String kty = m.requiredString("kty");
        checkUse(m);
        Optional<JwsAlgorithm> alg = algorithm(m);
        if ("oct".equals(kty)) {
            return secretKeys(m, kid, alg, allowed, source);
        }
        checkNoPrivateMembers(m, source);
        JwkPublicKeys.Parsed parsed;
        switch (kty) {
            case "RSA":
                parsed = JwkPublicKeys.rsa(m);
                break;
            case "EC":
                parsed = JwkPublicKeys.ec(m);
                break;
            case "OKP":
                parsed = JwkPublicKeys.okp(m);
                break;
            default:
                throw m.refuse("key type " + printable(kty) + " is not RSA, EC, OKP or oct");
        }
        Set<JwsAlgorithm> algorithms = narrow(m, parsed.fits(), alg);
        List<JwtKey> keys = new ArrayList<>();
        for (JwsAlgorithm a : algorithms) {
            if (allowed.contains(a)) {
                keys.add(JwtKey.verifying(a, kid, parsed.key()));
            }
        }
        return keys;
    }

    /**
     * The verification keys of a key set {@code {"keys":[...]}}. A {@code kid} used by two usable
     * keys refuses the whole set (a token could not say which it means). A local set may not mix
     * secrets with public keys; a remote set skips each bad key and keeps the rest.
     *
     * @throws JwkException when the set itself is malformed, too large, ambiguous, or (local) holds a bad key
     */
    public static List<JwtKey> verificationKeySet(JsonNode jwks, Set<JwsAlgorithm> allowed, Source source) {
        return verificationKeySet(jwks, allowed, source, reason -> { });
    }

    /**
     * As {@link #verificationKeySet(JsonNode, Set, Source)}, telling {@code skipped} why each
     * skipped key of a remote set was skipped (the reasons name keys, never key material).
     */
    public static List<JwtKey> verificationKeySet(JsonNode jwks, Set<JwsAlgorithm> allowed, Source source,
            Consumer<String> skipped) {
        if (jwks == null || !jwks.isObject() || !jwks.has("keys") || !jwks.get("keys").isArray()) {
            throw new JwkException("a JWK set is a JSON object with a \"keys\" array");
        }
        JsonNode entries = jwks.get("keys");
        if (entries.size() > MAX_KEYS) {
            throw new JwkException("a JWK set of " + entries.size() + " keys; at most " + MAX_KEYS + " are read");
        }
        if (source == Source.LOCAL_FILE) {
            checkNotMixed(entries);
        }
        List<JwtKey> keys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            List<JwtKey> one;
            try {
                one = verificationKeys(entries.get(i), allowed, source, "#" + (i + 1));
            } catch (JwkException e) {
                if (source == Source.LOCAL_FILE) {
                    throw e;
                }
                skipped.accept(e.getMessage());
                continue;
            }
            if (one.isEmpty()) {
                continue;
            }
            Optional<String> kid = one.get(0).kid();
            if (kid.isPresent() && !kids.add(kid.get())) {
                throw new JwkException("JWK set: kid \"" + printable(kid.get()) + "\" names two keys; each kid must be unique");
            }
            keys.addAll(one);
        }
        return keys;
    }

    /** The public JWK of an asymmetric key: {@code kty}, {@code kid}, {@code use}, {@code alg} and the public members. */
    public static ObjectNode publicJwk(JwtKey key) {
        return JwkWriter.publicJwk(key);
    }

    /** {@code {"keys":[...]}} of the asymmetric keys among {@code keys}, each once; HMAC keys are left out. */
    public static ObjectNode publicKeySet(Collection<JwtKey> keys) {
        Set<ObjectNode> unique = new LinkedHashSet<>();
        for (JwtKey key : keys) {
            if (key.algorithm().family().asymmetric()) {
                unique.add(publicJwk(key));
            }
        }
        ObjectNode set = StrictJson.mapper().createObjectNode();
        ArrayNode array = set.putArray("keys");
        unique.forEach(array::add);
        return set;
    }

    /** The RFC 7638 SHA-256 thumbprint of a public RSA, EC (P-256/384/521) or Ed25519 key, base64url. */
    public static String thumbprint(PublicKey key) {
        return JwkWriter.thumbprint(key);
    }

    /**
     * A JWK member ({@code kid}, {@code kty}, {@code alg}...) as messages may quote it: a provider's
     * set is untrusted text that ends up in logs, so anything outside printable ASCII becomes
     * {@code ?} and long values are cut.
     */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 64; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return value.length() > 64 ? out + "..." : out.toString();
    }

    private static void checkUse(JwkMembers m) {
        String use = m.optionalString("use");
        if (use != null && !"sig".equals(use)) {
            throw m.refuse("use is \"" + printable(use) + "\", not \"sig\"");
        }
        if (m.has("key_ops")) {
            JsonNode ops = m.node("key_ops");
            if (!ops.isArray()) {
                throw m.refuse("key_ops is not an array");
            }
            boolean verify = false;
            Set<String> seen = new HashSet<>();
            for (JsonNode op : ops) {
                if (!op.isTextual() || !seen.add(op.textValue())) {
                    throw m.refuse("key_ops must be distinct strings");
                }
                verify |= "verify".equals(op.textValue());
            }
            if (!verify) {
                throw m.refuse("key_ops does not include \"verify\"");
            }
        }
    }

    /** The JWK's {@code alg}: a JWS algorithm JwtGate knows, or refused. */
    private static Optional<JwsAlgorithm> algorithm(JwkMembers m) {
        String name = m.optionalString("alg");
        if (name == null) {
            return Optional.empty();
        }
        // "ES521" is a misspelling of ES512 found in published key sets (the Wycheproof copies of
        // RFC 7520's P-521 key); it names no other algorithm, and the curve check still applies.
        String canonical = "ES521".equals(name) ? "ES512" : name;
        return Optional.of(JwsAlgorithm.byName(canonical)
                .orElseThrow(() -> m.refuse("alg " + printable(name) + " is not a JWS algorithm JwtGate verifies")));
    }

    private static Set<JwsAlgorithm> narrow(JwkMembers m, Set<JwsAlgorithm> fits, Optional<JwsAlgorithm> alg) {
        if (alg.isEmpty()) {
            return fits;
        }
        if (!fits.contains(alg.get())) {
            throw m.refuse("alg " + alg.get() + " does not fit this key's type or curve");
        }
        return EnumSet.of(alg.get());
    }

    private static List<JwtKey> secretKeys(JwkMembers m, String kid, Optional<JwsAlgorithm> alg,
            Set<JwsAlgorithm> allowed, Source source) {
        if (source == Source.REMOTE) {
            throw m.refuse("a remote key set carries a symmetric (oct) key; JwtGate never uses one from a provider");
        }
        byte[] secret = m.bytes("k");
        Set<JwsAlgorithm> hmac = EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512);
        Set<JwsAlgorithm> algorithms = narrow(m, hmac, alg);
        List<JwtKey> keys = new ArrayList<>();
        boolean tooShort = false;
        for (JwsAlgorithm a : algorithms) {
            if (!allowed.contains(a)) {
                continue;
            }
            if (secret.length < a.minimumKeyBytes()) {
                tooShort = true;
                continue;
            }
            keys.add(JwtKey.hmac(a, kid, secret));
        }
        if (keys.isEmpty() && tooShort) {
            throw m.refuse("secret of " + secret.length + " bytes is shorter than the algorithm's hash (RFC 7518 §3.2)");
        }
        return keys;
    }

    private static void checkNoPrivateMembers(JwkMembers m, Source source) {
        List<String> present = new ArrayList<>();
        for (String member : PRIVATE_MEMBERS) {
            if (m.has(member)) {
                present.add(member);
            }
        }
        if (present.isEmpty()) {
            return;
        }
        if (source == Source.REMOTE) {
            throw m.refuse("a public key set carries private member(s) " + String.join(", ", present));
        }
        throw m.refuse("verification keys hold public members only: remove " + String.join(", ", present)
                + " (the private key belongs only in jwtgate.signing.key)");
    }

    /** A local set mixing secrets and public keys is refused (Wycheproof MixedKeySet): see decision 413. */
    private static void checkNotMixed(JsonNode entries) {
        boolean secret = false;
        boolean asymmetric = false;
        for (JsonNode e : entries) {
            JsonNode kty = e.get("kty");
            if (kty != null && "oct".equals(kty.asText())) {
                secret = true;
            } else {
                asymmetric = true;
            }
        }
        if (secret && asymmetric) {
            throw new JwkException("JWK set mixes symmetric (oct) and public keys; keep secrets and public keys in separate files");
        }
    }
}
