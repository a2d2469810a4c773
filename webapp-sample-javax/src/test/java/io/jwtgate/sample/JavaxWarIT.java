package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The javax WAR holds nothing of Jakarta EE: no jakarta class and no jakarta jar at any depth, the
 * sample's own classes and the JwtGate jar refer to no jakarta type, its descriptors are in the Java
 * EE namespace, and the library in WEB-INF/lib is jwtgate-javax rather than jwtgate.
 */
class JavaxWarIT {

    /** How a class file names a type of a jakarta package in its constant pool. */
    private static final byte[] JAKARTA_TYPE = "jakarta/".getBytes(StandardCharsets.UTF_8);

    @Test
    void theWarHoldsNoJakartaClassJarOrReference() throws IOException {
        List<String> findings = new ArrayList<>();
        List<String> libraries = new ArrayList<>();
        try (ZipFile war = new ZipFile(SampleWar.path().toFile())) {
            for (ZipEntry entry : war.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")) {
                    String jar = name.substring("WEB-INF/lib/".length());
                    libraries.add(jar);
                    if (jar.startsWith("jakarta")) {
                        findings.add(name + " is a Jakarta jar");
                    }
                    try (InputStream in = war.getInputStream(entry)) {
                        inspectJar(name, in, jar.startsWith("jwtgate"), findings);
                    }
                } else {
                    try (InputStream in = war.getInputStream(entry)) {
                        inspect(name, in.readAllBytes(), true, findings);
                    }
                }
            }
        }

        assertEquals(List.of(), findings);
        assertTrue(libraries.stream().anyMatch(jar -> jar.startsWith("jwtgate-javax-")), libraries.toString());
        assertTrue(libraries.stream().noneMatch(jar -> jar.matches("jwtgate-\\d.*")), libraries.toString());
    }

    @Test
    void theWebXmlIsInTheJavaEe8Namespace() throws IOException {
        String webXml;
        try (ZipFile war = new ZipFile(SampleWar.path().toFile());
                InputStream in = war.getInputStream(war.getEntry("WEB-INF/web.xml"))) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertTrue(webXml.contains("xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\""), webXml);
        assertTrue(webXml.contains("version=\"4.0\""), webXml);
        assertTrue(webXml.contains("<filter-class>io.jwtgate.JwtAuthFilter</filter-class>"), webXml);
    }

    /**
     * Every entry of a jar in WEB-INF/lib: no class of a jakarta package in any of them, and in
     * JwtGate's own jar no reference to one either. Other libraries may name jakarta types in
     * optional integration classes (H2 has a servlet for each API), which no container loads
     * unless asked.
     */
    private static void inspectJar(String jarName, InputStream in, boolean ours, List<String> findings)
            throws IOException {
        try (JarInputStream jar = new JarInputStream(in)) {
            for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                inspect(jarName + "!/" + entry.getName(), jar.readAllBytes(), ours, findings);
            }
        }
    }

    private static void inspect(String name, byte[] content, boolean ours, List<String> findings) {
        if (name.contains("jakarta/") && name.endsWith(".class")) {
            findings.add(name + " is a class of a jakarta package");
        }
        if (ours && name.endsWith(".class") && indexOf(content, JAKARTA_TYPE) >= 0) {
            findings.add(name + " refers to a jakarta type");
        }
        if (ours && name.endsWith(".xml") && !name.contains("META-INF/maven/") && new String(content, StandardCharsets.UTF_8).contains("jakarta")) {
            findings.add(name + " mentions jakarta");
        }
    }

    private static int indexOf(byte[] content, byte[] part) {
        outer:
        for (int i = 0; i <= content.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (content[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
