package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CookieSettingsTest {

    private static final String SECRET = "cookie-settings-test-key-Q7wE3rT9yU1iO5pA2sD8f";

    private static Settings load(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put(Keys.SIGNING_SECRET, SECRET);
        m.putAll(extra);
        return Settings.from(List.of(ConfigSource.of("test", m)));
    }

    private static ConfigurationException refused(String key, Map<String, String> extra) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(extra));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        return e;
    }

    @Test
    void cookieModeIsOffByDefaultWithTheDocumentedDefaults() {
        CookieSettings c = load(Map.of()).cookies();
        assertFalse(c.enabled());
        assertEquals("jwtgate", c.name());
        assertFalse(c.insecureLocalhost());
        assertEquals(Duration.ofSeconds(10), c.refreshGrace());
        assertEquals(Optional.empty(), c.loginPage());
    }

    @Test
    void everyKeyIsReadWhenSet() {
        CookieSettings c = load(Map.of(Keys.COOKIE_ENABLED, "true", Keys.COOKIE_NAME, "shop_1",
                Keys.COOKIE_INSECURE_LOCALHOST, "true", Keys.COOKIE_REFRESH_GRACE, "PT30S",
                Keys.COOKIE_LOGIN_PAGE, "/WEB-INF/login.jsp")).cookies();
        assertTrue(c.enabled());
        assertEquals("shop_1", c.name());
        assertTrue(c.insecureLocalhost());
        assertEquals(Duration.ofSeconds(30), c.refreshGrace());
        assertEquals(Optional.of("/WEB-INF/login.jsp"), c.loginPage());
    }

    @Test
    void zeroGraceMeansStrictAndIsAccepted() {
        assertEquals(Duration.ZERO, load(Map.of(Keys.COOKIE_ENABLED, "true", Keys.COOKIE_REFRESH_GRACE, "0"))
                .cookies().refreshGrace());
    }

    @Test
    void keysAreKnownAndListedAfterAllowedOrigins() {
        int origins = Keys.ALL.indexOf(Keys.ALLOWED_ORIGINS);
        assertEquals(List.of(Keys.COOKIE_ENABLED, Keys.COOKIE_NAME, Keys.COOKIE_INSECURE_LOCALHOST,
                Keys.COOKIE_REFRESH_GRACE, Keys.COOKIE_LOGIN_PAGE), Keys.ALL.subList(origins + 1, origins + 6));
        assertEquals(Keys.COOKIE_REFRESH_GRACE, Keys.fromEnvironmentName("JWTGATE_COOKIE_REFRESH_GRACE"));
    }

    @Test
    void badNamesAreRefusedNamingTheKey() {
        for (String bad : List.of("jwt gate", "jwt.gate", "a;b", "x".repeat(33), "jwt=gate", "__Host-x")) {
            refused(Keys.COOKIE_NAME, Map.of(Keys.COOKIE_NAME, bad));
        }
    }

    @Test
    void graceAboveSixtySecondsIsRefused() {
        ConfigurationException e = refused(Keys.COOKIE_REFRESH_GRACE, Map.of(Keys.COOKIE_REFRESH_GRACE, "PT61S"));
        assertTrue(e.getMessage().contains("PT60S"), e.getMessage());
        refused(Keys.COOKIE_REFRESH_GRACE, Map.of(Keys.COOKIE_REFRESH_GRACE, "soon"));
    }

    @Test
    void graceAtOrAboveTheAccessTokenLifetimeIsRefusedInCookieMode() {
        ConfigurationException e = refused(Keys.COOKIE_REFRESH_GRACE, Map.of(Keys.COOKIE_ENABLED, "true",
                Keys.ACCESS_TOKEN_TTL, "PT20S", Keys.COOKIE_REFRESH_GRACE, "PT20S"));
        assertTrue(e.getMessage().contains(Keys.ACCESS_TOKEN_TTL), e.getMessage());
        // Off, the grace is never used, so a short access TTL elsewhere does not fail the start.
        assertFalse(load(Map.of(Keys.ACCESS_TOKEN_TTL, "PT5S")).cookies().enabled());
    }

    @Test
    void loginPagesThatAreNoPlainLocalPathAreRefused() {
        for (String bad : List.of("login.jsp", "/a/../login.jsp", "/./login", "/login?x=1", "/login#f", "/a\\b",
                "/a b", "http://evil.example/login")) {
            refused(Keys.COOKIE_LOGIN_PAGE, Map.of(Keys.COOKIE_LOGIN_PAGE, bad));
        }
    }

    @Test
    void cookieModeWithJaspicFailsTheStart() {
        ConfigurationException e = refused(Keys.COOKIE_ENABLED, Map.of(Keys.COOKIE_ENABLED, "true",
                Keys.JASPIC_ENABLED, "true"));
        assertTrue(e.getMessage().contains(Keys.JASPIC_ENABLED), e.getMessage());
        assertTrue(load(Map.of(Keys.JASPIC_ENABLED, "true")).rules().jaspicEnabled(), "cookie mode off: fine");
    }
}
