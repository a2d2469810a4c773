package io.jwtgate.cli;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Keys;
import io.jwtgate.config.SettingsSources;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a command may use: its output streams and the configuration sources the filter reads
 * (system properties {@code jwtgate.*}, environment {@code JWTGATE_*}, the properties file named by
 * {@code jwtgate.config}), resolved only when a command asks, so commands that need no settings
 * work without any.
 */
public final class CliContext {

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Properties systemProperties;

    /**
     * @param configFile the {@code --config} file, or null; it stands for
     *     {@code -Djwtgate.config=FILE} (decision 236)
     */
    CliContext(PrintStream out, PrintStream err, Map<String, String> environment, Properties systemProperties,
            String configFile) throws CliException {
        this.out = out;
        this.err = err;
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

    /**
     * The configuration layers as the filter builds them, without the web application's own
     * (init-params, context-params), which a command line does not have.
     *
     * @throws CliException naming the key when a source is invalid (unknown key, missing file)
     */
    public List<ConfigSource> configuration() throws CliException {
        try {
            return SettingsSources.resolve(systemProperties, environment, Map.of(), Map.of(),
                    CliContext.class.getClassLoader());
        } catch (ConfigurationException e) {
            throw new CliException(ExitCode.INPUT, e.getMessage());
        }
    }
}
