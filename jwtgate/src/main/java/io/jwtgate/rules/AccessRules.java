package io.jwtgate.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ordered rule list of spec §5: first match wins; no match means {@code authenticated}.
 * Rules are separated by new lines or {@code ;} (handy in an environment variable).
 */
public final class AccessRules {

    private static final AccessRule FALLBACK = new AccessRule(Set.of(), PathPattern.parse("/**"),
            List.of(Requirement.AUTHENTICATED));
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z0-9_-]*");
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e&&[^\"\\\\,]]+");

    private final List<AccessRule> rules;

    private AccessRules(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<AccessRule> rules() {
        return rules;
    }

    /** The first rule that applies, or the implicit {@code /** -> authenticated}. */
    public AccessRule match(String method, String normalizedPath) {
        // Split once for all rules (decision 613).
        return match(method, PathNormalizer.segmentArray(normalizedPath));
    }

    /**
     * The first rule that applies to the segments {@link PathNormalizer#normalizedSegments} gave, or
     * the implicit {@code /** -> authenticated}.
     */
    public AccessRule match(String method, String[] segments) {
        for (AccessRule rule : rules) {
            if (rule.appliesToMethod(method) && rule.pattern().matchesSegments(segments)) {
                return rule;
            }
        }
        return FALLBACK;
    }

    /**
     * A method-limited rule that restricts (role, scope or deny) whose other methods, on every path
     * it covers, are decided by a later rule that only asks for a caller or for nothing.
     *
     * @param limitedNumber the limited rule's number in the list, from 1
     * @param weakerNumber the weaker rule's number, or 0 for the implicit {@code /** -> authenticated}
     */
    public record FallThrough(int limitedNumber, AccessRule limited, int weakerNumber, AccessRule weaker) {

        /** Names both rules and how to close the gap; holds nothing secret. */
        public String message() {
            String methods = String.join(",", new java.util.TreeSet<>(limited.methods()));
            String target = weakerNumber == 0
                    ? "the implicit last rule '" + weaker + "' (no rule matches)"
                    : "rule " + weakerNumber + " '" + weaker + "'";
            return "jwtgate.rules: rule " + limitedNumber + " '" + limited + "' applies to " + methods
                    + " only; other methods on " + limited.pattern() + " fall through to " + target
                    + ", which asks for less. If that is not intended, add a rule for the other methods"
                    + " right after rule " + limitedNumber + ", e.g. '" + new AccessRule(Set.of(), limited.pattern(),
                    limited.requirements()) + "' or '" + limited.pattern() + " -> deny'";
        }
    }

    /**
     * The method-limited rules whose other methods fall through to a weaker rule covering their
     * whole pattern (decision 54): for each, the first later rule that covers it and applies to some
     * other method decides; the start-up log warns about each one.
     */
    public List<FallThrough> fallThroughs() {
        List<FallThrough> found = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            AccessRule limited = rules.get(i);
            if (limited.methods().isEmpty() || !limited.restricts()) {
                continue;
            }
            FallThrough gap = new FallThrough(i + 1, limited, 0, FALLBACK);
            for (int j = i + 1; j < rules.size(); j++) {
                AccessRule later = rules.get(j);
                if (!later.pattern().covers(limited.pattern()) || !decidesOtherMethods(later, limited)) {
                    continue;
                }
                if (!later.restricts()) {
                    gap = new FallThrough(i + 1, limited, j + 1, later);
                    break;
                }
                if (later.methods().isEmpty()) {
                    gap = null;
                    break;
                }
                // A restricting rule for some of the other methods: the rest still fall further.
            }
            if (gap != null) {
                found.add(gap);
            }
        }
        return found;
    }

    private static boolean decidesOtherMethods(AccessRule later, AccessRule limited) {
        return later.methods().isEmpty() || later.methods().stream().anyMatch(m -> !limited.appliesToMethod(m));
    }

    /**
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static AccessRules parse(String text) {
        List<AccessRule> rules = new ArrayList<>();
        for (String rawLine : text.split("[\\r\\n;]+")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            rules.add(parseLine(line));
        }
        return new AccessRules(rules);
    }

    private static AccessRule parseLine(String line) {
        int arrow = line.indexOf("->");
        if (arrow < 0 || line.indexOf("->", arrow + 2) >= 0) {
            throw new IllegalArgumentException("rule '" + line + "' needs exactly one '->', as in 'GET /api/** -> authenticated'");
        }
        String[] left = line.substring(0, arrow).strip().split("\\s+");
        String right = line.substring(arrow + 2).strip();
        Set<String> methods = new LinkedHashSet<>();
        String pattern;
        if (left.length == 1) {
            pattern = left[0];
        } else if (left.length == 2) {
            for (String m : left[0].split(",")) {
                if (!METHOD.matcher(m).matches()) {
                    throw new IllegalArgumentException("rule '" + line + "': '" + m
                            + "' is not an HTTP method; write methods in upper case separated by commas, e.g. GET,POST");
                }
                methods.add(m);
            }
            pattern = left[1];
        } else {
            throw new IllegalArgumentException("rule '" + line + "': write '[METHODS] /path/pattern -> requirement'");
        }
        PathPattern pathPattern = PathPattern.parse(pattern);
        if (right.isEmpty()) {
            throw new IllegalArgumentException("rule '" + line + "' has no requirement after '->'");
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String word : right.split("[\\s,]+")) {
            if (!word.isEmpty()) {
                requirements.add(parseRequirement(line, word));
            }
        }
        if (requirements.isEmpty()) {
            throw new IllegalArgumentException("rule '" + line + "' has no requirement after '->'");
        }
        boolean exclusive = requirements.stream().anyMatch(r -> r.kind() == Requirement.Kind.PERMIT
                || r.kind() == Requirement.Kind.DENY);
        if (exclusive && requirements.size() > 1) {
            throw new IllegalArgumentException("rule '" + line + "': 'permit' and 'deny' stand alone on a rule");
        }
        return new AccessRule(methods, pathPattern, requirements);
    }

    private static Requirement parseRequirement(String line, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "permit":
                return Requirement.PERMIT;
            case "deny":
                return Requirement.DENY;
            case "authenticated":
                return Requirement.AUTHENTICATED;
            default:
                break;
        }
        if (lower.startsWith("role:") && NAME.matcher(word.substring(5)).matches()) {
            String roles = word.substring(5);
            if (roles.startsWith("|") || roles.endsWith("|") || roles.contains("||")) {
                throw new IllegalArgumentException("rule '" + line + "': '" + word
                        + "' has an empty role; separate alternative roles by single '|', e.g. role:admin|manager");
            }
            return Requirement.role(roles);
        }
        if (lower.startsWith("scope:") && NAME.matcher(word.substring(6)).matches()) {
            return Requirement.scope(word.substring(6));
        }
        throw new IllegalArgumentException("rule '" + line + "': unknown requirement '" + word
                + "'; use permit, deny, authenticated, role:NAME (role:A|B for either) or scope:NAME");
    }
}
