package io.jwtgate.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every secret the test run handles (signing secrets, passwords, access and refresh tokens seen in
 * responses or minted by tests), so that {@code io.jwtgate.logs.LogsHoldNoSecretsTest} can check
 * that none of them reached a log.
 */
public final class Secrets {

    private static final Set<String> SEEN = Collections.synchronizedSet(new LinkedHashSet<>());

    private Secrets() {
    }

    /** Remembers a secret; very short strings are ignored because they would match by chance. */
    public static void remember(String secret) {
        if (secret != null && secret.length() >= 8) {
            SEEN.add(secret);
        }
    }

    public static List<String> all() {
        synchronized (SEEN) {
            return new ArrayList<>(SEEN);
        }
    }
}
