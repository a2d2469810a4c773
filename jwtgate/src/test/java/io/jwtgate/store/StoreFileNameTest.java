package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision 178: the context path names the default store's file, one-to-one and safely. */
class StoreFileNameTest {

    /** Paths that a careless mapping would merge, or turn into unsafe file names. */
    private static final List<String> TRICKY = List.of("", "/root", "/ROOT", "/Root", "/shop", "/Shop", "/SHOP",
            "/shop/eu", "/shop#eu", "/shop_eu", "/shop~eu", "/shop-eu", "/shop.eu", "/shop eu", "/shop%2Feu",
            "/shop/Eu", "/s/h/o/p", "/_s", "/~73", "/~72oot", "/..", "/../etc", "/./x", "/a:b", "/a\\b", "/con",
            "/ä", "/a\u0308", "/日本", "/x/", "/x//y", "/-", "/_my_app", "/MyApp", "/my.app", "/a;b", "/a?b");

    @Test
    void rootIsRootAndPlainPathsKeepTheirNames() {
        assertEquals("jwtgate-ROOT", StoreFileName.forContextPath(""));
        assertEquals("jwtgate-shop", StoreFileName.forContextPath("/shop"));
        assertEquals("jwtgate-my-app.v2", StoreFileName.forContextPath("/my-app.v2"));
    }

    @Test
    void nestedPathsAreJoinedWithHashAsTomcatNamesTheirWars() {
        assertEquals("jwtgate-shop#eu", StoreFileName.forContextPath("/shop/eu"));
        assertEquals("jwtgate-a#b#c", StoreFileName.forContextPath("/a/b/c"));
    }

    @Test
    void capitalsAndOtherCharactersAreEscapedSoCaseInsensitiveFileSystemsKeepThemApart() {
        assertEquals("jwtgate-_my_app", StoreFileName.forContextPath("/MyApp"));
        assertEquals("jwtgate-a~20b", StoreFileName.forContextPath("/a b"));
        assertEquals("jwtgate-~c3~a4", StoreFileName.forContextPath("/ä"));
        assertEquals("jwtgate-~5fs", StoreFileName.forContextPath("/_s"));
        assertEquals("jwtgate-~72oot", StoreFileName.forContextPath("/root"), "else it meets ROOT where case is ignored");
        assertEquals("jwtgate-..#etc", StoreFileName.forContextPath("/../etc"), "a '/' never reaches the file system");
    }

    @Test
    void noTwoPathsShareAFileEvenWhereCaseIsIgnored() {
        Map<String, String> byFoldedName = new HashMap<>();
        for (String path : TRICKY) {
            String name = StoreFileName.forContextPath(path);
            String earlier = byFoldedName.put(name.toLowerCase(Locale.ROOT), path);
            assertEquals(null, earlier, path + " and " + earlier + " both give " + name);
            assertEquals(path, StoreFileName.contextPathOf(name), "the name stands for its path alone");
        }
    }

    @Test
    void everyNameIsAPlainFileNameOnPosixAndWindows() {
        for (String path : TRICKY) {
            String name = StoreFileName.forContextPath(path);
            assertTrue(name.matches("jwtgate-(ROOT|[a-z0-9._#~-]+)"), path + " gives " + name);
        }
    }

    @Test
    void aPathTooLongForAFileNameIsRefusedNamingTheJdbcUrlKey(@TempDir Path dir) {
        String longPath = "/" + "x".repeat(StoreFileName.MAX_ENCODED_LENGTH);
        assertThrows(IllegalArgumentException.class, () -> StoreFileName.forContextPath(longPath));
        Settings settings = Settings.from(List.of(ConfigSource.of("test", TestSettings.params(dir))), longPath);

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> JwtGate.start(settings));

        assertEquals(Keys.JDBC_URL, e.key());
        assertTrue(e.getMessage().contains("no default store for this application"), e.getMessage());
    }

    @Test
    void outsideAServletContextTheStoreKeepsTheSingleNameOfEarlierVersions(@TempDir Path dir) throws Exception {
        JwtGate.start(TestSettings.defaultStoreSettings(TestSettings.params(dir))).close();

        assertTrue(Files.size(dir.resolve("jwtgate.mv.db")) > 0);
    }

    @Test
    void aWebApplicationsSettingsOpenItsOwnFile(@TempDir Path dir) throws Exception {
        Settings settings = Settings.from(List.of(ConfigSource.of("test", TestSettings.params(dir))), "/shop/eu");

        JwtGate.start(settings).close();

        assertTrue(Files.size(dir.resolve("jwtgate-shop#eu.mv.db")) > 0);
        assertTrue(Files.notExists(dir.resolve("jwtgate.mv.db")));
    }
}
