package io.jwtgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Keys;
import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.Requirement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection><web-resource-name>a</web-resource-name><url-pattern>/admin/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>admin</role-name><role-name>manager</role-name></auth-constraint>
              </security-constraint>
              <security-constraint>
                <web-resource-collection><web-resource-name>api</web-resource-name><url-pattern>/api/*</url-pattern>
                  <http-method>GET</http-method><http-method>POST</http-method></web-resource-collection>
                <auth-constraint><role-name>user</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method></login-config>
            </web-app>
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return run(Map.of(), new Properties(), args);
    }

    private int run(Map<String, String> env, Properties props, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, props);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path webXml(String text) throws Exception {
        Path file = dir.resolve("web.xml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void rulesFromWebXmlPrintsRulesTheFilterAcceptsAndExitsZeroWhenExact() throws Exception {
        assertEquals(0, run("rules", "from-web-xml", webXml(WEB_XML).toString()));
        AccessRules rules = AccessRules.parse(out());
        assertEquals(List.of(Requirement.role("admin|manager")), rules.match("GET", "/admin/x").requirements());
        assertEquals(List.of(Requirement.role("user")), rules.match("POST", "/api/x").requirements());
        assertEquals(List.of(Requirement.PERMIT), rules.match("HEAD", "/api/x").requirements());
        assertEquals(List.of(Requirement.PERMIT), rules.match("GET", "/elsewhere").requirements());
        assertEquals("", err());
    }

    @Test
    void propertiesFormatLoadsAsOneJwtgateRulesValue() throws Exception {
        assertEquals(0, run("rules", "from-web-xml", "--format", "properties", webXml(WEB_XML).toString()));
        Properties p = new Properties();
        p.load(new StringReader(out()));
        assertEquals(Map.of("jwtgate.rules", p.getProperty("jwtgate.rules")), Map.copyOf(p), "one entry only");
        assertEquals(List.of(Requirement.role("admin|manager")),
                AccessRules.parse(p.getProperty("jwtgate.rules")).match("GET", "/admin/x").requirements());
        assertEquals(5, AccessRules.parse(p.getProperty("jwtgate.rules")).rules().size());
    }

    @Test
    void approximateTranslationListsTheDifferencesOnStderrAndExitsThree() throws Exception {
        String xml = WEB_XML.replace("/admin/*", "/admin");
        assertEquals(ExitCode.APPROXIMATE, run("rules", "from-web-xml", webXml(xml).toString()));
        assertTrue(out().contains("/admin -> role:admin|manager"), out());
        assertTrue(err().contains("GET /admin/: the container decides 'permit'"), err());
        assertTrue(err().contains("--allow-approximate"), err());
    }

    @Test
    void allowApproximateExitsZeroButStillListsTheDifferences() throws Exception {
        String xml = WEB_XML.replace("/admin/*", "/admin");
        assertEquals(0, run("rules", "from-web-xml", "--allow-approximate", webXml(xml).toString()));
        assertTrue(err().contains("GET /admin/: the container decides 'permit'"), err());
    }

    @Test
    void aMissingFileIsOneLineAndExitOne() {
        assertEquals(ExitCode.INPUT, run("rules", "from-web-xml", dir.resolve("none.xml").toString()));
        assertEquals("jwtgate: " + dir.resolve("none.xml") + ": no such file\n", err());
        assertEquals("", out());
    }

    @Test
    void anInvalidDescriptorIsOneClearLineWithoutStackTrace() throws Exception {
        assertEquals(ExitCode.INPUT, run("rules", "from-web-xml", webXml("<web-app><oops></web-app>").toString()));
        assertTrue(err().startsWith("jwtgate: "), err());
        assertTrue(err().contains("not well-formed XML (line 1"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void usageErrorsExitTwoAndPointToHelp() throws Exception {
        assertEquals(ExitCode.USAGE, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
        err.reset();
        assertEquals(ExitCode.USAGE, run("rules", "from-web-xml"));
        assertTrue(err().contains("give exactly one web.xml path"), err());
        err.reset();
        assertEquals(ExitCode.USAGE, run("rules", "from-web-xml", "--bogus", "x"));
        assertTrue(err().contains("unknown option --bogus"), err());
        err.reset();
        assertEquals(ExitCode.USAGE, run("rules", "from-web-xml", "--format", "yaml", "x"));
        assertEquals(ExitCode.USAGE, run());
        assertTrue(err().contains("Usage: jwtgate"), err());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("rules from-web-xml"), out());
        assertTrue(out().contains("Exit codes: 0 done, 1 bad input or configuration, 2 wrong command line"), out());
        out.reset();
        assertEquals(0, run("rules", "from-web-xml", "--help"));
        assertTrue(out().startsWith("Usage: jwtgate rules from-web-xml"), out());
    }

    @Test
    void configurationComesFromTheConfigFileSystemPropertiesAndEnvironmentAsInTheFilter() throws Exception {
        Path file = dir.resolve("jwtgate.properties");
        Files.writeString(file, "jwtgate.issuer=from-file\njwtgate.realm=file-realm\n");
        Properties props = new Properties();
        props.setProperty("jwtgate.realm", "from-property");
        CliContext context = new CliContext(System.out, System.err, Map.of("JWTGATE_AUDIENCE", "from-env"), props,
                file.toString());
        List<ConfigSource> layers = context.configuration();
        assertEquals("from-property", first(layers, Keys.REALM));
        assertEquals("from-env", first(layers, Keys.AUDIENCE));
        assertEquals("from-file", first(layers, Keys.ISSUER));
    }

    @Test
    void aConfigFileThatDoesNotExistOrAnUnknownKeyIsAnInputError() throws Exception {
        CliContext missing = new CliContext(System.out, System.err, Map.of(), new Properties(),
                dir.resolve("absent.properties").toString());
        CliException e = assertThrowsCli(missing);
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        CliException typo = assertThrowsCli(new CliContext(System.out, System.err, Map.of("JWTGATE_ISUER", "x"),
                new Properties(), null));
        assertTrue(typo.getMessage().contains("JWTGATE_ISUER"), typo.getMessage());
    }

    @Test
    void configOptionAndADifferentSystemPropertyAreAUsageError() {
        Properties props = new Properties();
        props.setProperty(Keys.CONFIG, "/etc/other.properties");
        assertEquals(ExitCode.USAGE, run(Map.of(), props, "--config", "/etc/jwtgate.properties", "rules",
                "from-web-xml", "x"));
        assertTrue(err().contains("name different files"), err());
    }

    private static CliException assertThrowsCli(CliContext context) {
        return org.junit.jupiter.api.Assertions.assertThrows(CliException.class, context::configuration);
    }

    private static String first(List<ConfigSource> layers, String key) {
        return layers.stream().map(l -> l.get(key)).filter(v -> v != null).findFirst().orElse(null);
    }
}
