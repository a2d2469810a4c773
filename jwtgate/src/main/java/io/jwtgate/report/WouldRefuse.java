package io.jwtgate.report;

/**
 * The facts of one would-be refusal, as stored in a {@code would_refuse} audit event: never a
 * token, a password or a query string.
 *
 * @param rule the matched rule in its canonical text, or {@link #NO_RULE}
 * @param reason the reason code
 * @param method the request method
 * @param path the dispatched path (servlet path plus path info), cut to {@link #PATH_MAX} characters
 * @param status the status an enforcing filter would have answered with
 * @param address the client address
 * @param username the authenticated caller a rule refused, or null
 */
record WouldRefuse(String rule, RefusalReason reason, String method, String path, int status, String address,
        String username) {

    /** The rule text of a refusal made before any rule matched (a refused path). */
    static final String NO_RULE = "(none)";

    /** Paths are client text: long ones are cut, so an event stays small (decision 249). */
    static final int PATH_MAX = 200;

    /** {@code path} cut to {@link #PATH_MAX} characters, never inside a surrogate pair. */
    static String boundedPath(String path) {
        if (path.length() <= PATH_MAX) {
            return path;
        }
        int end = Character.isHighSurrogate(path.charAt(PATH_MAX - 1)) ? PATH_MAX - 1 : PATH_MAX;
        return path.substring(0, end);
    }
}
