package io.jwtgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 4, in the code: no class of the JwtGate jar (the jakarta one here, the transformed
 * javax one in jwtgate-javax) names {@code getSession} or {@code HttpSession}, so JwtGate neither
 * creates nor reads an HTTP session (decision 260). Cookie mode, when it comes, changes this test
 * on purpose.
 */
class JwtGateNeverTouchesHttpSessionTest {

    private static final List<String> FORBIDDEN = List.of("getSession", "HttpSession");

    @Test
    void noJwtGateClassNamesTheHttpSession() throws Exception {
        Path location = Path.of(JwtAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> classes = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location.resolve("io/jwtgate"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    classes.add(file.toString());
                    check(file.toString(), Files.readAllBytes(file), offenders);
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                    if (entry.getName().startsWith("io/jwtgate/") && entry.getName().endsWith(".class")) {
                        classes.add(entry.getName());
                        try (InputStream in = jar.getInputStream(entry)) {
                            check(entry.getName(), in.readAllBytes(), offenders);
                        }
                    }
                }
            }
        }
        assertTrue(classes.size() > 50, "the JwtGate classes were found: " + classes.size() + " at " + location);
        assertEquals(List.of(), offenders);
    }

    /** Names in a class file's constant pool are stored as (modified) UTF-8: a byte search finds them. */
    private static void check(String name, byte[] bytes, List<String> offenders) throws IOException, URISyntaxException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String forbidden : FORBIDDEN) {
            if (text.contains(forbidden)) {
                offenders.add(name + " names " + forbidden);
            }
        }
    }
}
