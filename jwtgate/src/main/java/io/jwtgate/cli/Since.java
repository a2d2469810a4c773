package io.jwtgate.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The value of a {@code --since TIME|PERIOD} option ({@code audit tail}, {@code report would-refuse}):
 * an instant, or a period back from now. Every value that is not one, or that reaches beyond the
 * instants Java can hold ({@code P100000000000000D}), is a usage error, never an internal one.
 */
final class Since {

    static final String USAGE = "--since takes an instant like 2026-11-29T08:00:00Z or a period like PT1H or P7D";

    private Since() {
    }

    /**
     * @param value the option's value as given
     * @param now the instant a period counts back from
     * @throws CliException exit 2, without quoting the value, when it is no instant, a negative
     *     period, or a period reaching before the earliest instant
     */
    static Instant parse(String value, Instant now) throws CliException {
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                Duration period = Duration.parse(value);
                if (period.isNegative()) {
                    throw new CliException(ExitCode.USAGE, "--since period must not be negative");
                }
                return now.minus(period);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCode.USAGE, USAGE);
        } catch (DateTimeException | ArithmeticException e) {
            // Parsed, but now minus the period is before the first instant Java can represent.
            throw new CliException(ExitCode.USAGE, "--since period reaches back beyond any date; give a shorter one");
        }
    }
}
