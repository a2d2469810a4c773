package io.jwtgate.login;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt through jbcrypt. Holds a dummy hash of the configured cost so that a login for an
 * unknown name costs the same as one for a known name with a wrong password.
 */
public final class PasswordHasher {

    private final int cost;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    public PasswordHasher(int cost) {
        this.cost = cost;
        byte[] noise = new byte[24];
        random.nextBytes(noise);
        this.dummyHash = BCrypt.hashpw(java.util.Base64.getEncoder().encodeToString(noise), BCrypt.gensalt(cost, random));
    }

    /** Hashes a password already validated by {@link AccountRules#newPassword}. */
    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost, random));
    }

    /**
     * Constant-time check (jbcrypt compares without early exit).
     *
     * @param storedHash null to spend the same time against the dummy hash and answer false
     * @throws IllegalStateException when the stored hash is not a bcrypt hash (corrupt data)
     */
    public boolean matches(String password, String storedHash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > AccountRules.MAX_PASSWORD_BYTES) {
            return false;
        }
        if (storedHash == null) {
            BCrypt.checkpw(password, dummyHash);
            return false;
        }
        try {
            return BCrypt.checkpw(password, storedHash);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored password hash is not a bcrypt hash", e);
        }
    }
}
