package io.jwtgate.webxml;

import java.util.List;

/**
 * One {@code <security-constraint>}.
 *
 * @param collections its web-resource-collections
 * @param roles the auth-constraint's role names ({@code *} and {@code **} kept as written); null
 *     when there is no {@code <auth-constraint>} (no authentication needed), empty when the
 *     auth-constraint names no role (nobody gets in)
 * @param transportGuarantee {@code NONE}, {@code INTEGRAL}, {@code CONFIDENTIAL} or null
 */
public record SecurityConstraint(List<WebResourceCollection> collections, List<String> roles,
        String transportGuarantee) {

    public SecurityConstraint {
        collections = List.copyOf(collections);
        roles = roles == null ? null : List.copyOf(roles);
    }

    /** Whether an authenticated caller is needed, i.e. the container challenges anonymous callers. */
    public boolean asksForCaller() {
        return roles != null && !roles.isEmpty();
    }
}
