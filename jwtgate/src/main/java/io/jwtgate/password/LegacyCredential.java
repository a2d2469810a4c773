package io.jwtgate.password;

/** A credential as another system stored it, read into what JwtGate keeps. */
public sealed interface LegacyCredential permits LegacyCredential.Digest, LegacyCredential.Plain {

    /**
     * A digest kept in {@code jwtgate_users.password_hash} until the first successful login replaces it with bcrypt.
     *
     * @param stored the self-describing form JwtGate stores (at most 512 characters); bcrypt values come back as
     *        Digest too
     * @param format a short description for reports, e.g. "tomcat SHA-256 salted", "htpasswd apr1", "jetty CRYPT",
     *        "bcrypt"; never holds the value
     */
    record Digest(String stored, String format) implements LegacyCredential {

        /** Names the format only: the stored value is as good as a password against this server. */
        @Override
        public String toString() {
            return "Digest[" + format + "]";
        }
    }

    /**
     * A plain-text password (allowed by {@code jwtgate.legacy.allow-plaintext}, or a de-obfuscated Jetty
     * {@code OBF:}); {@link #toString()} hides it. Importers hash it with bcrypt before storing; never stored as is.
     */
    record Plain(String password) implements LegacyCredential {

        @Override
        public String toString() {
            return "Plain[hidden]";
        }
    }
}
