package io.jwtgate;

import io.jwtgate.rules.AccessRule;
import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.PathPattern;
import io.jwtgate.web.Authorizer;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.UnavailableException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What {@link LoginServlet} checks about its application at start: that {@link JwtAuthFilter}
 * protects it (a token-issuing servlet without the filter issues tokens nothing verifies), and
 * which rules can never apply because they sit on LoginServlet paths, and that a custom login page
 * can be shown.
 */
final class StartupChecks {

    /** The name the jar's web-fragment.xml gives the filter. */
    static final String FRAGMENT_FILTER_NAME = "JwtAuthFilter";

    private static final System.Logger LOG = System.getLogger(JwtGate.class.getName());

    private StartupChecks() {
    }

    /**
     * Fails when an application filter of another class holds the fragment's filter name (it
     * replaces JwtGate's filter, decision 200); warns when no JwtGate filter is mapped to {@code /*}.
     */
    static void filterIsInPlace(ServletContext context) throws UnavailableException {
        Map<String, ? extends FilterRegistration> filters;
        try {
            filters = context.getFilterRegistrations();
        } catch (UnsupportedOperationException e) {
            // A container that does not list registrations here: nothing to check against.
            return;
        }
        String app = SharedInstance.displayPath(context);
        List<FilterRegistration> ours = new ArrayList<>();
        for (FilterRegistration r : filters.values()) {
            if (JwtAuthFilter.class.getName().equals(r.getClassName())) {
                ours.add(r);
            }
        }
        if (ours.isEmpty()) {
            FilterRegistration clash = filters.get(FRAGMENT_FILTER_NAME);
            if (clash != null) {
                String message = "the application's filter " + clash.getClassName() + " is named "
                        + FRAGMENT_FILTER_NAME + " and replaces JwtGate's filter of that name from the jar's"
                        + " web-fragment.xml, so nothing would verify the tokens LoginServlet issues; rename the"
                        + " application's filter, or declare " + JwtAuthFilter.class.getName()
                        + " in web.xml under another name";
                LOG.log(Level.ERROR, "JwtGate refuses to start for {0}: {1}", app, message);
                throw new UnavailableException("JwtGate refuses to start: " + message);
            }
            LOG.log(Level.WARNING, "JwtGate for {0}: LoginServlet issues tokens but no " + JwtAuthFilter.class.getName()
                    + " is registered, so no request is authenticated; declare it in web.xml on /* (first filter"
                    + " mapping, dispatchers REQUEST and FORWARD) unless this application only issues tokens", app);
            return;
        }
        for (FilterRegistration r : ours) {
            Collection<String> patterns = r.getUrlPatternMappings();
            if (patterns != null && patterns.contains("/*")) {
                return;
            }
        }
        LOG.log(Level.WARNING, "JwtGate for {0}: LoginServlet issues tokens but " + JwtAuthFilter.class.getName()
                + " is not mapped to /*, so requests outside its mappings are not authenticated; map it to /* unless"
                + " this application only issues tokens", app);
    }

    /**
     * Warns once per rule whose pattern lies under a LoginServlet mapping: requests to LoginServlet
     * are never judged by the rules, so such a rule has no effect (decision 201).
     */
    static void rulesOnLoginServletPaths(ServletContext context, AccessRules rules) {
        List<PathPattern> mappings = loginServletMappings(context);
        String app = SharedInstance.displayPath(context);
        for (AccessRule rule : rules.rules()) {
            for (PathPattern mapping : mappings) {
                if (mapping.covers(rule.pattern())) {
                    LOG.log(Level.WARNING, "JwtGate for {0}: the rule \"{1}\" lies under LoginServlet''s mapping {2};"
                            + " LoginServlet paths are never judged by the rules, so it has no effect. Turn endpoints"
                            + " off with their settings (jwtgate.register.enabled=false, ...) or map LoginServlet"
                            + " elsewhere", app, rule, mapping);
                    break;
                }
            }
        }
    }

    /**
     * Fails the start when the custom login page ({@code jwtgate.cookie.login-page}) could not be
     * shown: LoginServlet forwards anonymous browsers there, and the filter judges forwards
     * (decision 198), so a page the rules do not {@code permit} for GET would send them back to the
     * login page for ever; a page under a LoginServlet mapping would forward to LoginServlet itself
     * (decision 662).
     */
    static void loginPageAllowed(ServletContext context, AccessRules rules, String loginPage)
            throws UnavailableException {
        String app = SharedInstance.displayPath(context);
        String problem = null;
        for (PathPattern mapping : loginServletMappings(context)) {
            if (mapping.matches(loginPage)) {
                problem = "lies under LoginServlet's mapping " + mapping + ", so the forward would reach LoginServlet"
                        + " again; put the page elsewhere";
                break;
            }
        }
        if (problem == null && !Authorizer.permitsAll(rules.match("GET", loginPage))) {
            problem = "is not public: the first rule for GET " + loginPage + " is \""
                    + rules.match("GET", loginPage) + "\", and the filter judges the forward, so anonymous browsers"
                    + " would be sent back to the login page; add the rule \"GET " + loginPage + " -> permit\""
                    + " before it";
        }
        if (problem != null) {
            String message = "jwtgate.cookie.login-page " + loginPage + " " + problem;
            LOG.log(Level.ERROR, "JwtGate refuses to start for {0}: {1}", app, message);
            throw new UnavailableException("JwtGate refuses to start: " + message);
        }
    }

    /** The rule patterns of LoginServlet's path mappings; empty when the container does not list them. */
    private static List<PathPattern> loginServletMappings(ServletContext context) {
        List<PathPattern> mappings = new ArrayList<>();
        try {
            for (ServletRegistration r : context.getServletRegistrations().values()) {
                if (LoginServlet.class.getName().equals(r.getClassName())) {
                    for (String mapping : r.getMappings()) {
                        loginPattern(mapping).ifPresent(mappings::add);
                    }
                }
            }
        } catch (UnsupportedOperationException e) {
            // A container that does not list registrations here: nothing to check against.
        }
        return mappings;
    }

    /**
     * A path mapping as a rule pattern ({@code /auth/*} as {@code /auth/**}); empty for extension,
     * default and catch-all mappings, under which every rule would lie.
     */
    private static java.util.Optional<PathPattern> loginPattern(String mapping) {
        if (mapping == null || !mapping.startsWith("/") || mapping.equals("/") || mapping.equals("/*")) {
            return java.util.Optional.empty();
        }
        String pattern = mapping.endsWith("/*") ? mapping + "*" : mapping;
        if (pattern.substring(0, pattern.length() - (pattern.endsWith("/**") ? 3 : 0)).contains("*")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(PathPattern.parse(pattern));
        } catch (IllegalArgumentException e) {
            // A mapping with '%', ';' or dot segments: no rule pattern can name such a path anyway.
            return java.util.Optional.empty();
        }
    }
}
