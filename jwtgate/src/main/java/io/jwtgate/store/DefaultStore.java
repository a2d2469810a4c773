package io.jwtgate.store;

import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The H2 file a JwtGate without {@code jwtgate.jdbc.url} or {@code jwtgate.jdbc.datasource} keeps
 * its users in: the application's own file in {@code jwtgate.data-dir}, named after its context
 * path (decision 178), or the single {@code jwtgate.mv.db} of an earlier version while the
 * application has no own file yet, so an upgrade keeps its users (decision 179).
 */
final class DefaultStore {

    private static final System.Logger LOG = System.getLogger(DefaultStore.class.getName());

    private final Path file;
    private final String url;
    private final String ownBase;
    private final boolean legacy;

    private DefaultStore(Path realDir, String base, String ownBase) {
        this.file = realDir.resolve(base + ".mv.db");
        this.url = Database.h2Url(realDir, base);
        this.ownBase = ownBase;
        this.legacy = !base.equals(ownBase);
    }

    /** Chooses the file for {@code settings}, checks its directory and prepares its files. */
    static DefaultStore of(Settings settings) {
        Path dir = Database.privateDirectory(settings.dataDir());
        if (settings.contextPath().isEmpty()) {
            Database.prepare(dir, StoreFileName.LEGACY);
            return new DefaultStore(dir, StoreFileName.LEGACY, StoreFileName.LEGACY);
        }
        String contextPath = settings.contextPath().get();
        String own;
        try {
            own = StoreFileName.forContextPath(contextPath);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(Keys.JDBC_URL, "no default store for this application: " + e.getMessage()
                    + "; set " + Keys.JDBC_URL + " (an H2 file of your choice or a database server)");
        }
        String base = own;
        Path legacyFile = dir.resolve(StoreFileName.LEGACY + ".mv.db");
        Path ownFile = dir.resolve(own + ".mv.db");
        if (holdsData(legacyFile) && missingOrEmpty(ownFile)) {
            base = StoreFileName.LEGACY;
            LOG.log(Level.WARNING, "JwtGate for {0}: keeps using {1}, the store of an earlier version, so that"
                    + " its users stay; that file can serve one application only. To give this application its own"
                    + " store, stop it and rename {2} to {3} (and {4} to {5}); to share users between applications,"
                    + " set {6} to one database (decision 179)",
                    contextPath.isEmpty() ? "/" : contextPath, legacyFile, StoreFileName.LEGACY + ".mv.db",
                    own + ".mv.db", StoreFileName.LEGACY + ".trace.db", own + ".trace.db", Keys.JDBC_URL);
        }
        Database.prepare(dir, base);
        return new DefaultStore(dir, base, own);
    }

    String url() {
        return url;
    }

    /**
     * The start-up error when H2 cannot open the file: it names the file, the settings and the
     * fixes (decision 181).
     *
     * @param cause H2's innermost message, e.g. "MVStoreException: The file is locked: …"
     */
    ConfigurationException cannotOpen(String cause) {
        String why = "the default store " + file + " cannot be opened (" + cause + "). If another process or"
                + " application has it open: give each application its own file (the default, named after its"
                + " context path) or its own " + Keys.DATA_DIR + ", or set " + Keys.JDBC_URL
                + " to one database for the applications that share users";
        if (legacy) {
            why += "; this is the single file of an earlier version, which every application without a file of"
                    + " its own keeps using: rename it to " + ownBase + ".mv.db for the application whose users it"
                    + " holds (decision 179)";
        }
        return new ConfigurationException(Keys.DATA_DIR, why);
    }

    /** A regular file with content: an earlier version's database. */
    private static boolean holdsData(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && a.size() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * No file, or the empty one JwtGate prepares before H2 opens it (left by a start that failed
     * before H2 wrote to it): anything else is the application's own store, or something the
     * file checks must refuse.
     */
    private static boolean missingOrEmpty(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && a.size() == 0;
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
