package io.jwtgate.cli;

import io.jwtgate.webxml.RulesTranslator;
import io.jwtgate.webxml.Translation;
import io.jwtgate.webxml.WebXmlException;
import io.jwtgate.webxml.WebXmlParser;
import io.jwtgate.webxml.WebXmlSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jwtgate rules from-web-xml PATH}: prints the {@code jwtgate.rules} that take the
 * decisions the container takes from the descriptor's security constraints.
 */
final class RulesFromWebXml implements Command {

    @Override
    public String name() {
        return "rules from-web-xml";
    }

    @Override
    public String summary() {
        return "print the jwtgate.rules equivalent to a web.xml's <security-constraint>s";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate rules from-web-xml [--format lines|properties] [--allow-approximate] PATH",
                "",
                "Reads the <security-constraint>s, <security-role>s and <login-config> of the web.xml at PATH",
                "(any version, 2.3 to 6.1) and prints jwtgate.rules that decide as the container does",
                "(Servlet 6.0 section 13.8: best-matching url-pattern, then its method's combined constraints).",
                "",
                "  --format lines       one rule per line, with # comments (default): the value of",
                "                       jwtgate.rules in a properties file written with line continuations,",
                "                       or a file of its own",
                "  --format properties  a ready 'jwtgate.rules = ...' entry for a properties file",
                "  --allow-approximate  exit 0 even when some decisions cannot be reproduced exactly",
                "                       (they are still listed on stderr)",
                "",
                "Where the rules cannot reproduce the container exactly, each difference is listed on stderr",
                "and the exit code is 3. Exit codes: 0 exact, 1 unreadable or invalid web.xml,",
                "2 wrong command line, 3 approximate.");
    }

    @Override
    public int run(List<String> args, CliContext context) throws CliException {
        boolean allowApproximate = false;
        boolean properties = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--allow-approximate")) {
                allowApproximate = true;
            } else if (arg.equals("--format") || arg.startsWith("--format=")) {
                String value = arg.equals("--format") ? (i + 1 < args.size() ? args.get(++i) : null)
                        : arg.substring("--format=".length());
                if ("properties".equals(value)) {
                    properties = true;
                } else if (!"lines".equals(value)) {
                    throw new CliException(ExitCode.USAGE, "--format takes 'lines' or 'properties'");
                }
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                throw Arguments.unknownOption(arg, "'jwtgate rules from-web-xml'");
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 1) {
            throw new CliException(ExitCode.USAGE, "give exactly one web.xml path, e.g. jwtgate rules from-web-xml"
                    + " WEB-INF/web.xml");
        }
        String name = positional.get(0);
        Translation translation = RulesTranslator.translate(read(Path.of(name), name), name);
        context.out().print(properties ? asProperties(translation) : translation.text());
        context.out().flush();
        if (translation.exact()) {
            return ExitCode.OK;
        }
        context.err().println("jwtgate: the rules above cannot reproduce every decision of the container ("
                + translation.differences().size() + " difference" + (translation.differences().size() == 1 ? "" : "s")
                + "):");
        translation.differences().forEach(d -> context.err().println("  - " + d));
        if (allowApproximate) {
            context.err().println("jwtgate: printed anyway (--allow-approximate)");
            return ExitCode.OK;
        }
        context.err().println("jwtgate: review them, adjust the rules if needed, and run again with"
                + " --allow-approximate to accept them");
        return ExitCode.APPROXIMATE;
    }

    private static WebXmlSecurity read(Path path, String name) throws CliException {
        try (InputStream in = Files.newInputStream(path)) {
            return WebXmlParser.parse(in, name);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.INPUT, name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(ExitCode.INPUT, name + ": permission denied");
        } catch (WebXmlException e) {
            throw new CliException(ExitCode.INPUT, e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, name + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Comments as properties comments, then one entry whose lines continue with a backslash. */
    static String asProperties(Translation translation) {
        StringBuilder comments = new StringBuilder();
        List<String> rules = new ArrayList<>();
        for (String line : translation.lines()) {
            if (line.startsWith("#")) {
                comments.append(line).append('\n');
            } else if (!line.isEmpty()) {
                rules.add(line);
            }
        }
        StringBuilder entry = new StringBuilder("jwtgate.rules = ");
        for (int i = 0; i < rules.size(); i++) {
            // Properties values drop leading blanks of continued lines; ';' separates the rules again.
            entry.append(i == 0 ? "" : "    ").append(rules.get(i).replace("\\", "\\\\"));
            entry.append(i < rules.size() - 1 ? "; \\\n" : "\n");
        }
        return comments + entry.toString();
    }
}
