package io.jwtgate.sample;

import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exploded applications that get JwtGate from its jar in WEB-INF/lib (the web-fragment.xml) or
 * declare it themselves, beside a rewrite filter of their own, for the fragment tests.
 */
final class FragmentApps {

    static final String SECRET = "a-test-secret-of-more-than-32-bytes-for-hs256";
    static final String PASSWORD = "carols-password";

    private FragmentApps() {
    }

    /** {@code webXml} as WEB-INF/web.xml and the jars of JwtGate and its dependencies in WEB-INF/lib. */
    static Path fragmentApp(Path root, String webXml) throws Exception {
        Path lib = Files.createDirectories(root.resolve("WEB-INF/lib"));
        Files.writeString(root.resolve("WEB-INF/web.xml"), webXml, StandardCharsets.UTF_8);
        for (Class<?> type : List.of(io.jwtgate.JwtAuthFilter.class, com.auth0.jwt.JWT.class,
                com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class, org.mindrot.jbcrypt.BCrypt.class,
                com.zaxxer.hikari.HikariDataSource.class, org.h2.Driver.class, com.nulabinc.zxcvbn.Zxcvbn.class,
                org.slf4j.LoggerFactory.class, org.slf4j.jul.JULServiceProvider.class)) {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Files.copy(jar, lib.resolve(jar.getFileName()));
        }
        return root;
    }

    /** A descriptor of the container's own version with the rewrite filter, nothing of JwtGate. */
    static String webXmlWithRewriteFilter() throws Exception {
        return webXml("  <filter><filter-name>rewrite</filter-name><filter-class>" + RewriteFilter.class.getName()
                + "</filter-class></filter>\n"
                + "  <filter-mapping><filter-name>rewrite</filter-name><url-pattern>/*</url-pattern></filter-mapping>\n");
    }

    /**
     * The production declaration the docs recommend: JwtAuthFilter as the first filter mapping, for
     * REQUEST and FORWARD, LoginServlet on /auth/*, then the application's rewrite filter.
     */
    static String webXmlDeclaringJwtGate() throws Exception {
        return webXml("  <filter><filter-name>JwtAuthFilter</filter-name>"
                + "<filter-class>io.jwtgate.JwtAuthFilter</filter-class></filter>\n"
                + "  <filter-mapping><filter-name>JwtAuthFilter</filter-name><url-pattern>/*</url-pattern>"
                + "<dispatcher>REQUEST</dispatcher><dispatcher>FORWARD</dispatcher></filter-mapping>\n"
                + "  <servlet><servlet-name>LoginServlet</servlet-name>"
                + "<servlet-class>io.jwtgate.LoginServlet</servlet-class><load-on-startup>1</load-on-startup></servlet>\n"
                + "  <servlet-mapping><servlet-name>LoginServlet</servlet-name><url-pattern>/auth/*</url-pattern>"
                + "</servlet-mapping>\n"
                + "  <filter><filter-name>rewrite</filter-name><filter-class>" + RewriteFilter.class.getName()
                + "</filter-class></filter>\n"
                + "  <filter-mapping><filter-name>rewrite</filter-name><url-pattern>/*</url-pattern></filter-mapping>\n");
    }

    /** fragment-app/web.xml (a file, so the javax build rewrites its namespace) with {@code extra} added. */
    private static String webXml(String extra) throws Exception {
        String template;
        try (var in = FragmentApps.class.getResourceAsStream("fragment-app/web.xml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return template.formatted(false, PrincipalEchoServlet.class.getName()).replace("</web-app>", extra + "</web-app>");
    }

    static Map<String, String> params(Path data) {
        Map<String, String> params = new HashMap<>();
        params.put(Keys.DATA_DIR, data.toString());
        params.put(Keys.BCRYPT_COST, "10");
        params.put(Keys.SIGNING_SECRET, SECRET);
        return params;
    }

    /** Creates carol (role user) in the store the application at the root context opens in {@code data}. */
    static void seed(Path data) {
        try (JwtGate gate = JwtGate.start(Settings.from(List.of(ConfigSource.of("seed", params(data))), ""))) {
            gate.accounts().create("carol", null, PASSWORD, Set.of("user"));
        }
    }
}
