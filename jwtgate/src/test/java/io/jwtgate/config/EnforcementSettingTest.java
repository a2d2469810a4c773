package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.TestSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code jwtgate.enforcement}: enforce by default, report-only on request, anything else refused by name. */
class EnforcementSettingTest {

    private static Settings load(String value) {
        Map<String, String> p = new java.util.HashMap<>(Map.of("jwtgate.signing.secret", TestSettings.SECRET));
        if (value != null) {
            p.put(Keys.ENFORCEMENT, value);
        }
        return Settings.from(List.of(ConfigSource.of("test", p)));
    }

    @Test
    void enforcementDefaultsToEnforce() {
        assertEquals(EnforcementMode.ENFORCE, load(null).rules().enforcement());
    }

    @Test
    void reportOnlyAndEnforceAreAcceptedInAnyCase() {
        assertEquals(EnforcementMode.REPORT_ONLY, load("report-only").rules().enforcement());
        assertEquals(EnforcementMode.REPORT_ONLY, load(" Report-Only ").rules().enforcement());
        assertEquals(EnforcementMode.ENFORCE, load("ENFORCE").rules().enforcement());
        assertTrue(load("report-only").toString().contains("enforcement=report-only"));
    }

    @Test
    void unknownEnforcementModeFailsStartNamingTheKeyAndTheModes() {
        for (String bad : List.of("report_only", "off", "", "warn")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(bad), bad);
            assertEquals(Keys.ENFORCEMENT, e.key(), e.getMessage());
            assertTrue(e.getMessage().startsWith(Keys.ENFORCEMENT + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("report-only") && e.getMessage().contains("enforce"), e.getMessage());
        }
    }

    @Test
    void reportOnlyWithJaspicFailsStartNamingBothKeys() {
        Map<String, String> p = Map.of("jwtgate.signing.secret", TestSettings.SECRET, Keys.ENFORCEMENT, "report-only",
                Keys.JASPIC_ENABLED, "true");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Settings.from(List.of(ConfigSource.of("test", p))));
        assertEquals(Keys.ENFORCEMENT, e.key());
        assertTrue(e.getMessage().contains(Keys.JASPIC_ENABLED), e.getMessage());
        Map<String, String> enforcing = Map.of("jwtgate.signing.secret", TestSettings.SECRET, Keys.JASPIC_ENABLED, "true");
        assertEquals(EnforcementMode.ENFORCE, Settings.from(List.of(ConfigSource.of("test", enforcing))).rules().enforcement());
    }
}
