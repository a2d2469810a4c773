package io.jwtgate.store;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The base name of a web application's default H2 store in {@code jwtgate.data-dir}, derived
 * from its context path so that applications in one container never open the same file
 * (decision 178): {@code jwtgate-ROOT} for the root context, {@code jwtgate-shop} for
 * {@code /shop}, {@code jwtgate-shop#eu} for {@code /shop/eu} (Tomcat names that context's WAR
 * {@code shop#eu.war}). H2 adds {@code .mv.db} and {@code .trace.db}.
 *
 * <p>The mapping is one-to-one also on file systems that ignore case (Windows, macOS), and every
 * name is a plain file name on each of them: lower-case ASCII letters, digits, {@code -} and
 * {@code .} stand for themselves, {@code /} is {@code #}, an upper-case letter is {@code _}
 * followed by its lower case ({@code /MyApp} is {@code jwtgate-_my_app}), and any other
 * character is {@code ~} and two hexadecimal digits per UTF-8 byte ({@code /a b} is
 * {@code jwtgate-a~20b}). No rule yields upper case, so only the root's {@code ROOT} could meet
 * {@code /root} on such a file system; that path alone writes its first letter as {@code ~72}.
 */
public final class StoreFileName {

    /** The name outside a servlet context, and every application's before decision 178. */
    public static final String LEGACY = "jwtgate";

    /** Longer context paths are refused: the file names must stay well below 255 bytes. */
    static final int MAX_ENCODED_LENGTH = 160;

    private static final String PREFIX = "jwtgate-";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private StoreFileName() {
    }

    /**
     * The base name for the application at {@code contextPath} ({@code ""} for the root, as
     * {@code ServletContext.getContextPath()} gives it).
     *
     * @throws IllegalArgumentException when the path does not start with {@code /} or its name
     *     would be too long
     */
    public static String forContextPath(String contextPath) {
        if (contextPath.isEmpty() || contextPath.equals("/")) {
            return PREFIX + "ROOT";
        }
        if (!contextPath.startsWith("/")) {
            throw new IllegalArgumentException("a context path starts with '/'");
        }
        String path = contextPath.substring(1);
        StringBuilder name = new StringBuilder(PREFIX);
        if (path.equals("root")) {
            // "ROOT" and "root" are one file where case is ignored.
            name.append("~72");
            path = path.substring(1);
        }
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                name.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                name.append('_').append(Character.toLowerCase(c));
            } else if (c == '/') {
                name.append('#');
            } else {
                name.append('~').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        if (name.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("the context path " + contextPath.length()
                    + " characters long gives a file name longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        return name.toString();
    }

    /** The context path a name of {@link #forContextPath} stands for: its inverse, which tests use. */
    static String contextPathOf(String name) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a JwtGate store name: " + name);
        }
        String encoded = name.substring(PREFIX.length());
        if (encoded.equals("ROOT")) {
            return "";
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write('/');
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                bytes.write(Character.toUpperCase(encoded.charAt(++i)));
            } else if (c == '#') {
                bytes.write('/');
            } else if (c == '~') {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
