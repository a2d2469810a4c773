package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.token.JwsAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    private static final String SECRET = "settings-test-key-N4qW8eJ2rT6yU0iO5pA9sD3f";

    @TempDir
    Path dir;

    private static Settings load(Properties sys, Map<String, String> env, Map<String, String> init,
            Map<String, String> context) {
        return Settings.from(SettingsSources.resolve(sys, env, init, context, SettingsTest.class.getClassLoader()));
    }

    private static Settings load(Map<String, String> context) {
        return load(new Properties(), Map.of(), Map.of(), context);
    }

    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("jwtgate.signing.secret", SECRET);
        return m;
    }

    private static ConfigurationException fails(Map<String, String> context) {
        return assertThrows(ConfigurationException.class, () -> load(context));
    }

    /** A refusal must name the key at fault, in {@code key()} and where an operator reads it. */
    private static void assertNamesKey(String key, ConfigurationException e) {
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
    }

    @Test
    void defaultsMatchTheSpec() {
        Settings s = load(base());
        assertEquals(JwsAlgorithm.HS256, s.algorithm());
        assertEquals("jwtgate", s.tokens().issuer());
        assertEquals("jwtgate", s.tokens().audience(), "outside a servlet context the audience is the issuer");
        assertEquals(Duration.ofMinutes(15), s.tokens().accessTokenTtl());
        assertEquals(Duration.ofHours(24), s.tokens().accessTokenMaxTtl());
        assertEquals(Duration.ofDays(7), s.tokens().refreshTokenTtl());
        assertEquals(Duration.ofDays(30), s.tokens().sessionMaxLifetime());
        assertEquals(Duration.ofSeconds(30), s.tokens().clockSkew());
        assertEquals(BasicAuthMode.OFF, s.web().basicAuth());
        assertEquals(5, s.login().loginMaxFailures());
        assertEquals(Duration.ofMinutes(5), s.login().loginLockout());
        assertEquals(50, s.login().loginAddressMaxFailures());
        assertEquals(Duration.ofSeconds(2), s.store().revocationRefreshInterval());
        assertEquals(12, s.login().bcryptCost());
        assertEquals(3, s.login().passwordMinScore());
        assertFalse(s.login().registerEnabled());
        assertEquals("jwtgate", s.web().realm());
        assertEquals(Path.of(System.getProperty("user.home"), ".jwtgate"), s.store().dataDir());
    }

    @Test
    void precedenceIsSystemPropertyThenEnvironmentThenInitParamThenContextParamThenFile() throws IOException {
        Path file = dir.resolve("jwtgate.properties");
        Files.writeString(file, "jwtgate.issuer=file\njwtgate.realm=file\njwtgate.audience=file\n"
                + "jwtgate.clock-skew=PT1S\njwtgate.access-token.ttl=60\n");
        Properties sys = new Properties();
        sys.setProperty("jwtgate.issuer", "sys");
        sys.setProperty("unrelated.property", "ignored");
        Map<String, String> env = Map.of("JWTGATE_ISSUER", "env", "JWTGATE_REALM", "env", "PATH", "/bin");
        Map<String, String> init = Map.of("jwtgate.issuer", "init", "jwtgate.realm", "init",
                "jwtgate.audience", "init");
        Map<String, String> context = new HashMap<>(base());
        context.putAll(Map.of("jwtgate.issuer", "ctx", "jwtgate.realm", "ctx", "jwtgate.audience", "ctx",
                "jwtgate.clock-skew", "PT2S", "jwtgate.config", file.toString(), "other.param", "ignored"));
        Settings s = load(sys, env, init, context);
        assertEquals("sys", s.tokens().issuer());
        assertEquals("env", s.web().realm());
        assertEquals("init", s.tokens().audience());
        assertEquals(Duration.ofSeconds(2), s.tokens().clockSkew());
        assertEquals(Duration.ofSeconds(60), s.tokens().accessTokenTtl());
    }

    @Test
    void environmentNamesMapDotsAndDashesToUnderscores() {
        Map<String, String> env = Map.of("JWTGATE_SIGNING_SECRET", SECRET, "JWTGATE_ACCESS_TOKEN_TTL", "PT5M");
        Settings s = load(new Properties(), env, Map.of(), Map.of());
        assertEquals(Duration.ofMinutes(5), s.tokens().accessTokenTtl());
    }

    @Test
    void classpathPropertiesFileIsRead() {
        Map<String, String> ctx = base();
        ctx.put("jwtgate.config", "classpath:test-jwtgate.properties");
        Settings s = load(ctx);
        assertEquals("from-classpath", s.tokens().issuer());
    }

    @Test
    void base64SecretIsDecoded() {
        Map<String, String> m = Map.of("jwtgate.signing.secret", "base64:" + java.util.Base64.getEncoder()
                .encodeToString(randomBytes(48)), "jwtgate.signing.algorithm", "HS384");
        assertEquals(48, load(m).keys().secret().length);
    }

    @Test
    void trustedProxiesThatTrustEveryClientAreRefusedNamingTheKeyAndTheFix() {
        for (String proxies : List.of("0.0.0.0/0", "::/0", "10.0.0.1, ::/0", "0.0.0.0/4", "2000::/3")) {
            Map<String, String> m = base();
            m.put("jwtgate.trusted-proxies", proxies);
            ConfigurationException e = fails(m);
            assertNamesKey("jwtgate.trusted-proxies", e);
            assertTrue(e.getMessage().contains("at least /"), e.getMessage());
        }
        Map<String, String> m = base();
        m.put("jwtgate.trusted-proxies", "10.0.0.0/8, fc00::/7, 192.168.0.0/16, ::1");
        assertNotNull(load(m).web().trustedProxies());
    }

    @Test
    void missingSecretFailsNamingTheKey() {
        ConfigurationException e = fails(new HashMap<>());
        assertEquals("jwtgate.signing.secret", e.key());
        assertTrue(e.getMessage().startsWith("jwtgate.signing.secret: no signing secret"), e.getMessage());
    }

    @Test
    void shortSecretFailsWithoutRevealingIt() {
        Map<String, String> m = Map.of("jwtgate.signing.secret", "short-secret-value");
        ConfigurationException e = fails(m);
        assertEquals("jwtgate.signing.secret", e.key());
        assertTrue(e.getMessage().contains("18 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains("short-secret-value"), e.getMessage());
    }

    @Test
    void hs512NeedsSixtyFourBytes() {
        Map<String, String> m = base();
        m.put("jwtgate.signing.algorithm", "HS512");
        ConfigurationException e = fails(m);
        assertNamesKey("jwtgate.signing.secret", e);
        assertTrue(e.getMessage().contains("at least 64"), e.getMessage());
    }

    @Test
    void invalidBase64SecretFails() {
        ConfigurationException e = fails(Map.of("jwtgate.signing.secret", "base64:***not base64***"));
        assertEquals("jwtgate.signing.secret", e.key());
        assertFalse(e.getMessage().contains("***not"), e.getMessage());
    }

    @Test
    void algorithmNoneFails() {
        Map<String, String> m = base();
        m.put("jwtgate.signing.algorithm", "none");
        ConfigurationException e = fails(m);
        assertEquals("jwtgate.signing.algorithm", e.key());
        assertTrue(e.getMessage().contains("never allowed"));
    }

    @Test
    void unknownAlgorithmFails() {
        Map<String, String> m = base();
        m.put("jwtgate.signing.algorithm", "HS1");
        assertNamesKey("jwtgate.signing.algorithm", fails(m));
    }

    @Test
    void refreshTtlNotLongerThanAccessTtlFails() {
        Map<String, String> m = base();
        m.put("jwtgate.access-token.ttl", "PT1H");
        m.put("jwtgate.refresh-token.ttl", "PT1H");
        ConfigurationException e = fails(m);
        assertEquals("jwtgate.refresh-token.ttl", e.key());
        assertTrue(e.getMessage().contains("(from context-param jwtgate.refresh-token.ttl)"), e.getMessage());
    }

    @Test
    void unparseableDurationFails() {
        Map<String, String> m = base();
        m.put("jwtgate.access-token.ttl", "fifteen minutes");
        ConfigurationException e = fails(m);
        assertEquals("jwtgate.access-token.ttl", e.key());
        assertTrue(e.getMessage().contains("ISO-8601"));
    }

    @Test
    void unparseableRuleFailsNamingTheLine() {
        Map<String, String> m = base();
        m.put("jwtgate.rules", "/public/** -> permit\nGET /admin/** => role:admin");
        ConfigurationException e = fails(m);
        assertEquals("jwtgate.rules", e.key());
        assertTrue(e.getMessage().contains("GET /admin/** => role:admin"), e.getMessage());
    }

    @Test
    void unknownRequirementFails() {
        Map<String, String> m = base();
        m.put("jwtgate.rules", "/x -> rolez:admin");
        assertNamesKey("jwtgate.rules", fails(m));
    }

    @Test
    void badRoleScopesFail() {
        Map<String, String> m = base();
        m.put("jwtgate.role-scopes", "admin all:any");
        assertNamesKey("jwtgate.role-scopes", fails(m));
    }

    @Test
    void unknownKeyWithPrefixFailsInEverySource() {
        Map<String, String> m = base();
        m.put("jwtgate.acess-token.ttl", "PT5M");
        ConfigurationException e = fails(m);
        assertEquals("jwtgate.acess-token.ttl", e.key());
        assertTrue(e.getMessage().contains("unknown configuration key"));

        Properties sys = new Properties();
        sys.setProperty("jwtgate.isuer", "x");
        assertNamesKey("jwtgate.isuer", assertThrows(ConfigurationException.class,
                () -> load(sys, Map.of(), Map.of(), base())));

        assertNamesKey("JWTGATE_ISUER", assertThrows(ConfigurationException.class,
                () -> load(new Properties(), Map.of("JWTGATE_ISUER", "x"), Map.of(), base())));

        assertNamesKey("jwtgate.isuer", assertThrows(ConfigurationException.class,
                () -> load(new Properties(), Map.of(), Map.of("jwtgate.isuer", "x"), base())));
    }

    @Test
    void unknownKeyInPropertiesFileFails() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "jwtgate.issuer=x\nissuer=y\n");
        Map<String, String> m = base();
        m.put("jwtgate.config", file.toString());
        assertNamesKey("issuer", fails(m));
    }

    @Test
    void missingPropertiesFileFails() {
        Map<String, String> m = base();
        m.put("jwtgate.config", dir.resolve("nope.properties").toString());
        ConfigurationException e = fails(m);
        assertEquals("jwtgate.config", e.key());
        assertTrue(e.getMessage().contains("does not exist"));
    }

    @Test
    void throttleKeysHaveTheirDefaultsAndRefuseBadValuesNamingTheKey() {
        Settings s = load(base());
        assertEquals(64, s.login().loginIpv6PrefixLength());
        assertEquals(20, s.login().registerAddressMax());
        assertEquals(Duration.ofHours(1), s.login().registerWindow());
        for (Map.Entry<String, String> bad : List.of(Map.entry("jwtgate.login.ipv6-prefix-length", "0"),
                Map.entry("jwtgate.login.ipv6-prefix-length", "129"), Map.entry("jwtgate.login.ipv6-prefix-length", "x"),
                Map.entry("jwtgate.register.address-max", "0"), Map.entry("jwtgate.register.window", "PT0S"),
                Map.entry("jwtgate.register.window", "1h"))) {
            Map<String, String> m = base();
            m.put(bad.getKey(), bad.getValue());
            assertEquals(bad.getKey(), fails(m).key(), bad.toString());
        }
    }

    @Test
    void allowedOriginsAreEmptyByDefaultAndReadInCanonicalForm() {
        assertEquals(Set.of(), load(base()).web().sameOrigin().allowedOrigins());
        Map<String, String> m = base();
        m.put("jwtgate.allowed-origins", " HTTPS://App.Example.org:443,http://localhost:3000  https://[::1]:8443\n"
                + "http://partner.example:80");
        assertEquals(List.of("https://app.example.org", "http://localhost:3000", "https://[::1]:8443",
                "http://partner.example"), List.copyOf(load(m).web().sameOrigin().allowedOrigins()));
    }

    @Test
    void allowedOriginsThatAreNoOriginsFailNamingTheKeyAndTheEntry() {
        for (String bad : List.of("https://app.example.org/", "https://app.example.org/path", "app.example.org",
                "*", "null", "https://*.example.org", "ftp://files.example.org", "https://user@app.example.org",
                "https://app.example.org:0", "https://app.example.org:65536", "https://app.example.org?x=1",
                "https://app.example.org#top", "https://", "https://app..example.org")) {
            Map<String, String> m = base();
            m.put("jwtgate.allowed-origins", "https://fine.example.org, " + bad);
            ConfigurationException e = fails(m);
            assertNamesKey("jwtgate.allowed-origins", e);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void badBooleanIntegerAndModeFail() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("jwtgate.register.enabled", "yes"),
                Map.entry("jwtgate.login.max-failures", "many"), Map.entry("jwtgate.bcrypt.cost", "4"),
                Map.entry("jwtgate.password.min-score", "5"), Map.entry("jwtgate.password.min-score", "-1"),
                Map.entry("jwtgate.basic-auth", "sometimes"), Map.entry("jwtgate.clock-skew", "PT1H"),
                Map.entry("jwtgate.access-token.ttl", "0"), Map.entry("jwtgate.realm", "a\"b"),
                Map.entry("jwtgate.jdbc.url", "postgres://x"))) {
            Map<String, String> m = base();
            m.put(bad.getKey(), bad.getValue());
            assertNamesKey(bad.getKey(), fails(m));
        }
    }

    @Test
    void urlAndDatasourceTogetherFail() {
        Map<String, String> m = base();
        m.put("jwtgate.jdbc.url", "jdbc:h2:mem:x");
        m.put("jwtgate.jdbc.datasource", "jdbc/x");
        assertNamesKey("jwtgate.jdbc.datasource", fails(m));
    }

    @Test
    void toStringNeverShowsSecrets() {
        Map<String, String> m = base();
        m.put("jwtgate.jdbc.password", "db-password-value");
        m.put("jwtgate.jdbc.url", "jdbc:h2:mem:x");
        String text = load(m).toString();
        assertFalse(text.contains(SECRET));
        assertFalse(text.contains("db-password-value"));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    /** Long enough for HS256 but typed by a person: each is refused, naming the key and the fix, never quoting it. */
    @Test
    void weakSecretsOfSufficientLengthAreRefusedNamingTheKeyButNotTheValue() {
        for (String weak : List.of("a".repeat(40), "secret".repeat(6), "ChangeMe!ChangeMe!ChangeMe!ChangeMe!",
                "Password123Password123Password123", "ThisIsMySecretKeyChangeMe!1234567890",
                "my-super-secret-jwt-signing-key-CHANGE-ME-2024",
                "abcdefghijklmnopqrstuvwxyz0123456789", "0123456789abcdef0123456789abcdef",
                "9876543210zyxwvutsrqponmlkjihgfedcba", "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
                "kL9#mQ2$vX7&pR4*zT6!kL9#mQ2$vX7&pR4*zT6!", "base64:" + java.util.Base64.getEncoder()
                        .encodeToString("changeme-changeme-changeme-changeme".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))) {
            Map<String, String> m = base();
            m.put("jwtgate.signing.secret", weak);
            ConfigurationException e = fails(m);
            assertEquals("jwtgate.signing.secret", e.key(), weak);
            assertTrue(e.getMessage().startsWith("jwtgate.signing.secret: "), e.getMessage());
            assertTrue(e.getMessage().contains("openssl rand -base64 48") && e.getMessage().contains("base64:"),
                    e.getMessage());
            String value = weak.startsWith("base64:") ? weak.substring(7) : weak;
            assertFalse(e.getMessage().contains(value), e.getMessage());
            assertFalse(e.getMessage().contains(weak.substring(0, 12)), e.getMessage());
        }
    }

    @Test
    void randomSecretsAsBase64OrTextPass() {
        for (int i = 0; i < 200; i++) {
            String encoded = java.util.Base64.getEncoder().encodeToString(randomBytes(48));
            for (String secret : List.of("base64:" + encoded, encoded)) {
                Map<String, String> m = base();
                m.put("jwtgate.signing.secret", secret);
                assertEquals(secret.startsWith("base64:") ? 48 : 64,
                        load(m).keys().secret().length);
            }
        }
        Map<String, String> m = base();
        m.put("jwtgate.signing.secret", "correct-horse-battery-staple-rides-at-dawn-42");
        assertEquals(45, load(m).keys().secret().length);
    }

    @Test
    void randomHexSecretsAndUuidsPassThoughHexTextHasAtMost16DistinctCharacters() {
        // openssl rand -hex 32: about one in four such texts lacks one of the 16 hex digits.
        java.util.HexFormat hex = java.util.HexFormat.of();
        for (int i = 0; i < 2000; i++) {
            String secret = hex.formatHex(randomBytes(32));
            Map<String, String> m = base();
            m.put("jwtgate.signing.secret", i % 2 == 0 ? secret : secret.toUpperCase(java.util.Locale.ROOT));
            assertEquals(64, load(m).keys().secret().length);
        }
        for (int i = 0; i < 2000; i++) {
            // A random UUID is 122 bits: weak for HS256's 256, but random, so the checks let it be.
            String secret = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
            Map<String, String> m = base();
            m.put("jwtgate.signing.secret", secret);
            assertEquals(73, load(m).keys().secret().length);
        }
        for (String weak : List.of("0123456789abcdef".repeat(4), "deadbeef".repeat(8), "00".repeat(32),
                "00000000-0000-0000-0000-000000000000-0000")) {
            Map<String, String> m = base();
            m.put("jwtgate.signing.secret", weak);
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(m));
            assertEquals("jwtgate.signing.secret", e.key());
            assertFalse(e.getMessage().contains(weak), "the message never quotes the secret");
        }
    }

    @Test
    void rateLimitDefaultsToABurstOf60And60PerMinuteAndIsOn() {
        Settings s = load(base());
        assertTrue(s.login().rateLimitEnabled());
        assertEquals(60, s.login().rateLimitBurst());
        assertEquals(60, s.login().rateLimitPerMinute());
        Map<String, String> off = base();
        off.put("jwtgate.rate-limit.enabled", "false");
        assertFalse(load(off).login().rateLimitEnabled());
    }

    @Test
    void badRateLimitValuesFailNamingTheKeyEvenWhenTheLimitIsOff() {
        for (String[] bad : new String[][] {{"jwtgate.rate-limit.burst", "0"}, {"jwtgate.rate-limit.burst", "-5"},
                {"jwtgate.rate-limit.burst", "many"}, {"jwtgate.rate-limit.per-minute", "0"},
                {"jwtgate.rate-limit.per-minute", "1000001"}, {"jwtgate.rate-limit.enabled", "maybe"}}) {
            Map<String, String> m = base();
            m.put(bad[0], bad[1]);
            assertNamesKey(bad[0], fails(m));
            m.put("jwtgate.rate-limit.enabled", "false");
            if (!bad[0].equals("jwtgate.rate-limit.enabled")) {
                assertNamesKey(bad[0], fails(m));
            }
        }
    }

    // ------------------------------------------------ audience per application (issue 8 item 8)

    @Test
    void unsetAudienceIsDerivedFromTheIssuerAndTheContextPath() {
        List<ConfigSource> layers = List.of(ConfigSource.of("context-param", base()));
        assertEquals("jwtgate/shop", Settings.from(layers, "/shop").tokens().audience());
        assertEquals("jwtgate/", Settings.from(layers, "").tokens().audience());
        assertEquals("jwtgate/shop/eu", Settings.from(layers, "/shop/eu").tokens().audience());
        Map<String, String> urlIssuer = base();
        urlIssuer.put("jwtgate.issuer", "https://auth.example.org/");
        assertEquals("https://auth.example.org/shop",
                Settings.from(List.of(ConfigSource.of("context-param", urlIssuer)), "/shop").tokens().audience());
        assertEquals("https://auth.example.org/",
                Settings.from(List.of(ConfigSource.of("context-param", urlIssuer)), "").tokens().audience());
        assertEquals("https://auth.example.org", Settings.from(List.of(ConfigSource.of("context-param", urlIssuer)))
                .tokens().audience(), "outside a context: the issuer, never the root application's audience");
    }

    @Test
    void configuredAudienceWinsOverTheDerivedOne() {
        Map<String, String> m = base();
        m.put("jwtgate.audience", "shared-api");
        assertEquals("shared-api", Settings.from(List.of(ConfigSource.of("context-param", m)), "/shop").tokens().audience());
    }

    @Test
    void sourcesNameWhereSecretIssuerAndAudienceCameFromButNeverTheSecret() {
        Properties sys = new Properties();
        sys.setProperty("jwtgate.signing.secret", SECRET);
        Map<String, String> env = Map.of("JWTGATE_ISSUER", "https://auth.example.org");
        Settings derived = Settings.from(SettingsSources.resolve(sys, env, Map.of(), Map.of(),
                SettingsTest.class.getClassLoader()), "/shop");
        assertEquals("signing secret from system property jwtgate.signing.secret; issuer 'https://auth.example.org'"
                + " from environment variable JWTGATE_ISSUER; audience 'https://auth.example.org/shop' derived from"
                + " the issuer and the context path", derived.sources());
        Settings configured = load(new Properties(), Map.of(), Map.of("jwtgate.audience", "api"), base());
        assertEquals("signing secret from context-param jwtgate.signing.secret; issuer 'jwtgate' from default;"
                + " audience 'api' from init-param jwtgate.audience", configured.sources());
        assertFalse(derived.sources().contains(SECRET));
        assertFalse(derived.toString().contains(SECRET), "toString never prints the secret");
        assertFalse(derived.toString().contains(java.util.Base64.getEncoder().encodeToString(
                SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void jvmWideValueOverridingTheApplicationsOwnIsReportedWithoutTheValues() {
        Properties sys = new Properties();
        sys.setProperty("jwtgate.signing.secret", SECRET);
        Map<String, String> env = Map.of("JWTGATE_ISSUER", "env-issuer", "JWTGATE_REALM", "same");
        Map<String, String> context = Map.of("jwtgate.signing.secret", "app-own-key-H3jK8mN2pQ5rS9tV1wX4yZ7b",
                "jwtgate.issuer", "ctx-issuer", "jwtgate.realm", "same", "jwtgate.bcrypt.cost", "11");
        List<String> warnings = SettingsSources.overrides(SettingsSources.resolve(sys, env, Map.of(), context,
                SettingsTest.class.getClassLoader()));
        assertEquals(List.of(
                "jwtgate.signing.secret: the JVM-wide system property jwtgate.signing.secret overrides this"
                        + " application's own context-param jwtgate.signing.secret (the JVM-wide value applies to"
                        + " every application in this JVM); set the key in one place only",
                "jwtgate.issuer: the JVM-wide environment variable JWTGATE_ISSUER overrides this application's own"
                        + " context-param jwtgate.issuer (the JVM-wide value applies to every application in this"
                        + " JVM); set the key in one place only"), warnings,
                "equal values (realm) and keys set in one place only (bcrypt cost) are not reported");
    }

    @Test
    void applicationValueOverJvmWideOnesIsNotAWarning() {
        // Only JVM-wide layers win over the application; an init-param over a context-param is its own choice.
        Map<String, String> init = Map.of("jwtgate.issuer", "init");
        Map<String, String> context = new HashMap<>(base());
        context.put("jwtgate.issuer", "ctx");
        assertEquals(List.of(), SettingsSources.overrides(SettingsSources.resolve(new Properties(), Map.of(), init,
                context, SettingsTest.class.getClassLoader())));
    }

    @Test
    void noPublicMethodOfSettingsHandsOutKeyMaterial() {
        for (java.lang.reflect.Method m : Settings.class.getMethods()) {
            Class<?> type = m.getReturnType();
            assertFalse(type == byte[].class || type == char[].class || java.security.Key.class.isAssignableFrom(type)
                    || type.getName().startsWith("io.jwtgate.token.Key") || type.getName().startsWith("io.jwtgate.token.JwtKey"),
                    "public " + m);
        }
    }
}
