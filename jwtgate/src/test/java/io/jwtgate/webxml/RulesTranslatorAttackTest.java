package io.jwtgate.webxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.cli.Main;
import io.jwtgate.rules.AccessRule;
import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.PathNormalizer;
import io.jwtgate.rules.Requirement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outside review of {@code jwtgate rules from-web-xml} (issue 10, filter route): descriptors an
 * operator may really have, looked at for rules that let through more than the container would,
 * for injected rule lines, and for internal errors instead of a clear answer.
 */
class RulesTranslatorAttackTest {

    @TempDir
    Path dir;

    private static String webXml(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n" + body + "\n</web-app>\n";
    }

    private static String constraint(String patterns, String methods, String auth) {
        return "<security-constraint><web-resource-collection><web-resource-name>r</web-resource-name>" + patterns
                + methods + "</web-resource-collection>" + auth + "</security-constraint>\n";
    }

    private static Translation translate(String xml) throws Exception {
        return RulesTranslator.translate(WebXmlParser.parse(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "web.xml"), "web.xml");
    }

    private static Requirement.Kind decision(Translation t, String method, String path) {
        AccessRule rule = AccessRules.parse(t.text()).match(method, PathNormalizer.normalize(path, null));
        return rule.requirements().get(0).kind();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cli(String xml) throws Exception {
        Path file = dir.resolve("web.xml");
        Files.writeString(file, xml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"rules", "from-web-xml", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), new Properties());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A public page at exact {@code /admin} (a login or landing page) beside {@code /admin/*} for
     * admins: the container sends {@code GET /admin/} to the prefix and asks for the role; the
     * translated exact rule {@code /admin -> permit} also matches {@code /admin/} (JwtGate ignores a
     * trailing slash) and comes first, so the admin servlet's index is open to anyone. Where the two
     * paths cannot be told apart the rule must take the stricter decision of both.
     */
    @Test
    void publicExactPageBesideAProtectedPrefixDoesNotOpenThePrefixWithATrailingSlash() throws Exception {
        Translation t = translate(webXml(
                constraint("<url-pattern>/admin/*</url-pattern>", "",
                        "<auth-constraint><role-name>admin</role-name></auth-constraint>")
                + constraint("<url-pattern>/admin</url-pattern>", "<http-method>POST</http-method>",
                        "<auth-constraint><role-name>admin</role-name></auth-constraint>")
                + "<security-role><role-name>admin</role-name></security-role>"));
        assertEquals(Access.anyOf(java.util.Set.of("admin")),
                new ServletConstraints(WebXmlParser.parse(new ByteArrayInputStream(webXml(
                        constraint("<url-pattern>/admin/*</url-pattern>", "",
                                "<auth-constraint><role-name>admin</role-name></auth-constraint>")).getBytes(
                                StandardCharsets.UTF_8)), "web.xml")).decide("/admin/", "GET"),
                "the container asks for the role on GET /admin/");
        assertNotEquals(Requirement.Kind.PERMIT, decision(t, "GET", "/admin/"),
                "GET /admin/ is let through by the translated rules:\n" + t.text());
    }

    /** Same with an exact pattern written with a trailing slash: {@code /app/} open, {@code /app} not. */
    @Test
    void exactPatternWithATrailingSlashDoesNotOpenThePathWithoutIt() throws Exception {
        Translation t = translate(webXml(
                constraint("<url-pattern>/*</url-pattern>", "",
                        "<auth-constraint><role-name>user</role-name></auth-constraint>")
                + constraint("<url-pattern>/welcome/</url-pattern>", "<http-method>POST</http-method>",
                        "<auth-constraint><role-name>user</role-name></auth-constraint>")
                + "<security-role><role-name>user</role-name></security-role>"));
        assertNotEquals(Requirement.Kind.PERMIT, decision(t, "GET", "/welcome"),
                "GET /welcome is let through by the translated rules:\n" + t.text());
    }

    /**
     * A dotted extension ({@code *.tar.gz}): the container model takes the text after the last dot
     * ({@code gz}), so {@code /x.tar.gz} falls to the default pattern's role; the rule
     * {@code /**}{@code /*.tar.gz} matches it and permits the methods the extension's constraint
     * does not name.
     */
    @Test
    void dottedExtensionDoesNotOpenPathsTheDefaultPatternProtects() throws Exception {
        Translation t = translate(webXml(
                constraint("<url-pattern>/</url-pattern>", "",
                        "<auth-constraint><role-name>user</role-name></auth-constraint>")
                + constraint("<url-pattern>*.tar.gz</url-pattern>", "<http-method>POST</http-method>",
                        "<auth-constraint><role-name>user</role-name></auth-constraint>")
                + "<security-role><role-name>user</role-name></security-role>"));
        assertNotEquals(Requirement.Kind.PERMIT, decision(t, "GET", "/backup.tar.gz"),
                "GET /backup.tar.gz is let through by the translated rules:\n" + t.text());
    }

    /**
     * {@code <http-method-omission>get</http-method-omission>} is a valid descriptor (method names are
     * case-sensitive tokens); the translator writes a rule with {@code get} that AccessRules refuses,
     * and the command ends in an internal error (exit 70) instead of rules or a clear message.
     */
    @Test
    void lowerCaseMethodInWebXmlGetsRulesOrAClearMessageNotAnInternalError() throws Exception {
        Run run = cli(webXml(constraint("<url-pattern>/api/*</url-pattern>",
                "<http-method-omission>get</http-method-omission>",
                "<auth-constraint><role-name>user</role-name></auth-constraint>")
                + "<security-role><role-name>user</role-name></security-role>"));
        assertNotEquals(70, run.exit(), run.err());
        assertFalse(run.err().contains("internal error"), run.err());
    }

    /** An exact url-pattern with a space (a real file name) is written as a rule AccessRules cannot read. */
    @Test
    void urlPatternWithASpaceGetsRulesOrAClearMessageNotAnInternalError() throws Exception {
        Run run = cli(webXml(constraint("<url-pattern>/annual report.pdf</url-pattern>", "",
                "<auth-constraint><role-name>user</role-name></auth-constraint>")
                + "<security-role><role-name>user</role-name></security-role>"));
        assertNotEquals(70, run.exit(), run.err());
        assertFalse(run.err().contains("internal error"), run.err());
    }

    /**
     * The {@code <realm-name>} is copied into a header comment; a line break in it (a character
     * reference is no entity declaration) ends the comment and the rest becomes a rule ahead of every
     * translated rule.
     */
    @Test
    void lineBreakInTheRealmNameCannotInjectARule() throws Exception {
        Translation t = translate(webXml(
                constraint("<url-pattern>/admin/*</url-pattern>", "",
                        "<auth-constraint><role-name>admin</role-name></auth-constraint>")
                + "<security-role><role-name>admin</role-name></security-role>"
                + "<login-config><auth-method>BASIC</auth-method>"
                + "<realm-name>Legacy&#10;/** -&gt; permit&#10;# </realm-name></login-config>"));
        assertTrue(t.lines().stream().noneMatch(l -> l.contains("\n") || l.contains("\r")), t.text());
        assertEquals(Requirement.Kind.ROLE, decision(t, "GET", "/admin/users"), t.text());
    }

    /** Same through {@code <auth-method>}, which the comment copies too. */
    @Test
    void lineBreakInTheAuthMethodCannotInjectARule() throws Exception {
        Translation t = translate(webXml(
                constraint("<url-pattern>/admin/*</url-pattern>", "",
                        "<auth-constraint><role-name>admin</role-name></auth-constraint>")
                + "<security-role><role-name>admin</role-name></security-role>"
                + "<login-config><auth-method>BASIC&#13;/** -&gt; permit&#13;#</auth-method></login-config>"));
        assertEquals(Requirement.Kind.ROLE, decision(t, "GET", "/admin/users"), t.text());
    }

    /** Nothing is fetched and nothing expanded: an external DTD and a parameter entity are refused or ignored. */
    @Test
    void parameterEntityAndExternalDtdAreNotFollowed() throws Exception {
        Run run = cli("<?xml version=\"1.0\"?>\n<!DOCTYPE web-app [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\"/>\n");
        assertEquals(1, run.exit(), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
