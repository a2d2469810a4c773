package io.jwtgate.attack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Credentials the attack probes send. */
final class ContainerSecurityProbe {

    private ContainerSecurityProbe() {
    }

    /** A Basic {@code Authorization} value. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
