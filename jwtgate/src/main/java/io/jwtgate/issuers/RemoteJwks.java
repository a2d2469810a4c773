package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.keys.Jwk;
import io.jwtgate.keys.JwkException;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;

/**
 * The production {@link KeySetParser}: an identity provider's JWKS read by {@link Jwk} under the
 * remote rules (no {@code oct} key, no HMAC algorithm, no private member; one bad key is skipped and
 * logged, the others stay usable).
 */
public final class RemoteJwks {

    /** Parses with the remote rules. */
    public static final KeySetParser PARSER = RemoteJwks::parse;

    private static final System.Logger LOG = System.getLogger(RemoteJwks.class.getName());

    private RemoteJwks() {
    }

    private static List<JwtKey> parse(JsonNode jwks, Set<JwsAlgorithm> allowed) {
        try {
            // Fetches are spaced by min-refresh, so this logs at most once per interval and key.
            return Jwk.verificationKeySet(jwks, allowed, Jwk.Source.REMOTE,
                    reason -> LOG.log(Level.WARNING, "a key of a trusted issuer''s key set was skipped: {0}", reason));
        } catch (JwkException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
