package io.jwtgate.rules;

import java.util.Collection;

/**
 * Scope satisfaction (spec §4): {@code all:any} satisfies every requirement and
 * {@code resource:*} satisfies {@code resource:anything}.
 */
public final class Scopes {

    public static final String ALL = "all:any";

    private Scopes() {
    }

    /** Whether the held scopes satisfy {@code required}. */
    public static boolean satisfies(Collection<String> held, String required) {
        if (held.contains(required) || held.contains(ALL)) {
            return true;
        }
        int colon = required.indexOf(':');
        return colon > 0 && held.contains(required.substring(0, colon + 1) + "*");
    }

    /** Whether every scope of {@code requested} is covered by {@code held}. */
    public static boolean covers(Collection<String> held, Collection<String> requested) {
        for (String scope : requested) {
            if (!satisfies(held, scope)) {
                return false;
            }
        }
        return true;
    }
}
