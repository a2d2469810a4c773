package io.jwtgate.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bytecode check for the Authentication API (decision 276), beside {@link JarNamespaceTest}'s for
 * the Servlet API: {@code io.jwtgate.jaspic} is written against Jakarta Authentication 3.0 and becomes
 * JASPIC 1.1 ({@code javax.security.auth.message}) in this jar, which Tomcat 9 provides. Each namespace
 * stays in its own jar, every JASPIC class, field and method the javax classes use exists in the 1.1
 * API, and every JwtGate class implementing a JASPIC interface implements each of its 1.1 methods
 * itself: 3.0 turned some of them into default methods (e.g. {@code ServerAuth.secureResponse}), which
 * a 1.1 container would find abstract.
 */
class JaspicApiReferencesTest {

    private static final String JAKARTA = "jakarta.security.auth.message";
    private static final String JAVAX = "javax.security.auth.message";
    private static final String JAVAX_INTERNAL = "javax/security/auth/message/";

    private static final Path CHECK_DIR = Path.of(System.getProperty("bytecode-check.dir", "target/bytecode-check"));
    private static final Path JAKARTA_JAR = CHECK_DIR.resolve("jwtgate-jakarta.jar");
    private static final Path JASPIC_11_API = CHECK_DIR.resolve("jaspic-api-1.1.jar");

    private static final Pattern JAVAX_TYPE = Pattern.compile("L(javax/security/auth/message/[\\w/$]+)[;<]");

    @Test
    void javaxJarNamesNoJakartaAuthenticationTypeAnywhere() {
        assertEquals(List.of(), offenders(ClassFiles.directory(ClassFiles.JAVAX_CLASSES), JAKARTA));
    }

    @Test
    void jakartaJarNamesNoJaspic11TypeAnywhere() {
        assertEquals(List.of(), offenders(ClassFiles.jar(JAKARTA_JAR), JAVAX));
    }

    @Test
    void everyJaspicClassFieldAndMethodOfTheJavaxJarExistsInJaspic11() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (ServletApi api = new ServletApi(JASPIC_11_API)) {
            for (Map.Entry<String, byte[]> file : classFiles(ClassFiles.directory(ClassFiles.JAVAX_CLASSES)).entrySet()) {
                ConstantPool pool = ConstantPool.read(file.getValue());
                for (String type : jaspicTypes(pool)) {
                    checked++;
                    if (!api.hasClass(type)) {
                        missing.add(file.getKey() + ": class " + type);
                    }
                }
                for (ConstantPool.MemberRef ref : pool.members()) {
                    if (ref.owner().startsWith(JAVAX_INTERNAL)) {
                        checked++;
                        if (!api.has(ref)) {
                            missing.add(file.getKey() + ": " + ref);
                        }
                    }
                }
            }
        }
        // The module, its config provider and the callbacks: a few dozen references, never none.
        assertTrue(checked > 20, "too few javax.security.auth.message references found: " + checked);
        assertEquals(List.of(), missing, "not in JASPIC 1.1");
    }

    @Test
    void everyJaspicInterfaceMethodIsImplementedByJwtGatesOwnClass() throws Exception {
        List<String> unimplemented = new ArrayList<>();
        int implementations = 0;
        for (String name : classFiles(ClassFiles.directory(ClassFiles.JAVAX_CLASSES)).keySet()) {
            if (name.endsWith("package-info.class") || name.endsWith("module-info.class")) {
                continue;
            }
            Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                    getClass().getClassLoader());
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (Class<?> api : jaspicInterfaces(type)) {
                implementations++;
                for (Method required : api.getMethods()) {
                    Method found = type.getMethod(required.getName(), required.getParameterTypes());
                    if (Modifier.isAbstract(found.getModifiers())) {
                        unimplemented.add(type.getName() + " does not implement " + required);
                    }
                }
            }
        }
        assertTrue(implementations >= 3, "expected the module, its context, config and provider; found "
                + implementations + " JASPIC interfaces implemented");
        assertEquals(List.of(), unimplemented);
    }

    /** The check would see a 3.0-only call: it is not blind to what it looks for. */
    @Test
    void jaspicApiCheckRefusesA30OnlyMethodAndAcceptsA11One() throws IOException {
        try (ServletApi api = new ServletApi(JASPIC_11_API)) {
            assertFalse(api.has(new ConstantPool.MemberRef(true, JAVAX_INTERNAL + "config/AuthConfigFactory",
                    "registerServerAuthModule",
                    "(L" + JAVAX_INTERNAL + "module/ServerAuthModule;Ljava/lang/Object;)Ljava/lang/String;")));
            assertTrue(api.has(new ConstantPool.MemberRef(true, JAVAX_INTERNAL + "config/AuthConfigFactory",
                    "registerConfigProvider", "(L" + JAVAX_INTERNAL + "config/AuthConfigProvider;"
                            + "Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;")));
            // Inherited: declared by ServerAuth, called through ServerAuthContext.
            assertTrue(api.has(new ConstantPool.MemberRef(true, JAVAX_INTERNAL + "config/ServerAuthContext",
                    "cleanSubject", "(L" + JAVAX_INTERNAL + "MessageInfo;Ljavax/security/auth/Subject;)V")));
        }
    }

    /** The JASPIC interfaces {@code type} implements, directly or through its superclasses and interfaces. */
    private static List<Class<?>> jaspicInterfaces(Class<?> type) {
        List<Class<?>> found = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (c.isInterface() && c.getName().startsWith(JAVAX + ".") && !found.contains(c)) {
                found.add(c);
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return found;
    }

    /** Every file naming {@code namespace} in dotted or internal form (class constant pools or file text). */
    private static List<String> offenders(Map<String, byte[]> files, String namespace) {
        String internal = namespace.replace('.', '/');
        List<String> found = new ArrayList<>();
        files.forEach((name, bytes) -> {
            if (name.startsWith("META-INF/maven/")) {
                return;
            }
            List<String> texts;
            try {
                texts = name.endsWith(".class") ? ConstantPool.read(bytes).texts()
                        : List.of(new String(bytes, StandardCharsets.ISO_8859_1), name);
            } catch (IOException e) {
                throw new UncheckedIOException(name, e);
            }
            for (String text : texts) {
                if (text.contains(namespace) || text.contains(internal)) {
                    found.add(name + ": " + text);
                }
            }
        });
        return found;
    }

    private static TreeSet<String> jaspicTypes(ConstantPool pool) {
        TreeSet<String> types = new TreeSet<>();
        for (String c : pool.classes()) {
            if (c.startsWith(JAVAX_INTERNAL)) {
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
        Map<String, byte[]> classes = new java.util.LinkedHashMap<>();
        files.forEach((name, bytes) -> {
            if (name.endsWith(".class")) {
                classes.put(name, bytes);
            }
        });
        return classes;
    }
}
