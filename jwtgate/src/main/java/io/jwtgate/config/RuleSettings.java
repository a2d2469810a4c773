package io.jwtgate.config;

import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.RoleScopes;

/**
 * Who may reach what and who enforces it: the access rules ({@code jwtgate.rules}), whether they
 * are enforced or only reported ({@code jwtgate.enforcement}), the scopes each role grants
 * ({@code jwtgate.role-scopes}) and whether the container enforces its own constraints through
 * JwtGate's JASPIC module ({@code jwtgate.jaspic.enabled}). Part of {@link Settings}.
 */
public final class RuleSettings {

    private final AccessRules accessRules;
    private final boolean rulesConfigured;
    private final EnforcementMode enforcement;
    private final RoleScopes roleScopes;
    private final boolean jaspicEnabled;

    RuleSettings(Values v) {
        try {
            rulesConfigured = v.optional(Keys.RULES) != null;
            accessRules = AccessRules.parse(v.string(Keys.RULES, "/** -> authenticated"));
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.RULES, e.getMessage());
        }
        enforcement = enforcement(v);
        try {
            String text = v.optional(Keys.ROLE_SCOPES);
            roleScopes = text == null ? RoleScopes.none() : RoleScopes.parse(text);
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.ROLE_SCOPES, e.getMessage() + "; write e.g. 'admin=all:any; user=messages:read'");
        }
        jaspicEnabled = v.bool(Keys.JASPIC_ENABLED, false);
        if (jaspicEnabled && enforcement == EnforcementMode.REPORT_ONLY) {
            // The container enforces its own constraints after the module: JwtGate cannot make it
            // let a request through, so report-only would promise what it cannot do (decision 291).
            throw new ConfigurationException(Keys.ENFORCEMENT, "report-only is a mode of JwtAuthFilter, but "
                    + Keys.JASPIC_ENABLED + "=true hands the decisions to the container's security constraints,"
                    + " which report-only cannot relax; run report-only with " + Keys.JASPIC_ENABLED
                    + "=false first, then switch to enforce and JASPIC");
        }
    }

    private static EnforcementMode enforcement(Values v) {
        String mode = v.string(Keys.ENFORCEMENT, "enforce");
        return EnforcementMode.parse(mode).orElseThrow(() -> v.error(Keys.ENFORCEMENT,
                "'" + mode + "' is not a mode; use enforce (the default) or report-only"));
    }

    /** The access rules of {@code jwtgate.rules} (default {@code /** -> authenticated}). */
    public AccessRules accessRules() {
        return accessRules;
    }

    /**
     * Whether {@code jwtgate.rules} was set in some source, rather than left at its default
     * {@code /** -> authenticated}: in JASPIC mode only rules set on purpose apply (decision 214).
     */
    public boolean rulesConfigured() {
        return rulesConfigured;
    }

    /** Whether the filter answers its refusals or only reports them ({@code jwtgate.enforcement}). */
    public EnforcementMode enforcement() {
        return enforcement;
    }

    public RoleScopes roleScopes() {
        return roleScopes;
    }

    /**
     * Whether JwtGate is the container's Jakarta Authentication module ({@code jwtgate.jaspic.enabled}):
     * the container's own constraints then decide, and JwtAuthFilter passes requests on (decision 215).
     */
    public boolean jaspicEnabled() {
        return jaspicEnabled;
    }
}
