package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.token.JwsAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code jwtgate.trusted-issuer.<name>.*}: parsed and validated at start, every refusal naming its key. */
class TrustedIssuersTest {

    private static final String SECRET = "issuers-test-key-Z8xC3vB7nM1qW5eR9tY2uI6o";
    private static final String P = "jwtgate.trusted-issuer.kc.";

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("jwtgate.signing.secret", SECRET);
        m.put(P + "issuer", "https://idp.example.com/realms/main");
        m.put(P + "audience", "legacy-app");
        m.put(P + "jwks-uri", "https://idp.example.com/realms/main/protocol/openid-connect/certs");
        return m;
    }

    private static Settings load(Map<String, String> context) {
        return Settings.from(SettingsSources.resolve(new Properties(), Map.of(), Map.of(), context,
                TrustedIssuersTest.class.getClassLoader()));
    }

    private static ConfigurationException fails(String key, Map<String, String> context) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(context));
        assertEquals(key, e.key(), e.getMessage());
        return e;
    }

    private static Map<String, String> with(String field, String value) {
        Map<String, String> m = minimal();
        m.put(P + field, value);
        return m;
    }

    @Test
    void noneByDefault() {
        Map<String, String> m = new HashMap<>();
        m.put("jwtgate.signing.secret", SECRET);
        assertTrue(load(m).trustedIssuers().isEmpty());
    }

    @Test
    void minimalIssuerGetsTheDocumentedDefaults() {
        TrustedIssuers all = load(minimal()).trustedIssuers();
        assertEquals(List.of("kc"), all.names());
        TrustedIssuer kc = all.all().get(0);
        assertEquals("https://idp.example.com/realms/main", kc.issuer());
        assertEquals("legacy-app", kc.audience());
        assertEquals(URI.create("https://idp.example.com/realms/main/protocol/openid-connect/certs"), kc.jwksUri());
        assertEquals(Set.of(JwsAlgorithm.RS256), kc.algorithms());
        assertEquals(Set.of("at+jwt", "jwt"), kc.headerTypes());
        assertTrue(kc.typAbsentAllowed());
        assertEquals("preferred_username", kc.usernameClaim().toString());
        assertEquals("roles", kc.rolesClaim().toString());
        assertEquals("scope", kc.scopesClaim().toString());
        assertEquals(Duration.ofSeconds(30), kc.minRefresh());
        assertEquals(Duration.ofMinutes(5), kc.cacheTtl());
        assertEquals(Duration.ofSeconds(2), kc.connectTimeout());
        assertEquals(Duration.ofSeconds(3), kc.readTimeout());
        assertEquals(65536, kc.maxJwksBytes());
    }

    @Test
    void everyFieldIsRead() {
        Map<String, String> m = minimal();
        m.put(P + "algorithms", "ES256, PS384 RS512");
        m.put(P + "typ", "application/at+jwt");
        m.put(P + "username-claim", "email");
        m.put(P + "roles-claim", "resource_access.legacy-app.roles");
        m.put(P + "scopes-claim", "scp");
        m.put(P + "min-refresh", "PT10S");
        m.put(P + "cache-ttl", "600");
        m.put(P + "connect-timeout", "PT0.5S");
        m.put(P + "read-timeout", "PT1S");
        m.put(P + "max-jwks-bytes", "10000");
        TrustedIssuer kc = load(m).trustedIssuers().all().get(0);
        assertEquals(Set.of(JwsAlgorithm.ES256, JwsAlgorithm.PS384, JwsAlgorithm.RS512), kc.algorithms());
        assertEquals(Set.of("at+jwt"), kc.headerTypes());
        assertFalse(kc.typAbsentAllowed());
        assertEquals("email", kc.usernameClaim().toString());
        assertEquals("resource_access.legacy-app.roles", kc.rolesClaim().toString());
        assertEquals("scp", kc.scopesClaim().toString());
        assertEquals(Duration.ofSeconds(10), kc.minRefresh());
        assertEquals(Duration.ofMinutes(10), kc.cacheTtl());
        assertEquals(Duration.ofMillis(500), kc.connectTimeout());
        assertEquals(Duration.ofSeconds(1), kc.readTimeout());
        assertEquals(10000, kc.maxJwksBytes());
    }

    @Test
    void environmentVariablesAloneConfigureAnIssuer() {
        Map<String, String> env = new HashMap<>();
        env.put("JWTGATE_SIGNING_SECRET", SECRET);
        env.put("JWTGATE_TRUSTED_ISSUER_AUTH0_ISSUER", "https://tenant.eu.auth0.com/");
        env.put("JWTGATE_TRUSTED_ISSUER_AUTH0_AUDIENCE", "https://api.example.com");
        env.put("JWTGATE_TRUSTED_ISSUER_AUTH0_JWKS_URI", "https://tenant.eu.auth0.com/.well-known/jwks.json");
        env.put("JWTGATE_TRUSTED_ISSUER_AUTH0_ROLES_CLAIM", "https://example.com/roles");
        TrustedIssuers all = Settings.from(SettingsSources.resolve(new Properties(), env, Map.of(), Map.of(),
                getClass().getClassLoader())).trustedIssuers();
        assertEquals(List.of("auth0"), all.names());
        assertEquals("https://example.com/roles", all.all().get(0).rolesClaim().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"issuer", "audience", "jwks-uri"})
    void requiredFieldsAreRequired(String field) {
        Map<String, String> m = minimal();
        m.remove(P + field);
        assertTrue(fails(P + field, m).getMessage().contains("required"));
    }

    @Test
    void anIssuerNamedByAnyFieldAloneIsIncompleteNotIgnored() {
        Map<String, String> m = new HashMap<>();
        m.put("jwtgate.signing.secret", SECRET);
        m.put("jwtgate.trusted-issuer.other.roles-claim", "groups");
        fails("jwtgate.trusted-issuer.other.issuer", m);
    }

    @Test
    void issuerMustDifferFromJwtGatesOwnAndFromEveryOtherTrustedIssuer() {
        Map<String, String> own = with("issuer", "jwtgate");
        assertTrue(fails(P + "issuer", own).getMessage().contains("jwtgate.issuer"));
        Map<String, String> renamed = with("issuer", "https://app.example.com");
        renamed.put("jwtgate.issuer", "https://app.example.com");
        fails(P + "issuer", renamed);

        Map<String, String> twice = minimal();
        twice.put("jwtgate.trusted-issuer.kd.issuer", twice.get(P + "issuer"));
        twice.put("jwtgate.trusted-issuer.kd.audience", "x");
        twice.put("jwtgate.trusted-issuer.kd.jwks-uri", "https://idp.example.com/certs");
        assertTrue(fails("jwtgate.trusted-issuer.kd.issuer", twice).getMessage().contains("'kc'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://idp.example.com/certs",
        "http://10.0.0.5/certs",
        "http://127.0.0.1.nip.io/certs",
        "ftp://idp.example.com/certs",
        "file:///etc/jwks.json",
        "https://user:pw@idp.example.com/certs",
        "https://idp.example.com/certs#keys",
        "/realms/main/certs",
        "https:idp.example.com",
        "not a uri"})
    void unsafeOrUnusableJwksUrisAreRefused(String uri) {
        ConfigurationException e = fails(P + "jwks-uri", with("jwks-uri", uri));
        assertFalse(e.getMessage().contains("pw@"), "never echoes user information");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://idp.example.com/certs",
        "http://localhost:8180/realms/main/protocol/openid-connect/certs",
        "http://127.0.0.1:9000/jwks.json",
        "http://127.8.9.10/jwks.json",
        "http://[::1]:9000/jwks.json"})
    void httpsOrLoopbackHttpIsAccepted(String uri) {
        assertEquals(URI.create(uri), load(with("jwks-uri", uri)).trustedIssuers().all().get(0).jwksUri());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "RS256,HS512", "none", "rs256", "XS256", ","})
    void algorithmsMustBeKnownAndAsymmetric(String algorithms) {
        fails(P + "algorithms", with("algorithms", algorithms));
    }

    @Test
    void anHmacAlgorithmIsRefusedWithTheReason() {
        assertTrue(fails(P + "algorithms", with("algorithms", "HS256")).getMessage().contains("HMAC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b\"c", "at+jwt;x", ","})
    void typValuesMustBeMediaTypes(String typ) {
        fails(P + "typ", with("typ", typ));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".roles", "realm_access..roles", "roles."})
    void claimPathsMustBeWellFormed(String path) {
        Map<String, String> m = with("roles-claim", path);
        if (path.isEmpty()) {
            // Blank means unset: the default applies.
            assertEquals("roles", load(m).trustedIssuers().all().get(0).rolesClaim().toString());
        } else {
            fails(P + "roles-claim", m);
        }
    }

    @Test
    void durationsAndSizesAreBounded() {
        fails(P + "min-refresh", with("min-refresh", "PT0S"));
        fails(P + "min-refresh", with("min-refresh", "PT2H"));
        fails(P + "cache-ttl", with("cache-ttl", "P2D"));
        Map<String, String> shorter = with("min-refresh", "PT5M");
        shorter.put(P + "cache-ttl", "PT1M");
        assertTrue(fails(P + "cache-ttl", shorter).getMessage().contains("min-refresh"));
        fails(P + "connect-timeout", with("connect-timeout", "PT0.01S"));
        fails(P + "connect-timeout", with("connect-timeout", "PT31S"));
        fails(P + "read-timeout", with("read-timeout", "PT1M"));
        fails(P + "max-jwks-bytes", with("max-jwks-bytes", "100"));
        fails(P + "max-jwks-bytes", with("max-jwks-bytes", "lots"));
    }

    @Test
    void loopbackIsDecidedByTheLiteralWithoutLookingUpNames() {
        assertTrue(TrustedIssuers.loopback("localhost"));
        assertTrue(TrustedIssuers.loopback("127.0.0.1"));
        assertTrue(TrustedIssuers.loopback("[::1]"));
        assertFalse(TrustedIssuers.loopback("[::2]"));
        assertFalse(TrustedIssuers.loopback("192.168.1.1"));
        assertFalse(TrustedIssuers.loopback("localhost.example.com"));
        assertFalse(TrustedIssuers.loopback("127.0.0.1.example.com"));
    }
}
