package io.jwtgate.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bytecode check of issue 9 item 4: the javax jar names no {@code jakarta.servlet} type, the
 * jakarta jar no {@code javax.servlet} type, and every javax.servlet class, field and method the
 * javax jar uses exists in Servlet 4.0, so no Servlet 5/6-only call reaches Tomcat 9 or Jetty ee8.
 *
 * <p>This class is compiled in jwtgate-javax and never passes through the Eclipse Transformer, so its
 * literals keep both namespaces as written. The javax jar is read as {@code target/classes}, exactly
 * what the jar plugin packages in the next phase.
 */
class JarNamespaceTest {

    private static final String JAKARTA = "jakarta.servlet";
    private static final String JAVAX = "javax.servlet";

    private static final Path CHECK_DIR = Path.of(System.getProperty("bytecode-check.dir", "target/bytecode-check"));
    private static final Path JAVAX_CLASSES = ClassFiles.JAVAX_CLASSES;
    private static final Path JAKARTA_JAR = CHECK_DIR.resolve("jwtgate-jakarta.jar");
    private static final Path SERVLET_4_API = CHECK_DIR.resolve("servlet-api-4.0.jar");

    /** Class-file internal names of a descriptor or signature, e.g. {@code Ljavax/servlet/Filter;}. */
    private static final Pattern JAVAX_TYPE = Pattern.compile("L(javax/servlet/[\\w/$]+)[;<]");

    @Test
    void javaxJarNamesNoJakartaServletTypeAnywhere() {
        Map<String, byte[]> files = javaxJar();
        assertTrue(files.containsKey("io/jwtgate/JwtAuthFilter.class"), "the javax classes were not found");
        assertEquals(List.of(), offenders(files, JAKARTA));
    }

    @Test
    void jakartaJarNamesNoJavaxServletTypeAnywhere() {
        Map<String, byte[]> files = jar(JAKARTA_JAR);
        assertTrue(files.containsKey("io/jwtgate/JwtAuthFilter.class"), "the jakarta jar was not found");
        assertEquals(List.of(), offenders(files, JAVAX));
    }

    @Test
    void everyServletClassFieldAndMethodOfTheJavaxJarExistsInServlet40() throws IOException {
        Map<String, byte[]> files = javaxJar();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (ServletApi api = new ServletApi(SERVLET_4_API)) {
            for (Map.Entry<String, byte[]> file : classFiles(files).entrySet()) {
                ConstantPool pool = ConstantPool.read(file.getValue());
                for (String type : servletTypes(pool)) {
                    checked++;
                    if (!api.hasClass(type)) {
                        missing.add(file.getKey() + ": class " + type);
                    }
                }
                for (ConstantPool.MemberRef ref : pool.members()) {
                    if (ref.owner().startsWith("javax/servlet/")) {
                        checked++;
                        if (!api.has(ref)) {
                            missing.add(file.getKey() + ": " + ref);
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100, "too few javax.servlet references found: " + checked);
        assertEquals(List.of(), missing, "not in Servlet 4.0");
    }

    /** The check would see a Servlet 6.0-only call: it is not blind to what it looks for. */
    @Test
    void servletApiCheckRefusesAServlet6OnlyMethodAndAcceptsAServlet4One() throws IOException {
        try (ServletApi api = new ServletApi(SERVLET_4_API)) {
            assertFalse(api.has(new ConstantPool.MemberRef(true, "javax/servlet/ServletRequest", "getRequestId",
                    "()Ljava/lang/String;")));
            assertFalse(api.has(new ConstantPool.MemberRef(true, "javax/servlet/http/Cookie", "setAttribute",
                    "(Ljava/lang/String;Ljava/lang/String;)V")));
            assertFalse(api.hasClass("javax/servlet/ServletConnection"));
            assertTrue(api.has(new ConstantPool.MemberRef(true, "javax/servlet/http/HttpServletRequest",
                    "getHttpServletMapping", "()Ljavax/servlet/http/HttpServletMapping;")));
            // Inherited: declared by ServletRequest, called through HttpServletRequestWrapper.
            assertTrue(api.has(new ConstantPool.MemberRef(true, "javax/servlet/http/HttpServletRequestWrapper",
                    "getRemoteAddr", "()Ljava/lang/String;")));
        }
    }

    /** The namespace scan sees a name held only as a string constant, as this class holds both. */
    @Test
    void namespaceScanFindsANameHeldOnlyAsAStringConstant() throws IOException {
        String self = JarNamespaceTest.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = JarNamespaceTest.class.getClassLoader().getResourceAsStream(self)) {
            bytes = in.readAllBytes();
        }
        List<String> found = offenders(Map.of(self, bytes), JAKARTA);
        assertTrue(found.contains(self + ": " + JAKARTA), found.toString());
    }

    /**
     * Every file that names {@code namespace}: in a class file, any constant pool text (class and
     * member references, descriptors, generic signatures, string constants, annotations) in dotted or
     * internal form; in any other file (web-fragment.xml, service files), its text. The Maven
     * descriptors under META-INF/maven are left out: they are the build's POM, whose comments name both
     * namespaces, and no class loader or container reads them.
     */
    private static List<String> offenders(Map<String, byte[]> files, String namespace) {
        String internal = namespace.replace('.', '/');
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().startsWith("META-INF/maven/")) {
                continue;
            }
            List<String> texts;
            if (file.getKey().endsWith(".class")) {
                try {
                    texts = ConstantPool.read(file.getValue()).texts();
                } catch (IOException e) {
                    throw new UncheckedIOException(file.getKey(), e);
                }
            } else {
                texts = List.of(new String(file.getValue(), StandardCharsets.ISO_8859_1), file.getKey());
            }
            for (String text : texts) {
                if (text.contains(namespace) || text.contains(internal)) {
                    found.add(file.getKey() + ": " + text);
                }
            }
        }
        return found;
    }

    private static TreeSet<String> servletTypes(ConstantPool pool) {
        TreeSet<String> types = new TreeSet<>();
        for (String c : pool.classes()) {
            if (c.startsWith("javax/servlet/")) {
                types.add(c);
            }
        }
        for (String text : pool.texts()) {
            Matcher m = JAVAX_TYPE.matcher(text);
            while (m.find()) {
                types.add(m.group(1));
            }
        }
        return types;
    }

    private static Map<String, byte[]> classFiles(Map<String, byte[]> files) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        files.forEach((name, bytes) -> {
            if (name.endsWith(".class")) {
                classes.put(name, bytes);
            }
        });
        return classes;
    }

    private static Map<String, byte[]> javaxJar() {
        return ClassFiles.directory(JAVAX_CLASSES);
    }

    private static Map<String, byte[]> jar(Path jar) {
        return ClassFiles.jar(jar);
    }
}
