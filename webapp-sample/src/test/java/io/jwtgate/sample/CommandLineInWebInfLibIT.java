package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line runs from the unpacked WAR as an operator finds it, in a JVM of its own: the
 * jar in {@code WEB-INF/lib} is executable ({@code java -jar}, its manifest's Class-Path naming the
 * jars beside it) and also runs from {@code java -cp 'WEB-INF/lib/*'}, with no servlet API on the
 * class path (the WAR holds none).
 */
class CommandLineInWebInfLibIT {

    private static final String LEGACY_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN"
                "http://java.sun.com/dtd/web-app_2_3.dtd">
            <web-app>
              <security-constraint>
                <web-resource-collection><web-resource-name>admin</web-resource-name>
                  <url-pattern>/admin/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>admin</role-name><role-name>manager</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method></login-config>
            </web-app>
            """;

    @TempDir
    Path temp;

    private Path app;

    @BeforeEach
    void unpackTheWar() throws IOException {
        app = temp.resolve("app");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(SampleWar.path()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = app.resolve(e.getName()).normalize();
                if (!target.startsWith(app)) {
                    throw new IOException("entry outside the WAR: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy((InputStream) zip, target);
                }
            }
        }
        Files.writeString(app.resolve("legacy-web.xml"), LEGACY_WEB_XML);
    }

    /** jwtgate-<v>.jar or jwtgate-javax-<v>.jar, whichever flavour the WAR carries. */
    private Path jwtgateJar() throws IOException {
        try (Stream<Path> jars = Files.list(app.resolve("WEB-INF/lib"))) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().matches("jwtgate-(javax-)?\\d.*\\.jar")).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run java(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(app.toFile())
                .redirectOutput(temp.resolve("out.txt").toFile()).redirectError(temp.resolve("err.txt").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command line did not finish");
        return new Run(p.exitValue(), Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void javaDashJarOnTheJarInWebInfLibTranslatesALegacyDescriptor() throws Exception {
        Path jar = app.relativize(jwtgateJar());
        Run run = java("-jar", jar.toString(), "rules", "from-web-xml", "legacy-web.xml");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("/admin/** -> role:admin|manager\n"), run.out());
        assertTrue(run.out().endsWith("/** -> permit\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void classPathOfWebInfLibRunsMainAndItsErrorsAreOneLineWithExitCodes() throws Exception {
        String cp = "WEB-INF/lib/*";
        Run help = java("-cp", cp, "io.jwtgate.cli.Main", "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("rules from-web-xml"), help.out());
        Run missing = java("-cp", cp, "io.jwtgate.cli.Main", "rules", "from-web-xml", "no-such.xml");
        assertEquals(1, missing.exit());
        assertEquals("jwtgate: no-such.xml: no such file", missing.err().strip());
        Run usage = java("-cp", cp, "io.jwtgate.cli.Main", "rules");
        assertEquals(2, usage.exit());
        assertTrue(usage.err().startsWith("jwtgate: unknown command 'rules'"), usage.err());
    }

    @Test
    void theSamplesOwnWebXmlTranslatesToPermitEverythingSinceItDeclaresNoConstraint() throws Exception {
        Run run = java("-jar", app.relativize(jwtgateJar()).toString(), "rules", "from-web-xml", "WEB-INF/web.xml");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("# Paths no url-pattern matches: the container leaves them unconstrained.\n"
                + "/** -> permit\n"), run.out());
    }
}
