package io.jwtgate.bench;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.store.User;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The servers of the load comparison (issue 14 item 1), driven by {@code benchmarks/load-compare.sh}.
 * Not a test and not run in CI:
 * {@code java -cp <classpath> io.jwtgate.bench.LoadTarget <private dir> [variant...]}.
 *
 * <p>Starts one embedded Jetty 12 server per variant in this JVM, each on its own loopback port and
 * each serving the same {@link HelloServlet} on {@code /*}: {@code bare} without any filter, the
 * others behind {@link JwtAuthFilter} with their own {@link JwtGate} (own H2 store under the
 * directory), handed to the context the way an application hands its own instance over. One JVM
 * keeps the comparison fair: Jetty's and the servlet's code is compiled once for all of them.
 *
 * <p>Variants: {@code hs256} (HS256 token, {@code /** -> authenticated}), {@code scope} (HS256 token,
 * {@code /** -> scope:messages:read}), {@code basic} (HTTP Basic of a bcrypt user in the store,
 * {@code jwtgate.basic-auth=allow}, answered from the Basic cache after the first request),
 * {@code es256} (ES256 token, signing key from a PEM file), {@code revoked} (HS256 token with
 * {@code load.revocations} other tokens, default 1,000,000, revoked in memory), {@code nocache} (as
 * {@code hs256} with {@code jwtgate.token-cache.enabled=false}: every request verifies in full).
 *
 * <p>Writes {@code targets} ({@code rw-------}) into the directory, one line per variant:
 * name, port and the {@code Authorization} header value ({@code -} for none), then prints
 * {@code READY} with names and ports only: tokens and passwords never reach standard output,
 * so the log the script keeps holds none. Runs until standard input closes.
 */
public final class LoadTarget {

    /** Every variant, in the order the script drives them. */
    public static final List<String> VARIANTS = List.of("bare", "hs256", "scope", "basic", "es256", "revoked", "nocache");

    private static final String SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Path dir;
    private final SecureRandom random = new SecureRandom();
    private final List<Server> servers = new ArrayList<>();
    private final List<JwtGate> gates = new ArrayList<>();

    private LoadTarget(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LoadTarget <private dir> [" + String.join("|", VARIANTS) + "]...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> variants = args.length > 1 ? List.of(args).subList(1, args.length) : VARIANTS;
        for (String v : variants) {
            if (!VARIANTS.contains(v)) {
                throw new IllegalArgumentException("unknown variant " + v + "; known: " + VARIANTS);
            }
        }
        int revocations = Integer.getInteger("load.revocations", 1_000_000);
        LoadTarget target = new LoadTarget(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(target::stop, "load-target-stop"));
        Map<String, String[]> lines = new LinkedHashMap<>();
        for (String variant : variants) {
            lines.put(variant, target.start(variant, revocations));
        }
        Path file = dir.resolve("targets");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String[]> e : lines.entrySet()) {
                w.write(e.getKey() + " " + e.getValue()[0] + " " + e.getValue()[1] + "\n");
            }
        }
        StringBuilder ready = new StringBuilder("READY");
        lines.forEach((name, line) -> ready.append(' ').append(name).append('=').append(line[0]));
        System.out.println(ready);
        System.out.flush();
        // The script holds our standard input open for as long as it wants the servers.
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // ignore anything written
            }
        }
        target.stop();
    }

    /** Starts one variant; returns its port and Authorization header value. */
    private String[] start(String variant, int revocationCount) throws Exception {
        if (variant.equals("bare")) {
            return new String[] {String.valueOf(serve(null)), "-"};
        }
        Map<String, String> p = new HashMap<>();
        String secret = randomSecret();
        p.put("jwtgate.signing.secret", secret);
        String storeUrl = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store-" + variant) + ";DB_CLOSE_ON_EXIT=FALSE";
        p.put("jwtgate.jdbc.url", storeUrl);
        p.put("jwtgate.data-dir", dir.toAbsolutePath().toString());
        p.put("jwtgate.role-scopes", "user=messages:read messages:send");
        // The tokens must outlive a whole comparison run (the default is 15 minutes).
        p.put("jwtgate.access-token.ttl", "PT6H");
        switch (variant) {
            case "scope" -> p.put("jwtgate.rules", "/** -> scope:messages:read");
            case "nocache" -> {
                p.put("jwtgate.rules", "/** -> authenticated");
                p.put("jwtgate.token-cache.enabled", "false");
            }
            case "basic" -> p.put("jwtgate.basic-auth", "allow");
            case "es256" -> {
                p.put("jwtgate.signing.algorithm", "ES256");
                p.put("jwtgate.signing.key", BenchKeys.es256PemFile(dir).toString());
                p.remove("jwtgate.signing.secret");
            }
            default -> p.put("jwtgate.rules", "/** -> authenticated");
        }
        // A context path of its own per variant: each JwtGate registers its MBean under it, as
        // several applications in one container would; the audience follows it consistently.
        Settings settings = Settings.from(List.of(ConfigSource.of("load-target", p)), "/" + variant);
        if (variant.equals("revoked")) {
            // Schema first, then the rows in one statement, then the start that loads them all into memory.
            JwtGate.start(settings).close();
            fillRevocations(storeUrl, revocationCount);
        }
        JwtGate gate = JwtGate.start(settings);
        gates.add(gate);
        if (variant.equals("revoked") && gate.revocations().size() < revocationCount) {
            throw new IllegalStateException("only " + gate.revocations().size() + " revocations loaded");
        }
        String password = randomSecret();
        User user = gate.accounts().create("loaduser", null, password, Set.of("user"));
        String header;
        if (variant.equals("basic")) {
            header = "Basic " + Base64.getEncoder().encodeToString(("loaduser:" + password).getBytes(StandardCharsets.UTF_8));
        } else {
            header = "Bearer " + gate.sessions().start(user, Set.of("messages:read"), "127.0.0.1").access().token();
        }
        return new String[] {String.valueOf(serve(gate)), header};
    }

    /** Inserts {@code count} live token revocations with 22-character ids, as RevocationStateMeasurement does. */
    private static void fillRevocations(String url, int count) throws Exception {
        long hour = Duration.ofHours(1).toMillis();
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement s = c.prepareStatement("INSERT INTO jwtgate_revocation_log (kind, token_value,"
                        + " created_at, expires_at) SELECT 'jti', 'jti-' || LPAD(CAST(X AS VARCHAR), 18, '0'), ?, ?"
                        + " FROM SYSTEM_RANGE(0, ?)")) {
            s.setLong(1, now - 2 * hour);
            s.setLong(2, now + 5 * hour);
            s.setLong(3, count - 1L);
            s.executeUpdate();
        }
    }

    /** A fresh random secret of 40 characters (also a password zxcvbn rates strong). */
    private String randomSecret() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        return sb.toString();
    }

    /** One Jetty server on a free loopback port with the servlet, behind the filter when a gate is given. */
    private int serve(JwtGate gate) throws Exception {
        Server server = new Server(new QueuedThreadPool(200, 8));
        ServerConnector connector = new ServerConnector(server);
        // Configured as operations.md tells every Jetty deployment (decision 641): the header cache
        // compares values case-sensitively, or with -Dload.header-cache=off it is not used at all.
        HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        if ("off".equals(System.getProperty("load.header-cache"))) {
            http.setHeaderCacheSize(0);
        } else {
            http.setHeaderCacheCaseSensitive(true);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        if (gate != null) {
            context.setAttribute(JwtGate.class.getName(), gate);
            context.addFilter(new FilterHolder(new JwtAuthFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new HelloServlet()), "/*");
        server.setHandler(context);
        server.start();
        servers.add(server);
        return connector.getLocalPort();
    }

    private synchronized void stop() {
        for (Server s : servers) {
            try {
                s.stop();
            } catch (Exception e) {
                System.err.println("stopping a server: " + e);
            }
        }
        servers.clear();
        for (JwtGate g : gates) {
            g.close();
        }
        gates.clear();
    }

    /** The application: a small constant JSON body, the same with and without the filter. */
    static final class HelloServlet extends HttpServlet {

        private static final byte[] BODY = "{\"message\":\"hello\",\"items\":[1,2,3],\"ok\":true}"
                .getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/json");
            resp.setContentLength(BODY.length);
            resp.getOutputStream().write(BODY);
        }
    }
}
