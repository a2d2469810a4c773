package io.jwtgate.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks objects the way an expression language injected into a page can (issue 8 item 7):
 * through every public no-argument method reachable on a public type, into the contents of maps,
 * collections, optionals and arrays, to a bounded depth; and reports what it should never reach:
 * the signing secret in any encoding (raw text or bytes, Base64 of either alphabet with or without
 * padding, hex), a {@link java.security.Key} or {@code javax.crypto} object, or a JwtGate object
 * that can issue tokens, read users or sessions, or holds the key material or the store.
 *
 * <p>Walking calls methods, so verbs with side effects ({@code close}, {@code stop}, {@code clear},
 * {@code purge…}, …) are never called, and container objects ({@code org.apache.*},
 * {@code org.eclipse.jetty.*}, the JDK) only through bean getters ({@code getX}, {@code isX}),
 * which is also what EL's property syntax reaches. {@code getClass()} is not followed: through
 * {@link Class} reflection reaches anything, and that is the container's EL sandbox to refuse.
 */
public final class AttributeWalker {

    private static final int MAX_DEPTH = 6;
    private static final int MAX_NODES = 40_000;
    private static final int MAX_ELEMENTS = 200;

    /** Types nothing reachable from an attribute may be (or extend), by name: names outlive refactorings. */
    private static final List<String> FORBIDDEN_TYPES = List.of(
            "io.jwtgate.JwtGate", "io.jwtgate.config.Settings", "io.jwtgate.token.AccessTokenIssuer",
            "io.jwtgate.token.KeyRing", "io.jwtgate.token.JwtKey", "io.jwtgate.login.Accounts",
            "io.jwtgate.login.TokenMinting", "io.jwtgate.login.LoginService", "io.jwtgate.login.Registration",
            "io.jwtgate.login.PasswordChange", "io.jwtgate.login.CredentialChecker",
            "io.jwtgate.session.SessionService", "io.jwtgate.session.Revocations",
            "javax.sql.DataSource", "java.sql.Connection", "com.auth0.jwt.algorithms.Algorithm",
            "java.security.Key", "java.security.KeyStore", "java.security.PrivateKey");
    private static final List<String> FORBIDDEN_PACKAGES = List.of("javax.crypto.", "io.jwtgate.store.");

    /** Method-name prefixes never called: they change state or block. */
    private static final List<String> SIDE_EFFECTS = List.of("close", "destroy", "stop", "start", "run", "call",
            "clear", "reset", "purge", "release", "shutdown", "refresh", "remove", "delete", "invalidate", "notify",
            "wait", "dump", "join", "interrupt", "lock", "unlock", "reload", "init", "flush", "commit", "rollback",
            "poll", "take", "next", "iterator", "spliterator", "stream", "parallelStream", "fire", "signal", "kill",
            "exit", "halt", "open", "create", "new", "backgroundProcess", "execute", "submit", "cancel", "pause",
            "resume", "suspend", "await", "drain", "load", "unload", "clone", "sync", "save", "store", "write",
            "read", "acquire", "wake", "register", "deregister", "unregister", "cleanup", "terminate", "logout",
            "login", "authenticate", "upgrade", "recycle", "finish", "complete", "toArray", "hashCode", "getClass");

    /** Packages whose objects are reported on but never walked into (reflection, threads, streams, loaders). */
    private static final List<String> OPAQUE = List.of("java.lang.Class", "java.lang.ClassLoader", "java.lang.Thread",
            "java.lang.Module", "java.lang.reflect.", "java.lang.invoke.", "java.util.concurrent.", "java.io.",
            "java.nio.", "java.util.logging.", "java.util.stream.", "java.util.Iterator", "java.net.",
            "java.security.", "java.lang.System", "java.lang.Runtime", "java.lang.ref.", "sun.", "jdk.", "com.sun.");

    private final List<String> secretTexts = new ArrayList<>();
    private final List<byte[]> secretBytes = new ArrayList<>();
    private final Set<String> findings = new LinkedHashSet<>();
    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    private int nodes;

    /** @param secrets the raw secrets (#0, #1, …) whose every encoding must stay out of reach */
    public AttributeWalker(byte[]... secrets) {
        for (byte[] secret : secrets) {
            secretBytes.add(secret.clone());
            secretTexts.add(new String(secret, StandardCharsets.UTF_8));
            secretTexts.add(Base64.getEncoder().encodeToString(secret));
            secretTexts.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
            secretTexts.add(Base64.getUrlEncoder().encodeToString(secret));
            secretTexts.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            secretTexts.add(HexFormat.of().formatHex(secret));
            secretTexts.add(HexFormat.of().withUpperCase().formatHex(secret));
        }
    }

    /** Everything found, each as the EL-like path that reached it and what it is. */
    public List<String> findings() {
        return new ArrayList<>(findings);
    }

    /** How many objects were looked at (so a test can tell the walk was not empty). */
    public int visited() {
        return nodes;
    }

    /** Walks {@code value}, reached by {@code path}. */
    public void walk(String path, Object value) {
        walk(path, value, 0);
    }

    private void walk(String path, Object value, int depth) {
        if (value == null || nodes >= MAX_NODES) {
            return;
        }
        Class<?> type = value.getClass();
        if (value instanceof CharSequence || value instanceof char[]) {
            nodes++;
            checkText(path, value instanceof char[] ? new String((char[]) value) : value.toString());
            return;
        }
        if (value instanceof byte[]) {
            nodes++;
            checkBytes(path, (byte[]) value);
            return;
        }
        if (type.isPrimitive() || value instanceof Number || value instanceof Boolean || value instanceof Character
                || value instanceof Enum) {
            return;
        }
        if (seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        nodes++;
        String forbidden = forbidden(type);
        if (forbidden != null) {
            findings.add(path + " is a " + forbidden + " (" + type.getName() + ")");
        }
        try {
            checkText(path + ".toString()", String.valueOf(value));
        } catch (RuntimeException e) {
            // A toString that fails reveals nothing.
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                Object[] array = (Object[]) value;
                for (int i = 0; i < Math.min(array.length, MAX_ELEMENTS); i++) {
                    walk(path + "[" + i + "]", array[i], depth + 1);
                }
            }
            return;
        }
        if (value instanceof Map) {
            int i = 0;
            for (Map.Entry<?, ?> e : List.copyOf(((Map<?, ?>) value).entrySet())) {
                if (i++ >= MAX_ELEMENTS) {
                    break;
                }
                walk(path + ".keySet()", e.getKey(), depth + 1);
                walk(path + "['" + e.getKey() + "']", e.getValue(), depth + 1);
            }
            return;
        }
        if (value instanceof Collection) {
            int i = 0;
            for (Object element : List.copyOf((Collection<?>) value)) {
                if (i >= MAX_ELEMENTS) {
                    break;
                }
                walk(path + "[" + i++ + "]", element, depth + 1);
            }
            return;
        }
        if (value instanceof Optional) {
            walk(path + ".get()", ((Optional<?>) value).orElse(null), depth + 1);
            return;
        }
        if (startsWithAny(type.getName(), OPAQUE)) {
            return;
        }
        boolean gettersOnly = isContainerOrJdk(type);
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getReturnType() == void.class
                    || m.getDeclaringClass() == Object.class || m.getName().equals("toString")
                    || startsWithAny(m.getName(), SIDE_EFFECTS)) {
                continue;
            }
            if (gettersOnly && !isGetter(m.getName())) {
                continue;
            }
            Method callable = callable(m, value);
            if (callable == null) {
                continue;
            }
            Object result;
            try {
                result = callable.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException | LinkageError e) {
                continue;
            }
            walk(path + "." + m.getName() + "()", result, depth + 1);
        }
    }

    private static boolean isGetter(String name) {
        return (name.startsWith("get") && name.length() > 3 && Character.isUpperCase(name.charAt(3)))
                || (name.startsWith("is") && name.length() > 2 && Character.isUpperCase(name.charAt(2)));
    }

    private static boolean isContainerOrJdk(Class<?> type) {
        String n = type.getName();
        return n.startsWith("org.apache.") || n.startsWith("org.eclipse.") || n.startsWith("java.")
                || n.startsWith("javax.") || n.startsWith("jakarta.");
    }

    /**
     * The declaration of {@code m} that code outside its class can call, as EL looks it up: on the
     * class itself when it is public, else on a public superclass or interface; null when none.
     */
    private static Method callable(Method m, Object target) {
        Deque<Class<?>> types = new ArrayDeque<>();
        types.add(target.getClass());
        Set<Class<?>> done = new java.util.HashSet<>();
        while (!types.isEmpty()) {
            Class<?> t = types.poll();
            if (!done.add(t)) {
                continue;
            }
            if (Modifier.isPublic(t.getModifiers())) {
                try {
                    Method declared = t.getMethod(m.getName());
                    if (declared.canAccess(target)) {
                        return declared;
                    }
                } catch (NoSuchMethodException | SecurityException | IllegalArgumentException e) {
                    // Not declared on this type, or not accessible: look further up.
                }
            }
            if (t.getSuperclass() != null) {
                types.add(t.getSuperclass());
            }
            types.addAll(List.of(t.getInterfaces()));
        }
        return null;
    }

    private static String forbidden(Class<?> type) {
        Deque<Class<?>> types = new ArrayDeque<>();
        types.add(type);
        while (!types.isEmpty()) {
            Class<?> t = types.poll();
            if (FORBIDDEN_TYPES.contains(t.getName()) || startsWithAny(t.getName(), FORBIDDEN_PACKAGES)) {
                return t.getName();
            }
            if (t.getSuperclass() != null) {
                types.add(t.getSuperclass());
            }
            types.addAll(List.of(t.getInterfaces()));
        }
        return null;
    }

    private void checkText(String path, String text) {
        for (String secret : secretTexts) {
            if (!secret.isEmpty() && text.contains(secret)) {
                findings.add(path + " holds " + describe(secret) + " text");
                return;
            }
        }
    }

    private String describe(String encoding) {
        int i = secretTexts.indexOf(encoding);
        return "secret #" + (i / 7) + " as " + List.of("raw", "base64", "base64 unpadded", "base64url",
                "base64url unpadded", "hex", "HEX").get(i % 7);
    }

    private void checkBytes(String path, byte[] bytes) {
        for (int i = 0; i < secretBytes.size(); i++) {
            if (indexOf(bytes, secretBytes.get(i)) >= 0) {
                findings.add(path + " holds secret #" + i + " as raw bytes");
                return;
            }
        }
        checkText(path + " as text", new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
