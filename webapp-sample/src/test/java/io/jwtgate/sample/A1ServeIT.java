package io.jwtgate.sample;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reviewer a1's live target, off unless -Da1.serve=JETTY|TOMCAT: deploys the sample WAR (attack
 * deployment) and fragment-only applications, writes their ports to /tmp/a1/KIND.ports and waits
 * until /tmp/a1/stop-KIND exists, so raw requests can be sent from outside.
 */
class A1ServeIT {

    static final String SECRET = "a-test-secret-of-more-than-32-bytes-for-hs256";

    @TempDir
    Path temp;

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

    /** A legacy descriptor: Servlet 2.5, Java EE 5 namespace, nothing of JwtGate. */
    static String webXml25() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"http://java.sun.com/xml/ns/javaee\" version=\"2.5\">\n"
                + "  <servlet><servlet-name>hello</servlet-name><servlet-class>" + PrincipalEchoServlet.class.getName()
                + "</servlet-class></servlet>\n"
                + "  <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern></servlet-mapping>\n"
                + "</web-app>\n";
    }

    /** A descriptor of the container's own version with its own rewrite filter, nothing of JwtGate. */
    static String webXmlWithRewriteFilter() throws Exception {
        String template;
        try (var in = A1ServeIT.class.getResourceAsStream("fragment-app/web.xml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String xml = template.formatted(false, PrincipalEchoServlet.class.getName());
        return xml.replace("</web-app>", "  <filter><filter-name>rewrite</filter-name><filter-class>"
                + A1RewriteFilter.class.getName() + "</filter-class></filter>\n"
                + "  <filter-mapping><filter-name>rewrite</filter-name><url-pattern>/*</url-pattern></filter-mapping>\n"
                + "</web-app>");
    }

    static Map<String, String> params(Path data) {
        Map<String, String> params = new HashMap<>();
        params.put(Keys.DATA_DIR, data.toString());
        params.put(Keys.BCRYPT_COST, "10");
        params.put(Keys.SIGNING_SECRET, SECRET);
        return params;
    }

    static void seed(Path data) {
        try (JwtGate gate = JwtGate.start(Settings.from(List.of(ConfigSource.of("seed", params(data)))))) {
            gate.accounts().create("carol", null, "carols-password", Set.of("user"));
        }
    }

    @Test
    void serve() throws Exception {
        String kind = System.getProperty("a1.serve");
        assumeTrue(kind != null, "a1.serve not set");
        List<RunningApp> apps = new ArrayList<>();
        try {
          for (ContainerKind container : ContainerKind.values()) {
            StringBuilder ports = new StringBuilder();
            Path temp = this.temp.resolve(container.name());
            RunningApp sample = AttackDeployment.deploy(container, temp.resolve("sample"));
            apps.add(sample);
            ports.append("sample=").append(sample.port()).append('\n');
            Path d1 = temp.resolve("frag25data");
            seed(d1);
            RunningApp f25 = container.deploy(fragmentApp(temp.resolve("frag25"), webXml25()), params(d1),
                    temp.resolve("w1"));
            apps.add(f25);
            ports.append("frag25=").append(f25.port()).append(' ').append(f25.available()).append('\n');
            Path d2 = temp.resolve("fragrwdata");
            seed(d2);
            RunningApp frw = container.deploy(fragmentApp(temp.resolve("fragrw"), webXmlWithRewriteFilter()),
                    params(d2), temp.resolve("w2"));
            apps.add(frw);
            ports.append("fragrw=").append(frw.port()).append(' ').append(frw.available()).append('\n');
            Files.createDirectories(Path.of("/tmp/a1"));
            Files.writeString(Path.of("/tmp/a1/" + kind + "-" + container + ".ports"), ports.toString());
          }
            Path stop = Path.of("/tmp/a1/stop-" + kind);
            long until = System.currentTimeMillis() + 60 * 60_000L;
            while (!Files.exists(stop) && System.currentTimeMillis() < until) {
                Thread.sleep(500);
            }
        } finally {
            for (RunningApp app : apps) {
                app.close();
            }
        }
    }
}
