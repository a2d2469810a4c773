package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.CompactJws;
import io.jwtgate.token.KeyEpoch;
import io.jwtgate.token.RevocationCheck;
import io.jwtgate.token.RevokedTokenException;
import io.jwtgate.token.VerifiedToken;
import io.jwtgate.token.VerifiedTokenCache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the verifier for a bearer token by its {@code iss}, read from the strictly parsed but not
 * yet verified payload: JwtGate's own issuer goes to the {@link AccessTokenVerifier} unchanged, a
 * trusted issuer to its {@link ExternalTokenVerifier}, any other {@code iss} is a bad token
 * (decision 434). Without trusted issuers every token goes straight to the own verifier, so the
 * request path is what it was.
 *
 * <p>In front of both sits the {@link VerifiedTokenCache}: a token seen again and still within its
 * validity window is answered from it, after the revocation check every request makes
 * (decision 610). Only a token that verified is remembered.
 */
public final class BearerVerifier {

    private final AccessTokenVerifier own;
    private final String ownIssuer;
    private final Map<String, ExternalTokenVerifier> external = new HashMap<>();
    private final VerifiedTokenCache cache;
    private final RevocationCheck revocations;

    /** Without a cache: every token is verified in full. */
    public BearerVerifier(AccessTokenVerifier own, String ownIssuer, List<ExternalTokenVerifier> trusted) {
        this(own, ownIssuer, trusted, VerifiedTokenCache.NONE, RevocationCheck.NONE);
    }

    /**
     * @param revocations what the verifiers consult, consulted again on every cache hit
     */
    public BearerVerifier(AccessTokenVerifier own, String ownIssuer, List<ExternalTokenVerifier> trusted,
            VerifiedTokenCache cache, RevocationCheck revocations) {
        this.own = own;
        this.ownIssuer = ownIssuer;
        for (ExternalTokenVerifier v : trusted) {
            external.put(v.issuer().issuer(), v);
        }
        this.cache = cache;
        this.revocations = revocations;
    }

    /**
     * @throws BadTokenException for every token that is not acceptable
     * @throws IssuerKeysUnavailableException when a trusted issuer's keys cannot be had at all
     */
    public VerifiedToken verify(String token) {
        VerifiedToken cached = cache.find(token);
        if (cached != null) {
            if (revocations.isRevoked(cached.tokenId(), cached.sessionId())) {
                throw new RevokedTokenException(cached.tokenId());
            }
            return cached;
        }
        if (external.isEmpty()) {
            return remembered(token, own.verify(token), KeyEpoch.FIXED);
        }
        CompactJws jws = CompactJws.parse(token);
        JsonNode payload = jws.payloadObject();
        JsonNode iss = payload.get("iss");
        if (iss == null || !iss.isTextual() || iss.textValue().equals(ownIssuer)) {
            // The own verifier refuses a missing iss with its usual reason.
            return remembered(token, own.verify(token), KeyEpoch.FIXED);
        }
        ExternalTokenVerifier verifier = external.get(iss.textValue());
        if (verifier == null) {
            throw ExternalTokenVerifier.invalid("iss is neither JwtGate's nor a trusted issuer's");
        }
        // Read before verifying: keys fetched meanwhile make the entry stale, never the other way round.
        KeyEpoch epoch = verifier.keyEpoch();
        return remembered(token, verifier.verify(jws, payload), epoch);
    }

    private VerifiedToken remembered(String token, VerifiedToken verified, KeyEpoch epoch) {
        cache.remember(token, verified, epoch);
        return verified;
    }
}
