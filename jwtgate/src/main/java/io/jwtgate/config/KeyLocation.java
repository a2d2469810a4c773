package io.jwtgate.config;

import io.jwtgate.keys.KeyFileException;
import java.net.URI;
import java.nio.file.Path;

/** A key file location as configured: a file path, or a {@code file:} URI. */
final class KeyLocation {

    private KeyLocation() {
    }

    static Path path(String location) {
        try {
            if (location.startsWith("file:")) {
                return Path.of(URI.create(location));
            }
            return Path.of(location);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new KeyFileException("'" + location + "' is not a file path; write an absolute path such as"
                    + " /etc/jwtgate/signing.pem or a file: URI");
        }
    }
}
