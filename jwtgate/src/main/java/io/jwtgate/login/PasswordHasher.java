package io.jwtgate.login;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt through jbcrypt. Every check costs the work of one hash at the configured cost, whether
 * the name is unknown (a dummy hash), the stored hash is older and cheaper (dummy work makes up
 * the difference) or the stored hash is unusable.
 */
public final class PasswordHasher {

    /**
     * {@code $2a$}, {@code $2b$} and {@code $2y$} name the same algorithm for the passwords we
     * accept (the letters record fixes of other implementations' bugs); {@code $2x$} is the
     * buggy variant and is refused, as is the ancient {@code $2$} (it hashes without the final
     * NUL, so it cannot be read as {@code $2a$}). The cost is 04..30 (jbcrypt's range), the rest 53
     * characters of bcrypt's base64 alphabet (22 of salt, 31 of hash).
     */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|30)\\$[./A-Za-z0-9]{53}");

    private final int cost;
    private final SecureRandom random = new SecureRandom();
    /** One dummy hash per cost, made when first needed; at most 27 entries. */
    private final ConcurrentHashMap<Integer, String> dummyHashes = new ConcurrentHashMap<>();

    public PasswordHasher(int cost) {
        this.cost = cost;
        dummyHash(cost);
    }

    /** Hashes a password already validated by {@link AccountRules#newPassword}. */
    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost, random));
    }

    /**
     * Constant-time check (jbcrypt compares without early exit) that always spends at least the
     * work of one hash at the configured cost.
     *
     * @param storedHash null to spend the time against the dummy hash and answer false
     * @throws MalformedHashException when the stored hash is not a bcrypt hash (the time has been spent)
     */
    public boolean matches(String password, String storedHash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > AccountRules.MAX_PASSWORD_BYTES) {
            return false;
        }
        if (storedHash == null) {
            BCrypt.checkpw(password, dummyHash(cost));
            return false;
        }
        Matcher m = BCRYPT.matcher(storedHash);
        if (!m.matches()) {
            BCrypt.checkpw(password, dummyHash(cost));
            throw new MalformedHashException();
        }
        int storedCost = Integer.parseInt(m.group(1));
        boolean matches;
        try {
            matches = BCrypt.checkpw(password, "$2a" + storedHash.substring(3));
        } catch (IllegalArgumentException e) {
            // The pattern should leave jbcrypt nothing to refuse; if it does, the hash is still unusable.
            throw new MalformedHashException();
        }
        // A hash made before the cost was raised is cheaper to check: without the difference, an
        // existing name would answer faster than an unknown one. 2^c + (2^c + ... + 2^(C-1)) = 2^C.
        for (int c = storedCost; c < cost; c++) {
            BCrypt.checkpw(password, dummyHash(c));
        }
        return matches;
    }

    /** Whether a hash that just matched should be replaced by one of the configured cost. */
    public boolean needsRehash(String storedHash) {
        Matcher m = BCRYPT.matcher(storedHash);
        return m.matches() && Integer.parseInt(m.group(1)) != cost;
    }

    private String dummyHash(int c) {
        return dummyHashes.computeIfAbsent(c, k -> {
            byte[] noise = new byte[24];
            random.nextBytes(noise);
            return BCrypt.hashpw(Base64.getEncoder().encodeToString(noise), BCrypt.gensalt(k, random));
        });
    }

    /** The stored hash is not one jbcrypt can check; the message never contains it. */
    public static final class MalformedHashException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedHashException() {
            super("the stored password hash is not a bcrypt hash", null, false, false);
        }
    }
}
