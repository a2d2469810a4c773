package io.jwtgate.password;

import java.util.Optional;

/**
 * The algorithm of a Tomcat realm's {@code CredentialHandler}, for credentials whose text does not
 * say it: Tomcat writes {@code salt$iterations$hex} for a salted {@code MessageDigestCredentialHandler}
 * and for {@code SecretKeyCredentialHandler} (PBKDF2) alike, and a bare hex digest's length only
 * narrows it down. Named as Tomcat's {@code algorithm} attribute names it.
 */
public enum TomcatDigest {
    /** Recognise what the text itself says; refuse what it leaves open. */
    AUTO("auto", false),
    MD5("MD5", false),
    SHA_1("SHA-1", false),
    SHA_256("SHA-256", false),
    SHA_512("SHA-512", false),
    PBKDF2_SHA1("PBKDF2WithHmacSHA1", true),
    PBKDF2_SHA256("PBKDF2WithHmacSHA256", true),
    PBKDF2_SHA512("PBKDF2WithHmacSHA512", true);

    private final String tomcatName;
    private final boolean pbkdf2;

    TomcatDigest(String tomcatName, boolean pbkdf2) {
        this.tomcatName = tomcatName;
        this.pbkdf2 = pbkdf2;
    }

    /** The name in Tomcat's {@code algorithm} attribute (and JCA's), e.g. {@code SHA-256}. */
    public String tomcatName() {
        return tomcatName;
    }

    /** Whether Tomcat's {@code SecretKeyCredentialHandler} made it. */
    public boolean pbkdf2() {
        return pbkdf2;
    }

    /** By Tomcat's name, case-insensitively; {@code SHA} and {@code SHA1} are Tomcat's aliases of SHA-1. */
    public static Optional<TomcatDigest> parse(String name) {
        String n = name.trim();
        if (n.equalsIgnoreCase("SHA") || n.equalsIgnoreCase("SHA1")) {
            return Optional.of(SHA_1);
        }
        for (TomcatDigest d : values()) {
            if (d.tomcatName.equalsIgnoreCase(n)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The accepted names, for error messages. */
    public static String names() {
        StringBuilder s = new StringBuilder();
        for (TomcatDigest d : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(d.tomcatName);
        }
        return s.toString();
    }
}
