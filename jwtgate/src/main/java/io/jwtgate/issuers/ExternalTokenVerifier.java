package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.config.TrustedIssuer;
import io.jwtgate.config.TrustedIssuers;
import io.jwtgate.store.AuditText;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.ClaimsMap;
import io.jwtgate.token.CompactJws;
import io.jwtgate.token.ExpiredTokenException;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyEpoch;
import io.jwtgate.token.RevocationCheck;
import io.jwtgate.token.RevokedTokenException;
import io.jwtgate.token.VerifiedToken;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the access tokens of one trusted external issuer (RFC 8725, RFC 9068 where providers
 * follow it). Thread-safe. Every token either yields a {@link VerifiedToken} marked with the
 * issuer's name or throws {@link BadTokenException}; {@link IssuerKeysUnavailableException} when the
 * provider's keys cannot be had at all.
 *
 * <p>Header: {@code alg} must be one of the issuer's algorithms (never HMAC); the key is chosen by
 * {@code kid} among this issuer's keys only; a token carrying {@code jwk}, {@code jku},
 * {@code x5u} or {@code x5c} is refused outright, as are {@code crit} and {@code b64}
 * (decision 434); {@code typ} must be one the issuer accepts. Payload: {@code iss}, {@code aud}
 * or the configured audience claim (string or array), {@code exp} required, {@code nbf}/{@code iat} when present, with the clock
 * skew; {@code sub} required; a payload {@code typ} or {@code token_use} that marks an ID or
 * refresh token refuses it (decision 435); user name, roles and scopes by the mapping; then the
 * revocations, keyed by {@code <name>:<jti>} (decision 439).
 */
public final class ExternalTokenVerifier {

    /** Header members that would let a token name its own key; never used, so a token carrying one is refused. */
    static final List<String> KEY_CARRYING_HEADERS = List.of("jwk", "jku", "x5u", "x5c");

    private static final BigDecimal MAX_NUMERIC_DATE = BigDecimal.valueOf(253402300799L);
    /** Payload {@code typ} values of access tokens (Keycloak: {@code Bearer}); others (ID, Refresh, Logout) are refused. */
    private static final Set<String> ACCESS_PAYLOAD_TYPES = Set.of("bearer", "at+jwt", "access");
    /** Claims OpenID Connect Core defines for ID tokens only (§2, §3.1.3.6, §3.3.2.11). */
    private static final List<String> ID_TOKEN_CLAIMS = List.of("nonce", "at_hash", "c_hash");

    private final TrustedIssuer issuer;
    private final RemoteKeySet keys;
    private final Duration clockSkew;
    private final Duration maxRemainingLifetime;
    private final Clock clock;
    private final RevocationCheck revocations;

    /**
     * @param maxRemainingLifetime the longest an accepted token may still live ({@code jwtgate.access-token.max-ttl}):
     *     a revocation is remembered that long, so a token living longer could outlive its revocation
     */
    public ExternalTokenVerifier(TrustedIssuer issuer, RemoteKeySet keys, Duration clockSkew,
            Duration maxRemainingLifetime, Clock clock, RevocationCheck revocations) {
        this.issuer = issuer;
        this.keys = keys;
        this.clockSkew = clockSkew;
        this.maxRemainingLifetime = maxRemainingLifetime;
        this.clock = clock;
        this.revocations = revocations;
    }

    public TrustedIssuer issuer() {
        return issuer;
    }

    /** The issuer's keys as they are now, for the verified-token cache. */
    public KeyEpoch keyEpoch() {
        return keys.epoch();
    }

    /**
     * @param jws the strictly parsed token
     * @param payload its payload, strictly parsed, whose {@code iss} selected this verifier
     */
    public VerifiedToken verify(CompactJws jws, JsonNode payload) {
        JsonNode header = jws.header();
        JwsAlgorithm algorithm = checkHeader(header);
        JsonNode kidNode = header.get("kid");
        if (kidNode != null && !kidNode.isTextual()) {
            throw invalid("header kid is not a string");
        }
        String kid = kidNode == null ? null : kidNode.textValue();
        Optional<JwtKey> key = keys.key(algorithm, kid);
        if (key.isEmpty()) {
            throw invalid("no key of trusted issuer '" + issuer.name() + "' for the header's alg and kid");
        }
        if (!key.get().verifies(jws.headerPart(), jws.payloadPart(), jws.signature())) {
            throw invalid("signature not valid");
        }
        return claims(payload, jws);
    }

    private JwsAlgorithm checkHeader(JsonNode header) {
        for (String name : KEY_CARRYING_HEADERS) {
            if (header.has(name)) {
                throw invalid("header carries " + name + ": keys come from the issuer's configured key set only");
            }
        }
        if (header.has("crit") || header.has("b64")) {
            throw invalid("header carries crit or b64, which JwtGate does not understand");
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw invalid("header alg missing or not a string");
        }
        Optional<JwsAlgorithm> algorithm = JwsAlgorithm.byName(alg.textValue());
        if (algorithm.isEmpty() || !issuer.algorithms().contains(algorithm.get())) {
            throw invalid("header alg is not one of the algorithms of trusted issuer '" + issuer.name() + "'");
        }
        JsonNode typ = header.get("typ");
        if (typ == null) {
            if (!issuer.typAbsentAllowed()) {
                throw invalid("header typ missing");
            }
        } else if (!typ.isTextual() || !issuer.headerTypes().contains(TrustedIssuers.normalizedType(typ.textValue()))) {
            throw invalid("header typ is not one trusted issuer '" + issuer.name() + "' is configured for");
        }
        return algorithm.get();
    }

    private VerifiedToken claims(JsonNode payload, CompactJws jws) {
        JsonNode iss = payload.get("iss");
        if (iss == null || !iss.isTextual() || !iss.textValue().equals(issuer.issuer())) {
            throw invalid("iss is not the trusted issuer's");
        }
        if (!audienceMatches(issuer.audienceClaim().find(payload))) {
            throw invalid("aud does not contain the trusted issuer's configured audience");
        }
        refuseOtherTokenKinds(payload);
        Instant now = clock.instant();
        Instant exp = numericDate(payload, "exp", true);
        Instant nbf = numericDate(payload, "nbf", false);
        Instant iat = numericDate(payload, "iat", false);
        if ((iat != null && iat.isAfter(now.plus(clockSkew))) || (nbf != null && nbf.isAfter(now.plus(clockSkew)))) {
            throw invalid("token not valid yet (iat or nbf in the future)");
        }
        if (!now.isBefore(exp.plus(clockSkew))) {
            throw new ExpiredTokenException(exp);
        }
        if (exp.isAfter(now.plus(maxRemainingLifetime).plus(clockSkew))) {
            throw invalid("exp is further away than jwtgate.access-token.max-ttl, longer than a revocation is kept");
        }
        String subject = text(payload, "sub", true);
        String username = ClaimMapping.username(payload, issuer.usernameClaim());
        Set<String> roles = ClaimMapping.roles(payload, issuer.rolesClaim());
        Set<String> scopes = ClaimMapping.scopes(payload, issuer.scopesClaim());
        // JwtGate's own names, roles and scopes never hold control or invisible characters; an
        // application that logs getRemoteUser(), the subject or the roles must not meet them through a
        // provider either (decision 444).
        requirePrintable("sub", subject);
        requirePrintable("the user name claim", username);
        roles.forEach(role -> requirePrintable("a role", role));
        scopes.forEach(scope -> requirePrintable("a scope", scope));
        String jti = text(payload, "jti", false);
        String sid = text(payload, "sid", false);
        String tokenId = issuer.name() + ":" + (jti != null ? jti : "#" + digest(jws));
        String sessionId = sid == null ? null : issuer.name() + ":" + sid;
        if (revocations.isRevoked(tokenId, sessionId)) {
            throw new RevokedTokenException(tokenId);
        }
        // When the verdict can change on a clock stepped back, for the verified-token cache: iat, nbf,
        // and the rule that exp lies no further ahead than max-ttl (decision 641).
        Instant notBefore = exp.minus(maxRemainingLifetime);
        if (iat != null && iat.isAfter(notBefore)) {
            notBefore = iat;
        }
        if (nbf != null && nbf.isAfter(notBefore)) {
            notBefore = nbf;
        }
        return new VerifiedToken(subject, username, roles, scopes, tokenId, sessionId, iat, exp,
                new ClaimsMap(jws.payload()), issuer.name(), notBefore);
    }

    /**
     * Where the provider says what kind of token this is, only an access token passes: Keycloak's
     * payload {@code typ} ({@code Bearer}; {@code ID} and {@code Refresh} refused) and Cognito's
     * {@code token_use} ({@code access}; {@code id} refused).
     */
    private static void refuseOtherTokenKinds(JsonNode payload) {
        JsonNode typ = payload.get("typ");
        if (typ != null && (!typ.isTextual() || !ACCESS_PAYLOAD_TYPES.contains(typ.textValue().toLowerCase(Locale.ROOT)))) {
            throw invalid("payload typ says this is not an access token");
        }
        // Where the payload does not say it is an access token, a claim only OpenID Connect ID tokens
        // carry marks an ID token: Entra's ID and access tokens of one app registration share issuer,
        // audience and header. Keycloak before 25 copied nonce into access tokens, which say typ Bearer.
        if (typ == null) {
            for (String marker : ID_TOKEN_CLAIMS) {
                if (payload.has(marker)) {
                    throw invalid("payload carries " + marker + ", a claim of ID tokens, not of access tokens");
                }
            }
        }
        JsonNode use = payload.get("token_use");
        if (use != null && (!use.isTextual() || !use.textValue().equals("access"))) {
            throw invalid("token_use says this is not an access token");
        }
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return aud.textValue().equals(issuer.audience());
        }
        if (!aud.isArray()) {
            return false;
        }
        boolean found = false;
        for (JsonNode a : aud) {
            if (!a.isTextual()) {
                return false;
            }
            found |= a.textValue().equals(issuer.audience());
        }
        return found;
    }

    private static void requirePrintable(String what, String value) {
        if (value.codePoints().anyMatch(AuditText::mustEscape)) {
            throw invalid(what + " holds control or invisible characters");
        }
    }

    /** A token without {@code jti} (Auth0, Entra) is still revocable: its id is a digest of the whole token. */
    private static String digest(CompactJws jws) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(jws.headerPart().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '.');
            sha.update(jws.payloadPart().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '.');
            sha.update(jws.signature());
            byte[] d = sha.digest();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String text(JsonNode payload, String name, boolean required) {
        JsonNode node = payload.get(name);
        if (node == null) {
            if (required) {
                throw invalid(name + " missing");
            }
            return null;
        }
        if (!node.isTextual() || node.textValue().isEmpty()) {
            throw invalid(name + " is not a non-empty string");
        }
        return node.textValue();
    }

    private static Instant numericDate(JsonNode payload, String name, boolean required) {
        JsonNode node = payload.get(name);
        if (node == null) {
            if (required) {
                throw invalid(name + " missing");
            }
            return null;
        }
        if (!node.isNumber()) {
            throw invalid(name + " is not a number");
        }
        BigDecimal seconds = node.decimalValue();
        if (seconds.scale() > 9 || seconds.scale() < -12) {
            throw invalid(name + " has an absurd exponent");
        }
        if (seconds.signum() < 0 || seconds.compareTo(MAX_NUMERIC_DATE) > 0) {
            throw invalid(name + " out of range");
        }
        return Instant.ofEpochMilli(seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact());
    }

    static BadTokenException invalid(String detail) {
        return new BadTokenException(BadTokenException.Reason.INVALID, detail);
    }
}
