package io.jwtgate.login;

import io.jwtgate.password.BcryptForm;
import io.jwtgate.password.LegacyCredential;
import io.jwtgate.password.StoredDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * bcrypt through jbcrypt, and the legacy digests other systems stored (kept until the first login replaces
 * them, decision 320). Every check costs the work of one hash at the configured cost, whether the name is
 * unknown (a dummy hash), the stored hash is older and cheaper (dummy work makes up the difference), a legacy
 * digest (checked, then a dummy hash at the cost) or unusable.
 */
public final class PasswordHasher {

    private final int cost;
    private final Bcrypt bcrypt;
    private final SecureRandom random = new SecureRandom();
    /** One dummy hash per cost, made when first needed; at most 27 entries. */
    private final ConcurrentHashMap<Integer, String> dummyHashes = new ConcurrentHashMap<>();

    public PasswordHasher(int cost) {
        this(cost, Bcrypt.JBCRYPT);
    }

    /** Tests observe the bcrypt work through {@code bcrypt}; it must still be real bcrypt. */
    PasswordHasher(int cost, Bcrypt bcrypt) {
        this.cost = cost;
        this.bcrypt = bcrypt;
        dummyHash(cost);
    }

    /** Hashes a password already validated by {@link AccountRules#newPassword}. */
    public String hash(String password) {
        return bcrypt.hash(password, cost, random);
    }

    /**
     * Constant-time check (jbcrypt compares without early exit) that always spends at least the
     * work of one hash at the configured cost.
     *
     * @param storedHash a bcrypt hash or a legacy stored digest ({@link StoredDigest}); null to spend the time
     *     against the dummy hash and answer false
     * @throws MalformedHashException when the stored hash is neither (the time has been spent)
     */
    public boolean matches(String password, String storedHash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > AccountRules.MAX_PASSWORD_BYTES) {
            return false;
        }
        if (storedHash == null) {
            bcrypt.check(password, dummyHash(cost));
            return false;
        }
        Matcher m = BcryptForm.PATTERN.matcher(storedHash);
        if (!m.matches()) {
            Optional<StoredDigest> legacy = StoredDigest.parse(storedHash);
            if (legacy.isPresent()) {
                return atBcryptCost(password, legacy.get().matches(password));
            }
            bcrypt.check(password, dummyHash(cost));
            throw new MalformedHashException();
        }
        int storedCost = Integer.parseInt(m.group(1));
        boolean matches;
        try {
            matches = bcrypt.check(password, "$2a" + storedHash.substring(3));
        } catch (IllegalArgumentException e) {
            // The pattern should leave jbcrypt nothing to refuse; if it does, the hash is still unusable.
            throw new MalformedHashException();
        }
        // A hash made before the cost was raised is cheaper to check: without the difference, an
        // existing name would answer faster than an unknown one. 2^c + (2^c + ... + 2^(C-1)) = 2^C.
        for (int c = storedCost; c < cost; c++) {
            bcrypt.check(password, dummyHash(c));
        }
        return matches;
    }

    /**
     * Checks a password against a credential read from another system ({@code LegacyCredentials.read}), with the
     * same timing rules as {@link #matches(String, String)}: a digest is checked as stored, a plain-text password is
     * compared in constant time, and either costs at least one bcrypt at the configured cost.
     *
     * @throws MalformedHashException when a digest is not one this server can check (the time has been spent)
     */
    public boolean matches(String password, LegacyCredential credential) {
        if (credential instanceof LegacyCredential.Digest d) {
            return matches(password, d.stored());
        }
        LegacyCredential.Plain plain = (LegacyCredential.Plain) credential;
        if (password.getBytes(StandardCharsets.UTF_8).length > AccountRules.MAX_PASSWORD_BYTES) {
            return false;
        }
        return atBcryptCost(password, MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                plain.password().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether a hash that just matched should be replaced: a bcrypt hash of another cost, and every legacy
     * digest (see {@link #isLegacy}).
     */
    public boolean needsRehash(String storedHash) {
        Matcher m = BcryptForm.PATTERN.matcher(storedHash);
        return !m.matches() || Integer.parseInt(m.group(1)) != cost;
    }

    /** Whether a stored value is not bcrypt: a legacy digest that must be replaced once its password is known. */
    public static boolean isLegacy(String storedHash) {
        return !BcryptForm.is(storedHash);
    }

    /**
     * A legacy check is cheap (MD5, SHA, crypt) or of its own cost (PBKDF2, bounded): one dummy bcrypt at the
     * configured cost after it keeps every answer at least as slow as a bcrypt user's or an unknown name's.
     */
    private boolean atBcryptCost(String password, boolean matches) {
        bcrypt.check(password, dummyHash(cost));
        return matches;
    }

    private String dummyHash(int c) {
        return dummyHashes.computeIfAbsent(c, k -> {
            byte[] noise = new byte[24];
            random.nextBytes(noise);
            return bcrypt.hash(Base64.getEncoder().encodeToString(noise), k, random);
        });
    }

    /** The stored hash is not one this server can check; the message never contains it. */
    public static final class MalformedHashException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedHashException() {
            super("the stored password hash is neither bcrypt nor a legacy digest this server checks", null, false,
                    false);
        }
    }
}
