package io.jwtgate.config;

import io.jwtgate.issuers.ClaimPath;
import io.jwtgate.token.JwsAlgorithm;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The external identity providers whose tokens the filter accepts beside JwtGate's own, one per
 * name of {@code jwtgate.trusted-issuer.<name>.*}; none by default. Every field is validated at
 * start with a message naming its key; nothing here touches the network (decision 430).
 */
public final class TrustedIssuers {

    /** The header {@code typ} values accepted when {@code typ} is not set: RFC 9068's and the common {@code JWT}. */
    public static final String DEFAULT_TYP = "at+jwt, JWT, absent";
    /** The word of the {@code typ} field that admits tokens without a header {@code typ} (Cognito sends none). */
    public static final String TYP_ABSENT = "absent";

    static final Duration DEFAULT_MIN_REFRESH = Duration.ofSeconds(30);
    static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(3);
    static final int DEFAULT_MAX_JWKS_BYTES = 64 * 1024;

    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_CACHE_TTL = Duration.ofDays(1);
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern TYP_VALUE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}(/[A-Za-z0-9!#$&^_.+-]{1,64})?");

    private static final TrustedIssuers NONE = new TrustedIssuers(List.of());

    private final List<TrustedIssuer> issuers;

    private TrustedIssuers(List<TrustedIssuer> issuers) {
        this.issuers = List.copyOf(issuers);
    }

    static TrustedIssuers from(Values v) {
        Set<String> names = new TreeSet<>();
        for (String key : v.keysStartingWith(Keys.TRUSTED_ISSUER_PREFIX)) {
            String name = Keys.trustedIssuerName(key);
            if (name != null) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return NONE;
        }
        String ownIssuer = v.string(Keys.ISSUER, "jwtgate");
        Map<String, String> seen = new HashMap<>();
        List<TrustedIssuer> list = new ArrayList<>();
        for (String name : names) {
            TrustedIssuer issuer = issuer(v, name);
            if (issuer.issuer().equals(ownIssuer)) {
                throw v.error(issuer.key("issuer"), "equals jwtgate.issuer, so JwtGate could not tell its own tokens"
                        + " from this provider's; give the provider's exact iss value here");
            }
            String other = seen.putIfAbsent(issuer.issuer(), name);
            if (other != null) {
                throw v.error(issuer.key("issuer"), "is also the issuer of trusted issuer '" + other
                        + "'; configure each provider once");
            }
            list.add(issuer);
        }
        return new TrustedIssuers(list);
    }

    private static TrustedIssuer issuer(Values v, String name) {
        String issuerKey = Keys.trustedIssuerKey(name, "issuer");
        String issuer = required(v, issuerKey, "the exact iss value of the provider's tokens, e.g."
                + " https://idp.example.com/realms/main");
        String audience = required(v, Keys.trustedIssuerKey(name, "audience"),
                "the aud value the provider puts into tokens meant for this application");
        ClaimPath audienceClaim = claim(v, Keys.trustedIssuerKey(name, "audience-claim"), "aud");
        URI jwksUri = jwksUri(v, Keys.trustedIssuerKey(name, "jwks-uri"));
        Set<JwsAlgorithm> algorithms = algorithms(v, Keys.trustedIssuerKey(name, "algorithms"));
        String typKey = Keys.trustedIssuerKey(name, "typ");
        Set<String> types = new LinkedHashSet<>();
        boolean absentAllowed = false;
        for (String t : list(orDefault(v, typKey, DEFAULT_TYP))) {
            if (t.equalsIgnoreCase(TYP_ABSENT)) {
                absentAllowed = true;
            } else if (TYP_VALUE.matcher(t).matches()) {
                types.add(normalizedType(t));
            } else {
                throw v.error(typKey, "'" + t + "' is not a media type; list values such as at+jwt, JWT and the"
                        + " word absent (tokens without typ)");
            }
        }
        if (types.isEmpty() && !absentAllowed) {
            throw v.error(typKey, "no typ value is listed; list e.g. at+jwt, JWT, absent");
        }
        ClaimPath username = claim(v, Keys.trustedIssuerKey(name, "username-claim"), "preferred_username");
        ClaimPath roles = claim(v, Keys.trustedIssuerKey(name, "roles-claim"), "roles");
        ClaimPath scopes = claim(v, Keys.trustedIssuerKey(name, "scopes-claim"), "scope");
        String minRefreshKey = Keys.trustedIssuerKey(name, "min-refresh");
        Duration minRefresh = bounded(v, minRefreshKey, DEFAULT_MIN_REFRESH, Duration.ofSeconds(1),
                Duration.ofHours(1));
        String cacheTtlKey = Keys.trustedIssuerKey(name, "cache-ttl");
        Duration cacheTtl = bounded(v, cacheTtlKey, DEFAULT_CACHE_TTL, Duration.ofSeconds(1), MAX_CACHE_TTL);
        if (cacheTtl.compareTo(minRefresh) < 0) {
            throw v.error(cacheTtlKey, "is shorter than " + minRefreshKey + " (" + minRefresh + "), so the key set"
                    + " could not be fetched as often as it expires; make it at least as long");
        }
        Duration connect = bounded(v, Keys.trustedIssuerKey(name, "connect-timeout"), DEFAULT_CONNECT_TIMEOUT,
                Duration.ofMillis(100), MAX_TIMEOUT);
        Duration read = bounded(v, Keys.trustedIssuerKey(name, "read-timeout"), DEFAULT_READ_TIMEOUT,
                Duration.ofMillis(100), MAX_TIMEOUT);
        int maxBytes = v.integer(Keys.trustedIssuerKey(name, "max-jwks-bytes"), DEFAULT_MAX_JWKS_BYTES, 1024,
                4 * 1024 * 1024);
        return new TrustedIssuer(name, issuer, audience, audienceClaim, jwksUri, algorithms, types, absentAllowed, username, roles,
                scopes, minRefresh, cacheTtl, connect, read, maxBytes);
    }

    /** {@code application/at+jwt} and {@code at+jwt} are one type (RFC 7515 §4.1.9); case does not matter. */
    public static String normalizedType(String typ) {
        String lower = typ.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    private static String required(Values v, String key, String what) {
        String value = v.optional(key);
        if (value == null) {
            throw v.error(key, "is required for this trusted issuer; set it to " + what);
        }
        return value;
    }

    private static URI jwksUri(Values v, String key) {
        String value = required(v, key, "the provider's JWKS address, e.g."
                + " https://idp.example.com/realms/main/protocol/openid-connect/certs");
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw v.error(key, "is not a URI; write the https address of the provider's key set");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
            throw v.error(key, "is not an absolute http(s) address with a host; write e.g."
                    + " https://idp.example.com/.well-known/jwks.json");
        }
        if (uri.getRawUserInfo() != null) {
            throw v.error(key, "carries user information before the host; key sets are public, remove it");
        }
        if (uri.getRawFragment() != null) {
            throw v.error(key, "carries a fragment (#...), which is never sent; remove it");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!loopback(uri.getHost())) {
                throw v.error(key, "uses http to a host that is not a loopback address: anyone on the path could"
                        + " substitute keys; use https (http is accepted for localhost, 127.0.0.0/8 and [::1] only)");
            }
        } else if (!scheme.equals("https")) {
            throw v.error(key, "uses the scheme '" + scheme + "'; use https");
        }
        return uri;
    }

    /** Loopback by its literal form only: no name is resolved at start (decision 430). */
    static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = IPV4.matcher(host).matches() || (host.startsWith("[") && host.endsWith("]"));
        if (!literal) {
            return false;
        }
        try {
            // A literal address is parsed, never looked up.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Set<JwsAlgorithm> algorithms(Values v, String key) {
        Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
        for (String name : list(orDefault(v, key, "RS256"))) {
            Optional<JwsAlgorithm> alg = JwsAlgorithm.byName(name);
            if (alg.isEmpty()) {
                throw v.error(key, "'" + name + "' is not a JWS algorithm JwtGate knows; list some of RS256, RS384,"
                        + " RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA (exact case)");
            }
            if (!alg.get().family().asymmetric()) {
                throw v.error(key, "'" + name + "' is an HMAC algorithm: a provider's tokens must be verifiable with"
                        + " its published public keys, never with a shared secret; list asymmetric ones such as RS256");
            }
            algorithms.add(alg.get());
        }
        if (algorithms.isEmpty()) {
            throw v.error(key, "no algorithm is listed; list e.g. RS256");
        }
        return algorithms;
    }

    private static ClaimPath claim(Values v, String key, String defaultValue) {
        try {
            return ClaimPath.parse(orDefault(v, key, defaultValue));
        } catch (IllegalArgumentException e) {
            throw v.error(key, "is not a claim name or dotted path; write e.g. " + defaultValue
                    + " or realm_access.roles");
        }
    }

    private static Duration bounded(Values v, String key, Duration defaultValue, Duration min, Duration max) {
        Duration d = v.duration(key, defaultValue);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw v.error(key, d + " is out of range; write a duration from " + min + " to " + max);
        }
        return d;
    }

    /** The trimmed value; blank counts as unset, as everywhere in the settings. */
    private static String orDefault(Values v, String key, String defaultValue) {
        String value = v.optional(key);
        return value == null ? defaultValue : value;
    }

    /** Values separated by commas and/or blanks. */
    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    /** The configured issuers, sorted by name. */
    public List<TrustedIssuer> all() {
        return issuers;
    }

    /** The configured names, sorted. */
    public List<String> names() {
        return issuers.stream().map(TrustedIssuer::name).toList();
    }

    public boolean isEmpty() {
        return issuers.isEmpty();
    }

    /** For the start-up log: each issuer's name, {@code iss}, audience and key set address (none of them secret). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (TrustedIssuer i : issuers) {
            b.append(b.length() == 0 ? "" : "; ").append("trusted issuer '").append(i.name()).append("' (iss ")
                    .append(i.issuer()).append(", aud ").append(i.audience()).append(", keys from ")
                    .append(i.jwksUri()).append(", ").append(new java.util.TreeSet<>(i.algorithms())).append(')');
        }
        return b.length() == 0 ? "no trusted issuers" : b.toString();
    }
}
