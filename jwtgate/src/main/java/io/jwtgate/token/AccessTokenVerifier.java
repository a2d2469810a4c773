package io.jwtgate.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies JwtGate access tokens (RFC 9068 profile, RFC 8725 practices). Immutable and
 * thread-safe. Every input either yields a {@link VerifiedToken} or throws a
 * {@link BadTokenException}: nothing else escapes, whatever the bytes.
 *
 * <p>{@link CompactJws} parses strictly (canonical base64url, strict UTF-8 and JSON, no duplicate
 * keys); the header policy is checked; {@link JwsSignatures} verifies with the key the
 * {@link KeyRing} binds to the header's algorithm; then the claims.
 */
public final class AccessTokenVerifier {

    /** Tokens longer than this are refused before any decoding. */
    public static final int MAX_TOKEN_LENGTH = CompactJws.MAX_LENGTH;

    private static final long MAX_NUMERIC_DATE_SECONDS = 253402300799L; // 9999-12-31T23:59:59Z
    private static final BigDecimal MAX_NUMERIC_DATE = BigDecimal.valueOf(MAX_NUMERIC_DATE_SECONDS);

    private final KeyRing keys;
    private final String issuer;
    private final String audience;
    private final long clockSkewMillis;
    private final long maxLifetimeMillis;
    private final Clock clock;
    private final RevocationCheck revocations;

    /**
     * @param audience required {@code aud} value, or null when none is configured
     * @param maxLifetime longest {@code exp - iat} accepted (the issuing cap)
     */
    public AccessTokenVerifier(KeyRing keys, String issuer, String audience, Duration clockSkew,
            Duration maxLifetime, Clock clock, RevocationCheck revocations) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.clockSkewMillis = clockSkew.toMillis();
        this.maxLifetimeMillis = maxLifetime.toMillis();
        this.clock = clock;
        this.revocations = revocations;
    }

    /**
     * @throws BadTokenException for every token that is not acceptable, and for nothing else
     */
    public VerifiedToken verify(String token) {
        CompactJws jws = CompactJws.parse(token);
        checkHeaderPolicy(jws.header());
        JwsSignatures.verify(jws, keys);
        return claims(jws.payloadObject(), jws.payload());
    }

    /** RFC 9068 {@code typ}; extensions JwtGate does not implement are refused (RFC 7515 §4.1.11). */
    private static void checkHeaderPolicy(JsonNode header) {
        JsonNode typ = header.get("typ");
        if (typ == null || !typ.isTextual()) {
            throw BadTokenException.invalid("header typ missing");
        }
        String type = typ.textValue().toLowerCase(Locale.ROOT);
        if (!type.equals("at+jwt") && !type.equals("application/at+jwt")) {
            throw BadTokenException.invalid("header typ is not at+jwt");
        }
        if (header.has("crit") || header.has("b64")) {
            throw BadTokenException.invalid("header carries crit or b64, which JwtGate does not understand");
        }
    }

    private VerifiedToken claims(JsonNode payload, byte[] payloadBytes) {
        requireText(payload, "iss", issuer);
        if (audience != null && !audienceMatches(payload.get("aud"))) {
            throw BadTokenException.invalid("aud does not contain the configured audience");
        }
        // Milliseconds as longs: Instant arithmetic allocated on every request (decision 612).
        long now = clock.millis();
        long exp = numericDateMillis(payload, "exp");
        long nbf = numericDateMillis(payload, "nbf");
        long iat = numericDateMillis(payload, "iat");
        if (exp <= iat || exp - iat > maxLifetimeMillis) {
            throw BadTokenException.invalid("lifetime exp - iat is not within (0, max-ttl]");
        }
        if (iat > now + clockSkewMillis || nbf > now + clockSkewMillis) {
            throw BadTokenException.invalid("token not valid yet (iat or nbf in the future)");
        }
        if (now >= exp + clockSkewMillis) {
            throw new ExpiredTokenException(Instant.ofEpochMilli(exp));
        }
        String subject = text(payload, "sub", true);
        String jti = text(payload, "jti", true);
        String sid = text(payload, "sid", true);
        String username = text(payload, "preferred_username", false);
        String scope = text(payload, "scope", false);
        Set<String> scopes = new HashSet<>();
        if (scope != null) {
            for (String s : scope.split(" ")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
        Set<String> roles = new HashSet<>();
        JsonNode rolesNode = payload.get("roles");
        if (rolesNode != null) {
            if (!rolesNode.isArray()) {
                throw BadTokenException.invalid("roles is not an array");
            }
            for (JsonNode role : rolesNode) {
                if (!role.isTextual()) {
                    throw BadTokenException.invalid("roles holds a non-string");
                }
                roles.add(role.textValue());
            }
        }
        if (revocations.isRevoked(jti, sid)) {
            throw new RevokedTokenException(jti);
        }
        Instant issuedAt = Instant.ofEpochMilli(iat);
        return new VerifiedToken(subject, username == null ? subject : username, roles, scopes, jti, sid,
                issuedAt, Instant.ofEpochMilli(exp), new ClaimsMap(payloadBytes), null,
                nbf > iat ? Instant.ofEpochMilli(nbf) : issuedAt);
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return aud.textValue().equals(audience);
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (!a.isTextual()) {
                    return false;
                }
            }
            for (JsonNode a : aud) {
                if (a.textValue().equals(audience)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void requireText(JsonNode payload, String name, String expected) {
        JsonNode node = payload.get(name);
        if (node == null || !node.isTextual() || !node.textValue().equals(expected)) {
            throw BadTokenException.invalid(name + " missing or not the expected value");
        }
    }

    private static String text(JsonNode payload, String name, boolean required) {
        JsonNode node = payload.get(name);
        if (node == null) {
            if (required) {
                throw BadTokenException.invalid(name + " missing");
            }
            return null;
        }
        if (!node.isTextual() || (required && node.textValue().isEmpty())) {
            throw BadTokenException.invalid(name + " is not a non-empty string");
        }
        return node.textValue();
    }

    /**
     * A required RFC 7519 NumericDate in milliseconds, floored: a JSON number of seconds, fractions
     * allowed, within 0..9999. Whole seconds, what every issuer writes, skip {@code BigDecimal}.
     */
    static long numericDateMillis(JsonNode payload, String name) {
        JsonNode node = payload.get(name);
        if (node == null || !node.isNumber()) {
            throw BadTokenException.invalid(name + " missing or not a number");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long seconds = node.longValue();
            if (seconds < 0 || seconds > MAX_NUMERIC_DATE_SECONDS) {
                throw BadTokenException.invalid(name + " out of range");
            }
            return seconds * 1000L;
        }
        BigDecimal seconds = node.decimalValue();
        // Bound the scale before any arithmetic: rescaling 1e-2147483000 would take forever.
        if (seconds.scale() > 9 || seconds.scale() < -12) {
            throw BadTokenException.invalid(name + " has an absurd exponent");
        }
        if (seconds.signum() < 0 || seconds.compareTo(MAX_NUMERIC_DATE) > 0) {
            throw BadTokenException.invalid(name + " out of range");
        }
        return seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}
