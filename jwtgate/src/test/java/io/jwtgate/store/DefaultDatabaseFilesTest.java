package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Keys;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default H2 database's files are their owner's only, also in a data directory JwtGate did
 * not create (one an operator made {@code rwxr-xr-x}), where H2 itself would create them with the
 * umask's {@code rw-r--r--}. POSIX only, like the machines JwtGate is tested and run on.
 */
class DefaultDatabaseFilesTest {

    @TempDir
    Path tmp;

    private Path dir;

    @BeforeEach
    void operatorsDirectory() throws Exception {
        assertTrue(PrivateFiles.posix(tmp), "these tests need a POSIX file system");
        dir = Files.createDirectory(tmp.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void startAndStop() throws Exception {
        try (JwtGate gate = JwtGate.start(TestSettings.defaultStoreSettings(TestSettings.params(dir)))) {
            if (gate.accounts().findByUsername("alice").isEmpty()) {
                gate.accounts().create("alice", null, "correct horse battery", Set.of("user"));
            }
            // A failing statement makes H2 write its trace file, the second file it keeps.
            try (Connection c = DriverManager.getConnection(Database.defaultH2Url(dir));
                    Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.execute("SELECT nothing FROM no_such_table"));
            }
        }
    }

    private TreeMap<String, String> modes() throws Exception {
        TreeMap<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                modes.put(file.getFileName().toString(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        return modes;
    }

    @Test
    void databaseAndTraceFilesAreOwnerOnlyInADirectoryJwtGateDidNotCreate() throws Exception {
        startAndStop();

        TreeMap<String, String> modes = modes();
        assertTrue(modes.keySet().containsAll(List.of("jwtgate.mv.db", "jwtgate.trace.db")), modes.toString());
        assertTrue(Files.size(dir.resolve("jwtgate.trace.db")) > 0, "H2 wrote its trace into the prepared file");
        modes.forEach((name, mode) -> assertEquals("rw-------", mode, name));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
                "the operator's directory keeps its mode");
    }

    @Test
    void filesLeftWorldReadableByAnEarlierVersionAreNarrowedAtStart() throws Exception {
        startAndStop();
        for (String name : Database.DEFAULT_H2_FILES) {
            Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
        }

        startAndStop();

        modes().forEach((name, mode) -> assertEquals("rw-------", mode, name));
    }

    @Test
    void aDataDirectoryOtherUsersMayWriteToRefusesToStartNamingTheKey() throws Exception {
        for (String mode : List.of("rwxrwxrwx", "rwxrwxr-x", "rwx-w--w-")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));

            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> JwtGate.start(TestSettings.defaultStoreSettings(TestSettings.params(dir))), mode);

            assertEquals(Keys.DATA_DIR, e.key());
            assertTrue(e.getMessage().contains(dir + " is writable by other users"), e.getMessage());
            assertTrue(e.getMessage().contains("chmod go-w"), e.getMessage());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing was created in the refused directory");
        }
    }

    @Test
    void aWorldWritableDirectoryWithTheStickyBitIsAcceptedAndItsFilesAreOwnerOnly() throws Exception {
        Files.setAttribute(dir, "unix:mode", 01777);

        startAndStop();

        modes().forEach((name, mode) -> assertEquals("rw-------", mode, name));
    }

    /**
     * Decision 152: with a directory above the data directory that others may write without the
     * sticky bit, another user can swap the data directory for a link to his own planted database
     * between the check and H2's open. Refusing such an ancestor closes that race by construction.
     */
    @Test
    void aDataDirectoryBelowADirectoryOthersMayWriteRefusesToStartNamingThatDirectory() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Path data = Files.createDirectory(shared.resolve("data"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> JwtGate.start(TestSettings.defaultStoreSettings(TestSettings.params(data))));

        assertEquals(Keys.DATA_DIR, e.key());
        assertTrue(e.getMessage().contains(shared + " (above " + data + ") is writable by other users (rwxrwxrwx,"
                + " no sticky bit)"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod go-w"), e.getMessage());
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(0, files.count(), "nothing was created in the refused directory");
        }
    }

    @Test
    void aDataDirectoryBelowAStickyWorldWritableDirectoryIsAccepted() throws Exception {
        Path tmpLike = Files.createDirectory(tmp.resolve("tmp-like"));
        Files.setAttribute(tmpLike, "unix:mode", 01777);
        dir = Files.createDirectory(tmpLike.resolve("data"));

        startAndStop();

        modes().forEach((name, mode) -> assertEquals("rw-------", mode, name));
    }

    /** H2 is given the real path that was checked, never the configured link looked up again. */
    @Test
    void theDatabaseUrlNamesTheCheckedRealDirectoryNotTheConfiguredLink() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);

        String url = Database.defaultH2Url(link);

        assertEquals("jdbc:h2:file:" + dir.toRealPath().resolve("jwtgate") + ";DB_CLOSE_ON_EXIT=FALSE", url);
    }

    @Test
    void aDatabaseFileOfAnotherUserOrASymbolicLinkIsRefused() throws Exception {
        Path target = Files.createFile(tmp.resolve("elsewhere.mv.db"));
        Files.createSymbolicLink(dir.resolve("jwtgate.mv.db"), target);

        ConfigurationException link = assertThrows(ConfigurationException.class,
                () -> JwtGate.start(TestSettings.defaultStoreSettings(TestSettings.params(dir))));

        assertEquals(Keys.DATA_DIR, link.key());
        assertTrue(link.getMessage().contains(dir.resolve("jwtgate.mv.db") + " is a symbolic link"), link.getMessage());

        Files.delete(dir.resolve("jwtgate.mv.db"));
        UserPrincipal me = PrivateFiles.currentUser(dir);
        assertTrue(PrivateFiles.fileProblem(Files.createFile(dir.resolve("jwtgate.mv.db")), me, false).isEmpty());
        UserPrincipal other = dir.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(me.getName().equals("nobody") ? "root" : "nobody");
        assertTrue(PrivateFiles.fileProblem(dir.resolve("jwtgate.mv.db"), other, false).orElseThrow()
                .contains("is owned by " + me.getName() + ", not by " + other.getName()));
    }

    @Test
    void aRunningUserWithoutANameIsFoundAsTheOwnerOfAFileItCreates() throws Exception {
        UserPrincipal named = PrivateFiles.currentUser(dir);
        String original = System.getProperty("user.name");
        // What the JDK reports under a uid without a passwd entry (containers with arbitrary uids).
        System.setProperty("user.name", "?");
        try {
            assertEquals(named, PrivateFiles.currentUser(dir));
            startAndStop();
        } finally {
            System.setProperty("user.name", original);
        }
        modes().forEach((name, mode) -> assertEquals("rw-------", mode, name));
    }
}
