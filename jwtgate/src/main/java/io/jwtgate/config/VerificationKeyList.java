package io.jwtgate.config;

import io.jwtgate.keys.KeyFileException;
import io.jwtgate.keys.KeyFiles;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses {@code jwtgate.verification.keys}: the verification-only keys, comma-separated. Each entry is
 * <ul>
 *   <li>{@code kid=path}: a PEM public key (or certificate, or a private key whose public half is
 *       taken) for the signing algorithm;</li>
 *   <li>{@code kid=ALG:path}: the same for another asymmetric algorithm ({@code old=RS256:/keys/old.pem});</li>
 *   <li>{@code path.json}: a JWKS file whose keys each carry {@code kid} and {@code alg}.</li>
 * </ul>
 * Every failure names the entry (by its {@code kid} or file), the problem and the fix.
 */
final class VerificationKeyList {

    /** What a {@code kid} may hold: URL- and header-safe text that cannot be confused with the list's syntax. */
    static final Pattern KID = Pattern.compile("[A-Za-z0-9._~:-]{1,128}");

    private VerificationKeyList() {
    }

    /**
     * The keys of the list and, per entry, where its keys came from ({@code 'old' RS256 from /path}),
     * for the start-up log.
     */
    record Parsed(List<JwtKey> keys, List<String> sources) {
    }

    static Parsed parse(Values v, JwsAlgorithm signingAlgorithm) {
        String value = v.optional(Keys.VERIFICATION_KEYS);
        List<JwtKey> keys = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        if (value == null) {
            return new Parsed(keys, sources);
        }
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                throw v.error(Keys.VERIFICATION_KEYS, "an entry is empty; separate entries by single commas");
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                List<JwtKey> fromFile = jwksFile(v, entry);
                keys.addAll(fromFile);
                sources.add(fromFile.size() + " from JWKS file " + entry);
                continue;
            }
            String kid = entry.substring(0, eq).trim();
            String rest = entry.substring(eq + 1).trim();
            if (!KID.matcher(kid).matches()) {
                throw v.error(Keys.VERIFICATION_KEYS, "the entry before '=' is not a usable kid; write"
                        + " kid=path with a kid of 1 to 128 letters, digits, '.', '_', '~', ':' or '-'");
            }
            JwsAlgorithm algorithm = signingAlgorithm;
            int colon = rest.indexOf(':');
            if (colon > 0) {
                Optional<JwsAlgorithm> named = JwsAlgorithm.byName(rest.substring(0, colon));
                if (named.isPresent()) {
                    algorithm = named.get();
                    rest = rest.substring(colon + 1).trim();
                }
            }
            if (!algorithm.family().asymmetric()) {
                throw v.error(Keys.VERIFICATION_KEYS, "the entry '" + kid + "' has no asymmetric algorithm ("
                        + algorithm + " takes a secret, not a file); write it as " + kid + "=ES256:path (or the"
                        + " algorithm the key was used with)");
            }
            if (rest.isEmpty()) {
                throw v.error(Keys.VERIFICATION_KEYS, "the entry '" + kid + "' names no file; write " + kid + "=path");
            }
            try {
                keys.add(KeyFiles.verificationKey(KeyLocation.path(rest), algorithm, kid));
                sources.add("'" + kid + "' " + algorithm + " from " + rest);
            } catch (KeyFileException e) {
                throw v.error(Keys.VERIFICATION_KEYS, "the entry '" + kid + "' (" + algorithm + "): " + e.getMessage());
            }
        }
        return new Parsed(keys, sources);
    }

    private static List<JwtKey> jwksFile(Values v, String entry) {
        if (!entry.endsWith(".json")) {
            throw v.error(Keys.VERIFICATION_KEYS, "the entry '" + entry + "' is neither kid=path nor a JWKS file"
                    + " ending in .json; write kid=path for a PEM key");
        }
        try {
            return VerificationJwksFile.keys(KeyLocation.path(entry));
        } catch (KeyFileException e) {
            throw v.error(Keys.VERIFICATION_KEYS, "the JWKS file '" + entry + "': " + e.getMessage());
        }
    }
}
