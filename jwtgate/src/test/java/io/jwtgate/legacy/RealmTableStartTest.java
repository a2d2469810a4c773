package io.jwtgate.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Keys;
import io.jwtgate.legacy.RealmDatabase.Engine;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The start-up check of the realm table keys: a wrong name fails the start naming its key. */
class RealmTableStartTest {

    @TempDir
    Path dir;

    private ConfigurationException startFails(RealmDatabase realm, String key, String value) {
        Map<String, String> params = TestSettings.params(dir);
        realm.configure(params);
        params.put(key, value);
        return assertThrows(ConfigurationException.class, () -> JwtGate.start(TestSettings.settings(params)).close());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMissingTableOrColumnFailsTheStartNamingItsKey(Engine engine) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(engine, dir)) {
            for (String[] wrong : new String[][] {{Keys.LEGACY_USERS_TABLE, "no_such_table"},
                    {Keys.LEGACY_USER_COLUMN, "username"}, {Keys.LEGACY_CREDENTIAL_COLUMN, "password"},
                    {Keys.LEGACY_ROLES_TABLE, "roles"}, {Keys.LEGACY_ROLE_COLUMN, "rolename"}}) {
                ConfigurationException e = startFails(realm, wrong[0], wrong[1]);
                assertEquals(wrong[0], e.key(), e.getMessage());
                assertTrue(e.getMessage().startsWith(wrong[0] + ": "), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void jwtGatesOwnTablesCannotBeTheRealm(Engine engine) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(engine, dir)) {
            ConfigurationException e = startFails(realm, Keys.LEGACY_USERS_TABLE, "jwtgate_users");
            assertEquals(Keys.LEGACY_USERS_TABLE, e.key());
            e = startFails(realm, Keys.LEGACY_ROLES_TABLE, "JWTGATE_users");
            assertEquals(Keys.LEGACY_ROLES_TABLE, e.key());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theDocumentedTomcatLayoutStarts(Engine engine) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(engine, dir)) {
            Map<String, String> params = TestSettings.params(dir);
            realm.configure(params);
            try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
                assertTrue(gate.settings().legacy().legacyTable().isPresent());
            }
        }
    }
}
