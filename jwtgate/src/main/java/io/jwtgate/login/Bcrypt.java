package io.jwtgate.login;

import java.security.SecureRandom;
import org.mindrot.jbcrypt.BCrypt;

/**
 * The bcrypt primitive {@link PasswordHasher} spends its time in: jbcrypt. A seam of its own so that a
 * test can see when the slow work runs (and that no pooled connection is held meanwhile) while the
 * work itself stays real.
 */
interface Bcrypt {

    /** jbcrypt, as in production. */
    Bcrypt JBCRYPT = new Bcrypt() {
        @Override
        public String hash(String password, int cost, SecureRandom random) {
            return BCrypt.hashpw(password, BCrypt.gensalt(cost, random));
        }

        @Override
        public boolean check(String password, String hash) {
            return BCrypt.checkpw(password, hash);
        }
    };

    /** A new bcrypt hash of {@code password} at {@code cost} with a salt from {@code random}. */
    String hash(String password, int cost, SecureRandom random);

    /**
     * Whether {@code password} matches the {@code $2a$} hash (compared without early exit).
     *
     * @throws IllegalArgumentException when jbcrypt cannot read the hash
     */
    boolean check(String password, String hash);
}
