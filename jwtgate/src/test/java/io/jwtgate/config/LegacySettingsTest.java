package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.password.TomcatDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code jwtgate.legacy.*} keys: defaults, the realm table's identifiers, and refusals that name the key. */
class LegacySettingsTest {

    private static Settings load(Map<String, String> params) {
        Map<String, String> p = new HashMap<>(params);
        p.put("jwtgate.signing.secret", "legacy-settings-key-N4qW8eJ2rT6yU0iO5pA9sD3f");
        return Settings.from(SettingsSources.resolve(new Properties(), Map.of(), Map.of(), p,
                LegacySettingsTest.class.getClassLoader()));
    }

    private static void refused(String key, Map<String, String> params) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(params));
        assertEquals(key, e.key(), e.getMessage());
    }

    private static Map<String, String> realm() {
        Map<String, String> p = new HashMap<>();
        p.put(Keys.LEGACY_USERS_TABLE, "users");
        p.put(Keys.LEGACY_USER_COLUMN, "user_name");
        p.put(Keys.LEGACY_CREDENTIAL_COLUMN, "user_pass");
        p.put(Keys.LEGACY_ROLES_TABLE, "app.user_roles");
        p.put(Keys.LEGACY_ROLE_COLUMN, "role_name");
        return p;
    }

    @Test
    void legacyFeaturesAreOffByDefault() {
        Settings s = load(Map.of());
        assertFalse(s.legacy().legacyAllowPlaintext());
        assertEquals(TomcatDigest.AUTO, s.legacy().legacyDigest());
        assertTrue(s.legacy().legacyTable().isEmpty());
    }

    @Test
    void realmTableIsReadAsDataSourceRealmIsConfigured() {
        LegacyTable t = load(realm()).legacy().legacyTable().orElseThrow();
        assertEquals(new LegacyTable("users", "user_name", "user_pass", "app.user_roles", "role_name"), t);
    }

    @Test
    void realmTableWithoutRolesTableIsAccepted() {
        Map<String, String> p = realm();
        p.remove(Keys.LEGACY_ROLES_TABLE);
        p.remove(Keys.LEGACY_ROLE_COLUMN);
        LegacyTable t = load(p).legacy().legacyTable().orElseThrow();
        assertEquals(null, t.rolesTable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users; DROP TABLE x", "users--", "\"users\"", "a.b.c", "1users", "us ers", "users.",
            "`users`", "u'sers"})
    void tableNamesThatAreNotPlainIdentifiersAreRefusedNamingTheKey(String name) {
        Map<String, String> p = realm();
        p.put(Keys.LEGACY_USERS_TABLE, name);
        refused(Keys.LEGACY_USERS_TABLE, p);
    }

    @ParameterizedTest
    @ValueSource(strings = {Keys.LEGACY_USER_COLUMN, Keys.LEGACY_CREDENTIAL_COLUMN, Keys.LEGACY_ROLE_COLUMN})
    void columnNamesThatAreNotPlainIdentifiersAreRefusedNamingTheKey(String key) {
        Map<String, String> p = realm();
        p.put(key, "name) OR (1=1");
        refused(key, p);
        p.put(key, "schema.column");
        refused(key, p);
    }

    @Test
    void missingColumnsAndHalfARolesTableAreRefusedNamingTheMissingKey() {
        Map<String, String> p = realm();
        p.remove(Keys.LEGACY_USER_COLUMN);
        refused(Keys.LEGACY_USER_COLUMN, p);
        p = realm();
        p.remove(Keys.LEGACY_CREDENTIAL_COLUMN);
        refused(Keys.LEGACY_CREDENTIAL_COLUMN, p);
        p = realm();
        p.remove(Keys.LEGACY_ROLES_TABLE);
        refused(Keys.LEGACY_ROLES_TABLE, p);
        p = realm();
        p.remove(Keys.LEGACY_ROLE_COLUMN);
        refused(Keys.LEGACY_ROLE_COLUMN, p);
    }

    @Test
    void columnsWithoutTheUsersTableAreRefused() {
        Map<String, String> p = realm();
        p.remove(Keys.LEGACY_USERS_TABLE);
        refused(Keys.LEGACY_USER_COLUMN, p);
    }

    @Test
    void digestTakesTomcatAlgorithmNamesAndRefusesOthers() {
        assertEquals(TomcatDigest.SHA_256, load(Map.of(Keys.LEGACY_DIGEST, "sha-256")).legacy().legacyDigest());
        assertEquals(TomcatDigest.SHA_1, load(Map.of(Keys.LEGACY_DIGEST, "SHA")).legacy().legacyDigest());
        assertEquals(TomcatDigest.PBKDF2_SHA512, load(Map.of(Keys.LEGACY_DIGEST, "PBKDF2WithHmacSHA512")).legacy().legacyDigest());
        refused(Keys.LEGACY_DIGEST, Map.of(Keys.LEGACY_DIGEST, "crc32"));
        assertTrue(load(Map.of(Keys.LEGACY_ALLOW_PLAINTEXT, "true")).legacy().legacyAllowPlaintext());
        refused(Keys.LEGACY_ALLOW_PLAINTEXT, Map.of(Keys.LEGACY_ALLOW_PLAINTEXT, "maybe"));
    }
}
