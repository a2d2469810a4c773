package io.jwtgate.config;

import io.jwtgate.keys.KeyFileException;
import io.jwtgate.token.JwtKey;
import java.nio.file.Path;
import java.util.List;

/** A JWKS file ({@code {"keys":[...]}}) listed in {@code jwtgate.verification.keys}. */
final class VerificationJwksFile {

    private VerificationJwksFile() {
    }

    static List<JwtKey> keys(Path file) {
        // Completed once io.jwtgate.keys.Jwk lands (JWK parsing with its validation).
        throw new KeyFileException("JWKS files are not read yet; list the keys as kid=path PEM entries");
    }
}
