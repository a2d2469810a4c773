package io.jwtgate.keys;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -----BEGIN label-----} ... {@code -----END label-----} block of a PEM file (RFC 7468):
 * the label and the decoded DER. Text outside the blocks (openssl's "Bag Attributes" lines, say)
 * is ignored; a block whose end label differs from its begin label, or whose body is not Base64,
 * is malformed.
 */
record PemBlock(String label, byte[] der) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,40})-----(.*?)-----END ([A-Z0-9 ]{1,40})-----", Pattern.DOTALL);

    /** Whether {@code text} holds anything that looks like a PEM block. */
    static boolean looksLikePem(String text) {
        return text.contains("-----BEGIN ");
    }

    /**
     * Every block of {@code text}, in order.
     *
     * @throws IllegalArgumentException naming what is wrong (never the content)
     */
    static List<PemBlock> parse(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(m.group(3))) {
                throw new IllegalArgumentException("a PEM block begins as '" + m.group(1) + "' but ends as '"
                        + m.group(3) + "'");
            }
            String body = m.group(2).replaceAll("\\s", "");
            if (body.contains(":")) {
                // RFC 1421 headers (Proc-Type, DEK-Info): an openssl-encrypted traditional key.
                throw new IllegalArgumentException("the '" + m.group(1) + "' block is encrypted with a pass phrase");
            }
            try {
                blocks.add(new PemBlock(m.group(1), Base64.getDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the '" + m.group(1) + "' block is not valid Base64");
            }
        }
        return blocks;
    }
}
