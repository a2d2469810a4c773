package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.JwtAuthFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.Driver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mindrot.jbcrypt.BCrypt;
import org.slf4j.LoggerFactory;

/**
 * Reviewer a2 (issue 9): a legacy application (the product's audience) whose web.xml still says
 * version 2.4 or 2.5 gets the jar in WEB-INF/lib and a secret, as the README's "a Servlet 3.0+
 * application needs nothing more than a secret" suggests. Servlet 3.0 section 8.1.6: such a
 * descriptor is metadata-complete, so web-fragment.xml is never read.
 */
class A2LegacyWebXmlIT {

    private static final List<Class<?>> RUNTIME_JARS = List.of(JwtAuthFilter.class, JWT.class,
            ObjectMapper.class, JsonFactory.class, JsonProperty.class, BCrypt.class, HikariDataSource.class,
            Driver.class, com.nulabinc.zxcvbn.Zxcvbn.class, LoggerFactory.class, org.slf4j.jul.JULServiceProvider.class);

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"TOMCAT,2.3", "JETTY,2.3", "TOMCAT,2.5", "JETTY,2.5", "TOMCAT,2.4", "JETTY,2.4", "TOMCAT,3.0", "JETTY,3.0"})
    void aWebXmlOfServlet25NeverRunsTheFilterSilently(ContainerKind container, String version) throws Exception {
        Path root = temp.resolve("app");
        Path lib = Files.createDirectories(root.resolve("WEB-INF/lib"));
        String ns = version.equals("2.4") ? "http://java.sun.com/xml/ns/j2ee" : "http://java.sun.com/xml/ns/javaee";
        String xsd = version.equals("2.4") ? "web-app_2_4.xsd" : "web-app_" + version.replace('.', '_') + ".xsd";
        String servlet = " <servlet><servlet-name>hello</servlet-name><servlet-class>"
                + PrincipalEchoServlet.class.getName() + "</servlet-class></servlet>\n"
                + " <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern>"
                + "</servlet-mapping>\n</web-app>\n";
        String head = version.equals("2.3") ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE web-app PUBLIC"
                + " \"-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN\" \"http://java.sun.com/dtd/web-app_2_3.dtd\">\n"
                + "<web-app>\n" : null;
        Files.writeString(root.resolve("WEB-INF/web.xml"), head != null ? head + servlet : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"" + ns + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + " xsi:schemaLocation=\"" + ns + " " + ns + "/" + xsd + "\" version=\"" + version + "\">\n"
                + " <servlet><servlet-name>hello</servlet-name><servlet-class>"
                + PrincipalEchoServlet.class.getName() + "</servlet-class></servlet>\n"
                + " <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern>"
                + "</servlet-mapping>\n</web-app>\n", StandardCharsets.UTF_8);
        for (Class<?> type : RUNTIME_JARS) {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Files.copy(jar, lib.resolve(jar.getFileName()));
        }
        Map<String, String> p = new HashMap<>();
        p.put("jwtgate.data-dir", temp.resolve("data").toString());
        p.put("jwtgate.signing.secret", HostileTokens.SECRET);
        p.put("jwtgate.rules", "/** -> authenticated");
        try (RunningApp app = container.deploy(root, p, temp.resolve("work"))) {
            HttpResponse<String> hello = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/auth/me")).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("[a2] webxml " + version + " " + container + ": available=" + app.available()
                    + " GET /hello -> " + hello.statusCode() + " '" + hello.body() + "'; GET /auth/me -> "
                    + me.statusCode());
            assertNotEquals(200, hello.statusCode(), "web.xml " + version + ": /hello served without a token: "
                    + hello.body());
        }
    }
}
