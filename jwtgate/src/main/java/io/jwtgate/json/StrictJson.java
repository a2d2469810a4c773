package io.jwtgate.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The single JSON reader for untrusted input (token segments, request bodies) and writer for
 * responses. Reading is strict: valid UTF-8 only, no byte-order mark, no duplicate keys, no
 * trailing content, bounded nesting, number and string sizes.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNumberLength(64)
                            .maxStringLength(64 * 1024)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private StrictJson() {
    }

    /** The shared mapper; thread-safe once configured. Used for writing responses. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses UTF-8 bytes strictly.
     *
     * @throws MalformedJsonException with a short reason safe to show a client
     */
    public static JsonNode parse(byte[] utf8) {
        if (printableAscii(utf8)) {
            // Printable ASCII is valid UTF-8 with no byte-order mark, and without a zero byte Jackson
            // cannot take it for UTF-16 or UTF-32: the bytes go to the parser as they are, with no
            // decoder and no String per call (decision 612).
            return tree(utf8, null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException("not valid UTF-8");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw new MalformedJsonException("prefixed with a byte-order mark");
        }
        return tree(null, text);
    }

    /** The parsed tree of the bytes, or when they are null of the text; one place for what counts as malformed. */
    private static JsonNode tree(byte[] bytes, String text) {
        try {
            JsonNode node = bytes != null ? MAPPER.readTree(bytes) : MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MalformedJsonException("empty");
            }
            return node;
        } catch (IOException e) {
            // Parse errors; reading from an array or a String does no other I/O.
            throw new MalformedJsonException("not well-formed JSON");
        } catch (NumberFormatException | ArithmeticException e) {
            // A number Jackson tokenised but BigDecimal cannot hold, e.g. 1e2147483648.
            throw new MalformedJsonException("JSON with a number out of range");
        }
    }

    /** Only the bytes 0x20..0x7E, tab, line feed and carriage return. */
    private static boolean printableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if ((b < 0x20 || b > 0x7E) && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Parses and requires a JSON object. */
    public static JsonNode parseObject(byte[] utf8) {
        JsonNode node = parse(utf8);
        if (!node.isObject()) {
            throw new MalformedJsonException("not a JSON object");
        }
        return node;
    }
}
