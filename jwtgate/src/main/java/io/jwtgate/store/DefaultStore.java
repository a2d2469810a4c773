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
 * path (decision 178). The single {@code jwtgate.mv.db} of an earlier version is never adopted:
 * while it holds data and the application has no file of its own, the application refuses to
 * start and says how to claim it (decision 206).
 */
final class DefaultStore {

    private static final System.Logger LOG = System.getLogger(DefaultStore.class.getName());

    private final Path file;
    private final String url;

    private DefaultStore(Path realDir, String base) {
        this.file = realDir.resolve(base + ".mv.db");
        this.url = Database.h2Url(realDir, base);
    }

    /** Chooses the file for {@code settings}, checks its directory and prepares its files. */
    static DefaultStore of(Settings settings) {
        Path dir = Database.privateDirectory(settings.store().dataDir());
        if (settings.contextPath().isEmpty()) {
            Database.prepare(dir, StoreFileName.LEGACY);
            return new DefaultStore(dir, StoreFileName.LEGACY);
        }
        String contextPath = settings.contextPath().get();
        String own;
        try {
            own = StoreFileName.forContextPath(contextPath);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(Keys.JDBC_URL, "no default store for this application: " + e.getMessage()
                    + "; set " + Keys.JDBC_URL + " (an H2 file of your choice or a database server)");
        }
        Path legacyFile = dir.resolve(StoreFileName.LEGACY + ".mv.db");
        Path ownFile = dir.resolve(own + ".mv.db");
        if (holdsData(legacyFile)) {
            if (missingOrEmpty(ownFile)) {
                throw refuseLegacy(dir, contextPath, own);
            }
            LOG.log(Level.INFO, "JwtGate for {0}: uses its own store {1} and ignores {2}, the store of an earlier"
                    + " version (decision 206)", displayed(contextPath), ownFile, legacyFile);
        }
        Database.prepare(dir, own);
        return new DefaultStore(dir, own);
    }

    /**
     * An application without its own file never adopts the single file of an earlier version: it
     * may hold another application's users, and whichever application opened it first would own
     * them (decision 206). The error names both ways out.
     */
    private static ConfigurationException refuseLegacy(Path dir, String contextPath, String own) {
        Path legacyFile = dir.resolve(StoreFileName.LEGACY + ".mv.db");
        return new ConfigurationException(Keys.DATA_DIR, legacyFile + " is the store of an earlier version of JwtGate"
                + " and may belong to another application, so the application at " + displayed(contextPath)
                + " does not use it by itself. If it holds THIS application's users, stop the application and rename"
                + " it to " + own + ".mv.db (and " + StoreFileName.LEGACY + ".trace.db to " + own + ".trace.db), or"
                + " set " + Keys.JDBC_URL + " to " + Database.h2Url(dir, StoreFileName.LEGACY)
                + "; otherwise move it out of " + dir + " (decision 206)");
    }

    private static String displayed(String contextPath) {
        return contextPath.isEmpty() ? "/ (the root context)" : contextPath;
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
