package io.jwtgate.attack;

import io.jwtgate.cli.Main;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.store.Database;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.support.TestSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The real command line run in this JVM ({@link Main#run}) against an H2 file store in a temp
 * directory, as an outsider drives it: settings as system properties, stdin as bytes, output kept.
 */
final class CliHarness {

    static final String CONTEXT = "/app";
    static final String ADMIN_PASSWORD = "correct horse battery staple 42";

    final Path dir;
    final Map<String, String> settings;

    CliHarness(Path dir) {
        this.dir = dir;
        this.settings = new HashMap<>(TestSettings.params(dir));
    }

    /** One run's outcome. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }

    Run run(byte[] stdin, String... argv) {
        Properties props = new Properties();
        props.putAll(settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), props);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run run(String... argv) {
        return run(new byte[0], argv);
    }

    Run importFile(Path file, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("users", "import", file.toString(), "--context", CONTEXT));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    /** Creates {@code name} with {@code roles} through {@code users add}, password on stdin. */
    void addUser(String name, String password, String... roles) {
        List<String> args = new java.util.ArrayList<>(List.of("users", "add", name, "--context", CONTEXT));
        for (String role : roles) {
            args.add("--role");
            args.add(role);
        }
        Run r = run((password + "\n").getBytes(StandardCharsets.UTF_8), args.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new AssertionError("seeding " + name + " failed: " + r);
        }
    }

    Path write(String name, String text) {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Settings storeSettings() {
        return Settings.from(List.of(ConfigSource.of("test", settings)), CONTEXT);
    }

    Optional<User> user(String name) {
        try (Database db = Database.open(storeSettings(), Clock.systemUTC())) {
            return new UserStore(db, Clock.systemUTC(), UsernameKey::of).findByUsername(name);
        }
    }

    List<User> users() {
        try (Database db = Database.open(storeSettings(), Clock.systemUTC())) {
            return new UserStore(db, Clock.systemUTC(), UsernameKey::of).list();
        }
    }

    /** Writes SQL the way another tool (or an attacker with table access) would, bypassing JwtGate's checks. */
    void sql(String statement, Object... params) {
        try (Database db = Database.open(storeSettings(), Clock.systemUTC());
                Connection c = db.connection();
                PreparedStatement p = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            p.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError("probe SQL failed: " + e.getMessage(), e);
        }
    }
}
