package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile or mistaken trusted-issuer configuration (attack-issuers, issue 12): every probe is refused
 * at start with the key named, or, where the value is a genuine loopback address, accepted.
 */
class TrustedIssuerSettingsAttackTest {

    private static final String SECRET = "issuers-attack-key-Q4wE8rT2yU6iO0pA3sD7fG1h";
    private static final String P = "jwtgate.trusted-issuer.kc.";

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("jwtgate.signing.secret", SECRET);
        m.put(P + "issuer", "https://idp.example.com/realms/main");
        m.put(P + "audience", "legacy-app");
        m.put(P + "jwks-uri", "https://idp.example.com/certs");
        return m;
    }

    private static Settings load(Map<String, String> context) {
        return Settings.from(SettingsSources.resolve(new Properties(), Map.of(), Map.of(), context,
                TrustedIssuerSettingsAttackTest.class.getClassLoader()));
    }

    private static void refused(String key, Map<String, String> context) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(context));
        assertEquals(key, e.key(), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.1/certs", "http://0177.0.0.1/certs", "http://0x7f.0.0.1/certs",
        "http://2130706433/certs", "http://localhost.evil.example/certs", "http://[::ffff:10.0.0.1]/certs",
        "http://0.0.0.0/certs", "http://127.0.0.1@evil.example/certs", "http://evil.example@127.0.0.1/certs",
        "HTTP://idp.example.com/certs", "https:///certs", "jar:https://idp.example.com/x.jar!/certs",
        "//idp.example.com/certs", "https://idp.example.com/certs#", "http://[0:0:0:0:0:ffff:7f00:1]@evil/x"})
    void nonLoopbackHttpUserInfoAndOddAddressesAreRefused(String uri) {
        Map<String, String> m = minimal();
        m.put(P + "jwks-uri", uri);
        refused(P + "jwks-uri", m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/certs", "http://127.0.0.1/certs", "http://[::1]:9/certs",
        "http://127.255.0.1/certs"})
    void loopbackLiteralsMayUseHttp(String uri) {
        Map<String, String> m = minimal();
        m.put(P + "jwks-uri", uri);
        assertEquals(1, load(m).trustedIssuers().all().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "hs256", "RS256, none", "RS256 HS512", "rs256", "RS256,,HS384", "*"})
    void hmacNoneAndUnknownAlgorithmsAreRefused(String algorithms) {
        Map<String, String> m = minimal();
        m.put(P + "algorithms", algorithms);
        refused(P + "algorithms", m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jwtgate", " jwtgate ", "jwtgate\t"})
    void theOwnIssuerIsRefusedWhateverTheBlanks(String issuer) {
        Map<String, String> m = minimal();
        m.put(P + "issuer", issuer);
        refused(P + "issuer", m);
    }

    /**
     * A name outside {@code [a-z0-9]{1,32}} (a hyphen, capitals, a dot) must not be silently ignored:
     * the operator believes an issuer is configured (decision 430: "a stray field is an incomplete
     * issuer, not an ignored one").
     */
    @ParameterizedTest
    @ValueSource(strings = {"my-idp", "Keycloak", "kc_main", "a123456789012345678901234567890123"})
    void anIssuerWithAMalformedNameIsRefusedNotIgnored(String name) {
        Map<String, String> m = new HashMap<>();
        m.put("jwtgate.signing.secret", SECRET);
        String p = "jwtgate.trusted-issuer." + name + ".";
        m.put(p + "issuer", "https://idp.example.com/realms/main");
        m.put(p + "audience", "legacy-app");
        m.put(p + "jwks-uri", "https://idp.example.com/certs");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(m),
                "a trusted issuer named '" + name + "' was silently ignored");
        assertFalse(e.getMessage().contains(SECRET));
    }
}
