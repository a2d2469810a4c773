package io.jwtgate.cli;

import io.jwtgate.config.Settings;
import io.jwtgate.importer.ApacheGroups;
import io.jwtgate.importer.CsvReader;
import io.jwtgate.importer.HtpasswdReader;
import io.jwtgate.importer.ImportFileException;
import io.jwtgate.importer.ImportFormat;
import io.jwtgate.importer.JettyRealmReader;
import io.jwtgate.importer.TomcatUsersReader;
import io.jwtgate.importer.UserFileReader;
import io.jwtgate.importer.UserImporter;
import io.jwtgate.login.Accounts;
import io.jwtgate.login.InvalidInputException;
import io.jwtgate.login.PasswordHasher;
import io.jwtgate.login.PasswordStrength;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.password.LegacyCredentials;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.StoreException;
import io.jwtgate.store.UserStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jwtgate users import FILE}: creates the accounts of a {@code tomcat-users.xml}, an
 * {@code htpasswd} file, a Jetty {@code realm.properties} or a CSV file in the application's store,
 * keeping their digests for the upgrade to bcrypt at each user's first login, and reports every line.
 */
final class UsersImport implements Command {

    private final Clock clock;

    UsersImport() {
        this(Clock.systemUTC());
    }

    UsersImport(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "users import";
    }

    @Override
    public String summary() {
        return "create accounts from tomcat-users.xml, htpasswd, Jetty realm.properties or CSV";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] users import FILE [--format FORMAT] [--role ROLE]...",
                "                                [--groups GROUPFILE] [--context PATH]",
                "",
                "Creates an account in the application's store for every user of FILE. Digests are kept as",
                "they are and replaced by bcrypt at each user's first successful login; plain-text passwords",
                "(only with jwtgate.legacy.allow-plaintext=true) are hashed with bcrypt before they are stored.",
                "A name that has an account already is skipped and left unchanged, so running the command",
                "again creates nothing twice. Every line is reported (created, skipped, failed with the field",
                "and the reason); no password or digest is ever printed.",
                "",
                "  --format FORMAT     tomcat-users (tomcat-users.xml), htpasswd, jetty (realm.properties) or",
                "                      csv (username,email,roles,hash; optional header; roles separated by",
                "                      spaces or ';'); default: from the file name (*.xml, *.properties,",
                "                      *.csv, a name with htpasswd) or content (<?xml, the CSV header)",
                "  --role ROLE         a role every imported account gets besides the file's (repeatable)",
                "  --groups GROUPFILE  htpasswd only: an Apache AuthGroupFile; each user's groups become roles",
                "  --context PATH      the application's context path (/shop, or / for the root), which names",
                "                      the default H2 file when jwtgate.jdbc.url is not set; default /",
                "",
                "tomcat-users.xml digests are read with jwtgate.legacy.digest (the algorithm of the realm's",
                "CredentialHandler). The store settings must reach the command as they reach the filter:",
                "--config FILE, -Djwtgate.* or JWTGATE_*. The embedded H2 file can be opened by one process",
                "at a time: import while the application is stopped.",
                "Exit codes: 0 every line created or skipped; 1 some lines failed (the others are imported),",
                "or the file, the configuration or the store is bad; 2 wrong command line.");
    }

    @Override
    public int run(List<String> args, CliContext context) throws CliException {
        Options options = Options.parse(args);
        Path file = options.file;
        requireReadableFile(file, "");
        ImportFormat.Detected detected = detect(options);
        Map<String, List<String>> groups = Map.of();
        if (options.groups != null) {
            if (detected.format() != ImportFormat.HTPASSWD) {
                throw new CliException(ExitCode.USAGE, "--groups goes with htpasswd files only");
            }
            groups = readGroups(options.groups);
        }
        Settings settings = context.settings(options.contextPath);
        LegacyCredentials credentials = LegacyCredentials.from(settings);
        context.out().println("reading " + Terminal.safe(file.toString()) + " as " + detected.format().optionName() + " ("
                + detected.how() + ")");
        try (Database db = context.openStore(settings, clock)) {
            UserStore users = new UserStore(db, clock, UsernameKey::of);
            try {
                // As at the filter's start: rows written before look-alike keys existed get theirs, so
                // that an imported name cannot look like them.
                users.backfillNameKeys();
            } catch (StoreException e) {
                throw new CliException(ExitCode.INPUT, "cannot read the store: " + e.getMessage());
            }
            Accounts accounts = new Accounts(users, new PasswordHasher(settings.login().bcryptCost()),
                    new PasswordStrength(settings.login().passwordMinScore(), settings.tokens().issuer()), settings.login().usernamePolicy());
            UserImporter importer = new UserImporter(accounts, credentials, source(detected.format()),
                    options.roles, new AuditLog(db, clock), context.out());
            return importAll(file, reader(detected.format(), groups), importer, context);
        }
    }

    private static int importAll(Path file, UserFileReader reader, UserImporter importer, CliContext context)
            throws CliException {
        try (InputStream in = Files.newInputStream(file)) {
            reader.read(in, importer);
        } catch (ImportFileException e) {
            printSummary(importer, context);
            throw new CliException(ExitCode.INPUT, file + ": " + e.getMessage() + "; the lines above were"
                    + " imported, the rest of the file was not read");
        } catch (IOException e) {
            printSummary(importer, context);
            throw new CliException(ExitCode.INPUT, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (StoreException e) {
            printSummary(importer, context);
            // The store's own message names the fault, never a URL's password (decision 181).
            throw new CliException(ExitCode.INPUT, "the store failed at line " + importer.currentLine() + ": "
                    + e.getMessage() + "; the lines above were imported, and a new run skips them");
        }
        printSummary(importer, context);
        UserImporter.Summary summary = importer.summary();
        if (summary.failed() > 0) {
            context.err().println("jwtgate: " + summary.failed() + (summary.failed() == 1 ? " line" : " lines")
                    + " failed; the other lines were imported. Fix the failed lines and run the command"
                    + " again: accounts already imported are skipped.");
            return ExitCode.INPUT;
        }
        return ExitCode.OK;
    }

    private static void printSummary(UserImporter importer, CliContext context) {
        UserImporter.Summary s = importer.summary();
        context.out().println("created " + s.created() + ", skipped " + s.skipped() + ", failed " + s.failed()
                + " (" + s.total() + (s.total() == 1 ? " entry)" : " entries)"));
    }

    private static ImportFormat.Detected detect(Options options) throws CliException {
        if (options.format != null) {
            return new ImportFormat.Detected(options.format, "as --format says");
        }
        Optional<ImportFormat.Detected> detected;
        try {
            detected = ImportFormat.detect(options.file);
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot read " + options.file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        return detected.orElseThrow(() -> new CliException(ExitCode.USAGE, "cannot tell the format of "
                + options.file + " by its name or start; give --format " + ImportFormat.names().replace(", ", "|")));
    }

    /**
     * Refuses anything but a readable regular file at once: a device ({@code /dev/zero}), a pipe or a
     * directory would be read forever or fail half-way. FILE and GROUPFILE alike.
     */
    private static void requireReadableFile(Path file, String what) throws CliException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliException(ExitCode.INPUT, "cannot read " + what + Terminal.safe(file.toString())
                    + ": no such readable regular file");
        }
    }

    private static Map<String, List<String>> readGroups(Path groups) throws CliException {
        requireReadableFile(groups, "the group file ");
        try (InputStream in = Files.newInputStream(groups)) {
            return ApacheGroups.read(in);
        } catch (ImportFileException e) {
            throw new CliException(ExitCode.INPUT, groups + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot read the group file " + groups + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static UserFileReader reader(ImportFormat format, Map<String, List<String>> groups) {
        return switch (format) {
            case TOMCAT_USERS -> new TomcatUsersReader();
            case HTPASSWD -> new HtpasswdReader(groups);
            case JETTY -> new JettyRealmReader();
            case CSV -> new CsvReader();
        };
    }

    /** How a format's credentials are read: the CSV hash column holds what JwtGate itself stores. */
    private static LegacyCredentials.Source source(ImportFormat format) {
        return switch (format) {
            case TOMCAT_USERS -> LegacyCredentials.Source.TOMCAT;
            case HTPASSWD -> LegacyCredentials.Source.HTPASSWD;
            case JETTY -> LegacyCredentials.Source.JETTY;
            case CSV -> LegacyCredentials.Source.JWTGATE;
        };
    }

    /** The command line of one run, read by the shared {@link Arguments} rules. */
    private static final class Options {
        Path file;
        ImportFormat format;
        final Set<String> roles = new LinkedHashSet<>();
        Path groups;
        String contextPath = "";

        static Options parse(List<String> args) throws CliException {
            Arguments parsed = Arguments.parse("users import", args,
                    Set.of("--format", "--role", "--groups", "--context"));
            Options o = new Options();
            List<String> files = parsed.positional();
            if (files.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "users import needs the FILE to import");
            }
            if (files.size() > 1) {
                throw new CliException(ExitCode.USAGE, "users import takes one FILE");
            }
            o.file = path(files.get(0));
            Optional<String> format = parsed.one("--format");
            if (format.isPresent()) {
                o.format = ImportFormat.parse(format.get()).orElseThrow(() -> new CliException(ExitCode.USAGE,
                        "--format takes one of " + ImportFormat.names()));
            }
            o.roles.addAll(parsed.all("--role"));
            Optional<String> groups = parsed.one("--groups");
            if (groups.isPresent()) {
                o.groups = path(groups.get());
            }
            Optional<String> contextPath = parsed.one("--context");
            if (contextPath.isPresent()) {
                o.contextPath = CliContext.contextPath(contextPath.get());
            }
            try {
                Accounts.checkRoles(o.roles);
            } catch (InvalidInputException e) {
                throw new CliException(ExitCode.USAGE, "--role: " + e.getMessage());
            }
            return o;
        }

        private static Path path(String name) throws CliException {
            try {
                return Path.of(name);
            } catch (InvalidPathException e) {
                throw new CliException(ExitCode.USAGE, "not a file name: " + Terminal.safe(name));
            }
        }
    }
}
