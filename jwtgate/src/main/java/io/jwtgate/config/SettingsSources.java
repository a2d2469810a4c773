package io.jwtgate.config;

import io.jwtgate.store.AuditText;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the ordered configuration layers of spec §2, highest precedence first: system
 * properties, environment, values handed over by the application's set-up code (decision 151),
 * component init-params, context-params, then the properties file named by {@code jwtgate.config}. Unknown {@code jwtgate.*} names are refused here, in every layer.
 */
public final class SettingsSources {

    /** The most characters of a name quoted in a message. */
    private static final int MAX_SHOWN = 200;

    private final List<ConfigSource> layers = new ArrayList<>();

    private SettingsSources() {
    }

    /**
     * @param systemProperties usually {@link System#getProperties()}
     * @param environment usually {@link System#getenv()}
     * @param initParams merged init-params of the JwtGate filter and servlet
     * @param contextParams the web application's context-params
     * @param classLoader resolves {@code classpath:} properties files
     */
    public static List<ConfigSource> resolve(Properties systemProperties, Map<String, String> environment,
            Map<String, String> initParams, Map<String, String> contextParams, ClassLoader classLoader) {
        return resolve(systemProperties, environment, Map.of(), initParams, contextParams, classLoader);
    }

    /**
     * As {@link #resolve(Properties, Map, Map, Map, ClassLoader)} with the layer "set-up code":
     * values a listener handed JwtGate through {@code io.jwtgate.private-settings} instead of
     * context-params, which expression language in a page reads as {@code initParam} (decision 151).
     *
     * @param setUpCode canonical {@code jwtgate.*} keys to values; every key must be known
     */
    public static List<ConfigSource> resolve(Properties systemProperties, Map<String, String> environment,
            Map<String, String> setUpCode, Map<String, String> initParams, Map<String, String> contextParams,
            ClassLoader classLoader) {
        SettingsSources sources = new SettingsSources();
        Map<String, String> props = new HashMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(Keys.PREFIX)) {
                props.put(name, systemProperties.getProperty(name));
            }
        }
        sources.add(ConfigSource.jvmWide("system property", props, Map.of()));
        sources.add(environmentLayer(environment));
        sources.add(ConfigSource.of("set-up code", setUpCode));
        sources.add(ConfigSource.of("init-param", onlyJwtGate(initParams)));
        sources.add(ConfigSource.of("context-param", onlyJwtGate(contextParams)));
        for (ConfigSource layer : sources.layers) {
            rejectUnknownKeys(layer);
        }
        String file = null;
        ConfigSource fileOrigin = null;
        for (ConfigSource layer : sources.layers) {
            if (layer.get(Keys.CONFIG) != null) {
                file = layer.get(Keys.CONFIG);
                fileOrigin = layer;
                break;
            }
        }
        if (file != null) {
            ConfigSource fileLayer = loadFile(file.trim(), fileOrigin, classLoader);
            rejectUnknownKeys(fileLayer);
            sources.add(fileLayer);
        }
        return List.copyOf(sources.layers);
    }

    /**
     * One warning per key that a JVM-wide layer (system property, environment) sets to another
     * value than the application's own layers (init-param, context-param, properties file) do: the
     * JVM-wide value wins for every application in the JVM, which the operator should hear about.
     * The messages name where each value was set and never the values.
     */
    public static List<String> overrides(List<ConfigSource> layers) {
        List<String> warnings = new ArrayList<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(Keys.ALL);
        for (ConfigSource layer : layers) {
            keys.addAll(new java.util.TreeSet<>(layer.values().keySet()));
        }
        for (String key : keys) {
            ConfigSource winner = null;
            for (ConfigSource layer : layers) {
                String value = layer.get(key);
                if (value == null) {
                    continue;
                }
                if (winner == null) {
                    if (!layer.isJvmWide()) {
                        break; // the application's own value wins: nothing is overridden
                    }
                    winner = layer;
                } else if (!layer.isJvmWide()) {
                    if (!sameValue(winner.get(key), value)) {
                        warnings.add(key + ": the JVM-wide " + winner.origin(key) + " overrides this application's own "
                                + layer.origin(key) + " (the JVM-wide value applies to every application in"
                                + " this JVM); set the key in one place only");
                    }
                    break;
                }
            }
        }
        return warnings;
    }

    private static boolean sameValue(String a, String b) {
        // Values may be secrets: compared without an early exit.
        return java.security.MessageDigest.isEqual(a.trim().getBytes(StandardCharsets.UTF_8),
                b.trim().getBytes(StandardCharsets.UTF_8));
    }

    private void add(ConfigSource source) {
        layers.add(source);
    }

    private static Map<String, String> onlyJwtGate(Map<String, String> params) {
        Map<String, String> result = new HashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(Keys.PREFIX)) {
                result.put(k, v);
            }
        });
        return result;
    }

    private static ConfigSource environmentLayer(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> rawNames = new HashMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("JWTGATE_")) {
                continue;
            }
            String key = Keys.fromEnvironmentName(name);
            if (key == null) {
                String shown = printable(name);
                throw new ConfigurationException(shown, "unknown environment variable (environment variable " + shown
                        + "); the known variables are the keys of docs/configuration.md in upper case with"
                        + " '.' and '-' written as '_', e.g. JWTGATE_SIGNING_SECRET; fix the spelling or unset it");
            }
            values.put(key, e.getValue());
            rawNames.put(key, name);
        }
        return ConfigSource.jvmWide("environment variable", values, rawNames);
    }

    private static void rejectUnknownKeys(ConfigSource layer) {
        for (String key : layer.values().keySet()) {
            if (!Keys.isKnown(key)) {
                throw unknownKey(key, layer);
            }
        }
    }

    private static ConfigurationException unknownKey(String key, ConfigSource layer) {
        // The key is quoted made printable: it reaches a terminal or a log (decision 382).
        String shown = shownKey(key);
        return new ConfigurationException(shown, "unknown configuration key (" + printable(layer.description()) + " "
                + shown + "); check the spelling against docs/configuration.md or remove it");
    }

    /**
     * An unknown key as a message may quote it: one that starts with a known key and goes on
     * ({@code jwtgate.signing.secretVALUE}, a line or property that lost its {@code =}) is quoted up to the
     * known key only, since the rest may be the value (decision 389).
     */
    private static String shownKey(String key) {
        String known = null;
        for (String k : Keys.ALL) {
            if (key.startsWith(k) && key.length() > k.length() && (known == null || k.length() > known.length())) {
                known = k;
            }
        }
        return known == null ? printable(key) : known + "... (the rest not shown)";
    }

    /**
     * A properties file's name that is neither a {@code jwtgate.*} name nor a known key without its prefix
     * ({@code issuer=x}, which is quoted) is not quoted at all, not
     * even cut: a line holding only a secret (pasted alone, or the second half of a value whose line
     * lacks its continuation backslash) parses as a name with an empty value. The line number finds
     * it (decision 382).
     */
    private static ConfigurationException foreignName(String name, String location, String text) {
        int line = lineOfKey(name, text);
        return new ConfigurationException(Keys.CONFIG, "the properties file '" + printable(location) + "' has "
                + (line > 0 ? "on line " + line + " " : "") + "a name that is not a jwtgate.* key (not shown: a line"
                + " with a secret alone would read as one); every key must be one of docs/configuration.md: fix or"
                + " remove that line");
    }

    /** The 1-based physical line on which {@code key} is defined, or 0 when no single line defines it. */
    private static int lineOfKey(String key, String text) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Properties one = new Properties();
            try {
                one.load(new StringReader(lines.get(i)));
            } catch (IOException | IllegalArgumentException e) {
                continue; // this line alone is not a properties entry: not the one sought
            }
            if (one.containsKey(key)) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * Text from a configuration source made safe for a terminal and a log: what
     * {@link AuditText#mustEscape} names (controls, bidirectional and other invisible characters)
     * becomes a visible backslash-u escape, and a very long name is cut. One rule for the audit
     * trail, the command line and these messages, so none of them lets through what another
     * escapes (decision 552).
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_SHOWN).forEach(cp -> {
            if (AuditText.mustEscape(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return text.codePointCount(0, text.length()) > MAX_SHOWN ? out + "..." : out.toString();
    }

    private static ConfigSource loadFile(String location, ConfigSource origin, ClassLoader classLoader) {
        Properties properties = new Properties();
        String where = " (set by " + printable(origin.origin(Keys.CONFIG)) + ")";
        String shownLocation = printable(location);
        String text;
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length());
                if (resource.startsWith("/")) {
                    resource = resource.substring(1);
                }
                try (InputStream in = classLoader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ConfigurationException(Keys.CONFIG, "no class-path resource '" + printable(resource)
                                + "'" + where + "; put the file into WEB-INF/classes or fix the name");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                text = Files.readString(Path.of(location), StandardCharsets.UTF_8);
            }
            // Kept as text: an unknown name is then found by its line, not quoted.
            properties.load(new StringReader(text));
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(Keys.CONFIG, "the properties file '" + shownLocation + "' does not exist"
                    + where + "; create it or fix the path");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(Keys.CONFIG, "the properties file '" + shownLocation
                    + "' cannot be read (" + e.getClass().getSimpleName() + ")" + where
                    + "; check its permissions and that it is a UTF-8 properties file");
        }
        Map<String, String> values = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.equals(Keys.CONFIG)) {
                throw new ConfigurationException(Keys.CONFIG, "the properties file '" + shownLocation
                        + "' names another properties file; files do not chain, remove the key from it");
            }
            // Quoted only when it is a known key without its prefix (issuer=x): any other name may be a
            // pass phrase alone on its line (decision 389).
            if (!name.startsWith(Keys.PREFIX) && !Keys.isKnown(Keys.PREFIX + name)) {
                throw foreignName(name, location, text);
            }
            values.put(name, properties.getProperty(name));
        }
        return ConfigSource.of("properties file " + location + " key", values);
    }
}
