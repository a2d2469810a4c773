package io.jwtgate.cli;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import io.jwtgate.config.SettingsSources;
import io.jwtgate.store.Database;
import io.jwtgate.store.StoreException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a command may use: its output streams and the configuration sources the filter reads
 * (system properties {@code jwtgate.*}, environment {@code JWTGATE_*}, the properties file named by
 * {@code jwtgate.config}), resolved only when a command asks, so commands that need no settings
 * work without any.
 */
public final class CliContext {

    /** Reads a password from the terminal without echo; null when there is no terminal. */
    @FunctionalInterface
    public interface Console {
        /** @return the typed characters, or null at end of input */
        char[] readPassword(String prompt);
    }

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Console console;
    private final Map<String, String> environment;
    private final Properties systemProperties;

    /**
     * @param configFile the {@code --config} file, or null; it stands for
     *     {@code -Djwtgate.config=FILE} (decision 236)
     */
    CliContext(PrintStream out, PrintStream err, Map<String, String> environment, Properties systemProperties,
            String configFile) throws CliException {
        this(out, err, InputStream.nullInputStream(), null, environment, systemProperties, configFile);
    }

    /**
     * @param in the standard input, from which a password is read when there is no console
     * @param console the terminal, or null when stdin or stdout is not one (a pipe, a test)
     */
    CliContext(PrintStream out, PrintStream err, InputStream in, Console console, Map<String, String> environment,
            Properties systemProperties, String configFile) throws CliException {
        this.out = out;
        this.err = err;
        this.in = in;
        this.console = console;
        this.environment = Map.copyOf(environment);
        this.systemProperties = new Properties();
        this.systemProperties.putAll(systemProperties);
        if (configFile != null) {
            String given = systemProperties.getProperty(Keys.CONFIG);
            if (given != null && !given.equals(configFile)) {
                throw new CliException(ExitCode.USAGE, "--config " + configFile + " and the system property "
                        + Keys.CONFIG + " name different files; give one of them");
            }
            this.systemProperties.setProperty(Keys.CONFIG, configFile);
        }
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** The standard input. */
    public InputStream in() {
        return in;
    }

    /** The terminal, if the command runs at one. */
    public Optional<Console> console() {
        return Optional.ofNullable(console);
    }

    /**
     * The configuration layers as the filter builds them, without the web application's own
     * (init-params, context-params), which a command line does not have.
     *
     * @throws CliException naming the key when a source is invalid (unknown key, missing file)
     */
    public List<ConfigSource> configuration() throws CliException {
        return resolvedConfiguration();
    }

    /**
     * The settings of the application at {@code contextPath} (as {@link #contextPath} reads it), as
     * the filter would build them from the command's configuration sources.
     *
     * @throws CliException exit 1, naming the key, when the configuration is invalid
     */
    public Settings settings(String contextPath) throws CliException {
        try {
            return Settings.from(configuration(), contextPath);
        } catch (ConfigurationException e) {
            throw new CliException(ExitCode.INPUT, e.getMessage());
        }
    }

    /**
     * Opens the application's store (creating or upgrading its schema, as the filter does at start).
     * The caller closes it.
     *
     * @throws CliException exit 1 when the store cannot be reached; the message never holds a password
     */
    public Database openStore(Settings settings, Clock clock) throws CliException {
        try {
            return Database.open(settings, clock);
        } catch (ConfigurationException | StoreException e) {
            // The store's own message names the setting or the fault; never a URL's password (decision 181).
            throw new CliException(ExitCode.INPUT, "cannot open the store: " + e.getMessage() + h2Hint(settings));
        }
    }

    /**
     * Opens the application's store as it is, without creating or upgrading its schema (for
     * {@code schema status}). The caller closes it.
     *
     * @throws CliException exit 1 when the store cannot be reached
     */
    public Database openStoreWithoutMigrating(Settings settings) throws CliException {
        try {
            return Database.openWithoutMigrating(settings);
        } catch (ConfigurationException | StoreException e) {
            throw new CliException(ExitCode.INPUT, "cannot open the store: " + e.getMessage() + h2Hint(settings));
        }
    }

    /** For the default H2 file, which a running application holds locked (decision 375). */
    private static String h2Hint(Settings settings) {
        if (settings.store().jdbcUrl().isPresent() || settings.store().jdbcDatasource().isPresent()) {
            return "";
        }
        return ". The embedded H2 file can be opened by one process at a time: stop the application before"
                + " running this command, or give the applications a PostgreSQL or MariaDB store (" + Keys.JDBC_URL + ")";
    }

    /**
     * The value of a {@code --context} option: {@code /shop}, or {@code /} for the root (returned
     * as the empty string, as {@code ServletContext.getContextPath()} gives it).
     */
    public static String contextPath(String value) throws CliException {
        if (value.equals("/")) {
            return "";
        }
        if (!value.startsWith("/") || value.endsWith("/")) {
            throw new CliException(ExitCode.USAGE, "--context takes a context path like /shop, or / for the root");
        }
        return value;
    }

    private List<ConfigSource> resolvedConfiguration() throws CliException {
        try {
            return SettingsSources.resolve(systemProperties, environment, Map.of(), Map.of(),
                    CliContext.class.getClassLoader());
        } catch (ConfigurationException e) {
            throw new CliException(ExitCode.INPUT, e.getMessage());
        }
    }
}
