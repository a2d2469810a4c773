package io.jwtgate.password;

import java.util.regex.Pattern;

/** What a bcrypt hash JwtGate checks looks like; shared by the hasher and the credential reader. */
public final class BcryptForm {

    /**
     * {@code $2a$}, {@code $2b$} and {@code $2y$} name the same algorithm for the passwords we
     * accept (the letters record fixes of other implementations' bugs); {@code $2x$} is the
     * buggy variant and is refused, as is the ancient {@code $2$} (it hashes without the final
     * NUL, so it cannot be read as {@code $2a$}). The cost is 04..30 (jbcrypt's range), the rest 53
     * characters of bcrypt's base64 alphabet (22 of salt, 31 of hash). Group 1 is the cost.
     */
    public static final Pattern PATTERN = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|30)\\$[./A-Za-z0-9]{53}");

    private BcryptForm() {
    }

    /** Whether the text is a bcrypt hash JwtGate can check. */
    public static boolean is(String text) {
        return PATTERN.matcher(text).matches();
    }
}
