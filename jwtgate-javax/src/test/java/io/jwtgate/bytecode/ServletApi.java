package io.jwtgate.bytecode;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * One version of the javax.servlet API, loaded from its jar alone (parent: the platform class
 * loader, so no container's copy of javax.servlet can answer instead), asked whether a class, field or
 * method a class file refers to exists in it.
 */
final class ServletApi implements AutoCloseable {

    private final URLClassLoader loader;

    ServletApi(Path apiJar) throws IOException {
        loader = new URLClassLoader(new URL[] {apiJar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    /** Whether the class (internal form, e.g. {@code javax/servlet/Filter}) exists in this API. */
    boolean hasClass(String internalName) {
        return load(internalName) != null;
    }

    /** Whether {@code ref} resolves in this API, as the JVM would resolve it: declared or inherited. */
    boolean has(ConstantPool.MemberRef ref) {
        Class<?> owner = load(ref.owner());
        if (owner == null) {
            return false;
        }
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(owner);
        if (owner.isInterface()) {
            // Interface method resolution also finds the public methods of Object (JVMS §5.4.3.4).
            todo.add(Object.class);
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (declares(c, ref)) {
                return true;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(java.util.List.of(c.getInterfaces()));
        }
        return false;
    }

    private static boolean declares(Class<?> c, ConstantPool.MemberRef ref) {
        if (!ref.method()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(ref.name()) && descriptor(f.getType()).equals(ref.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        if (ref.name().equals("<init>")) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (descriptor(k.getParameterTypes(), void.class).equals(ref.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(ref.name())
                    && descriptor(m.getParameterTypes(), m.getReturnType()).equals(ref.descriptor())) {
                return true;
            }
        }
        return false;
    }

    private Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String descriptor(Class<?>[] parameters, Class<?> result) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> p : parameters) {
            d.append(descriptor(p));
        }
        return d.append(')').append(descriptor(result)).toString();
    }

    private static String descriptor(Class<?> type) {
        return type.describeConstable().orElseThrow().descriptorString();
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
