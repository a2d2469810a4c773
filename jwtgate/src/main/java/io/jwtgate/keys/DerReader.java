package io.jwtgate.keys;

import java.util.Arrays;

/**
 * Just enough DER (X.690) to walk a PKCS#8 {@code PrivateKeyInfo} down to the public key that
 * openssl embeds in an {@code ECPrivateKey}: definite lengths only, no indefinite or multi-byte
 * tags, every length checked against what is left. Anything else is {@link MalformedDerException}.
 */
final class DerReader {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int SEQUENCE = 0x30;

    private final byte[] der;
    private int position;
    private final int end;

    DerReader(byte[] der) {
        this(der, 0, der.length);
    }

    private DerReader(byte[] der, int start, int end) {
        this.der = der;
        this.position = start;
        this.end = end;
    }

    boolean hasMore() {
        return position < end;
    }

    /** The tag of the next element, without consuming it. */
    int peekTag() {
        if (position >= end) {
            throw new MalformedDerException("unexpected end of DER");
        }
        return der[position] & 0xff;
    }

    /** Reads an element that must carry {@code tag} and returns a reader over its contents. */
    DerReader read(int tag) {
        int actual = peekTag();
        if (actual != tag) {
            throw new MalformedDerException("DER tag " + actual + " where " + tag + " was expected");
        }
        position++;
        int length = length();
        if (length > end - position) {
            throw new MalformedDerException("DER length beyond its enclosing element");
        }
        DerReader contents = new DerReader(der, position, position + length);
        position += length;
        return contents;
    }

    /** Skips the next element, whatever its tag. */
    void skip() {
        read(peekTag());
    }

    /** The remaining bytes of this element. */
    byte[] bytes() {
        return Arrays.copyOfRange(der, position, end);
    }

    private int length() {
        if (position >= end) {
            throw new MalformedDerException("unexpected end of DER");
        }
        int first = der[position++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int count = first & 0x7f;
        if (count == 0 || count > 3) {
            throw new MalformedDerException("DER length form not supported");
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            if (position >= end) {
                throw new MalformedDerException("unexpected end of DER");
            }
            length = (length << 8) | (der[position++] & 0xff);
        }
        return length;
    }

    /** DER that is not what a key file should hold. */
    static final class MalformedDerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedDerException(String message) {
            super(message);
        }
    }
}
