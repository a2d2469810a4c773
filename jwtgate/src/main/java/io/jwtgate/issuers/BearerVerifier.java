package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.CompactJws;
import io.jwtgate.token.VerifiedToken;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the verifier for a bearer token by its {@code iss}, read from the strictly parsed but not
 * yet verified payload: JwtGate's own issuer goes to the {@link AccessTokenVerifier} unchanged, a
 * trusted issuer to its {@link ExternalTokenVerifier}, any other {@code iss} is a bad token
 * (decision 434). Without trusted issuers every token goes straight to the own verifier, so the
 * request path is what it was.
 */
public final class BearerVerifier {

    private final AccessTokenVerifier own;
    private final String ownIssuer;
    private final Map<String, ExternalTokenVerifier> external = new HashMap<>();

    public BearerVerifier(AccessTokenVerifier own, String ownIssuer, List<ExternalTokenVerifier> trusted) {
        this.own = own;
        this.ownIssuer = ownIssuer;
        for (ExternalTokenVerifier v : trusted) {
            external.put(v.issuer().issuer(), v);
        }
    }

    /**
     * @throws BadTokenException for every token that is not acceptable
     * @throws IssuerKeysUnavailableException when a trusted issuer's keys cannot be had at all
     */
    public VerifiedToken verify(String token) {
        if (external.isEmpty()) {
            return own.verify(token);
        }
        CompactJws jws = CompactJws.parse(token);
        JsonNode payload = jws.payloadObject();
        JsonNode iss = payload.get("iss");
        if (iss == null || !iss.isTextual() || iss.textValue().equals(ownIssuer)) {
            // The own verifier refuses a missing iss with its usual reason.
            return own.verify(token);
        }
        ExternalTokenVerifier verifier = external.get(iss.textValue());
        if (verifier == null) {
            throw ExternalTokenVerifier.invalid("iss is neither JwtGate's nor a trusted issuer's");
        }
        return verifier.verify(jws, payload);
    }
}
