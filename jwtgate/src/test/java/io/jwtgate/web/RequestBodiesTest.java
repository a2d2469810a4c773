package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What {@link RequestBodies} leaves unread of an oversized body. Over real HTTP the difference
 * shows only as an occasional reset under Jetty (see {@code LoginContract}), so the amount read
 * is checked here on a request stub, where it is exact.
 */
class RequestBodiesTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void bodyOfExactlyTheLimitIsReturnedWhole() throws IOException {
        byte[] body = filled(RequestBodies.MAX_BYTES);
        CountingInput in = new CountingInput(body.length, null);

        assertArrayEquals(body, RequestBodies.read(request(body.length, null, in)));
    }

    @Test
    void declaredOversizedBodyIsReadToItsEndBeforeThe413() {
        CountingInput in = new CountingInput(MIB, null);

        ApiException e = assertThrows(ApiException.class, () -> RequestBodies.read(request(MIB, null, in)));

        assertEquals(413, e.error().status());
        assertEquals(MIB, in.consumed);
    }

    @Test
    void chunkedOversizedBodyIsReadToItsEndBeforeThe413() {
        CountingInput in = new CountingInput(MIB, null);

        ApiException e = assertThrows(ApiException.class, () -> RequestBodies.read(request(-1, null, in)));

        assertEquals(413, e.error().status());
        assertEquals(MIB, in.consumed);
    }

    @Test
    void declaredBodyBeyondTheDiscardLimitIsNotReadAtAll() {
        CountingInput in = new CountingInput(3 * MIB, null);
        HttpServletRequest request = request(3 * MIB, null, in);

        ApiException e = assertThrows(ApiException.class, () -> RequestBodies.read(request));

        assertEquals(413, e.error().status());
        assertEquals(0, in.consumed);
    }

    @Test
    void chunkedBodyIsReadNoFurtherThanTheDiscardLimit() {
        CountingInput in = new CountingInput(3 * MIB, null);

        assertThrows(ApiException.class, () -> RequestBodies.read(request(-1, null, in)));

        assertEquals(RequestBodies.MAX_DISCARDED_BYTES, in.consumed);
    }

    @Test
    void bodyAwaitingHundredContinueIsNeverRequested() throws IOException {
        CountingInput in = new CountingInput(MIB, null);
        HttpServletRequest request = request(MIB, " 100-Continue ", in);

        ApiException e = assertThrows(ApiException.class, () -> RequestBodies.read(request));

        assertEquals(413, e.error().status());
        verify(request, never()).getInputStream();
    }

    @Test
    void clientGoingAwayWhileTheRestIsDiscardedStillGets413() {
        CountingInput in = new CountingInput(MIB, new IOException("connection reset"));

        ApiException e = assertThrows(ApiException.class, () -> RequestBodies.read(request(MIB, null, in)));

        assertEquals(413, e.error().status());
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    private static HttpServletRequest request(long declaredLength, String expect, ServletInputStream in) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getContentLengthLong()).thenReturn(declaredLength);
        when(request.getHeader("Expect")).thenReturn(expect);
        try {
            when(request.getInputStream()).thenReturn(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return request;
    }

    /** A body of {@code length} bytes of 'x' that counts what was read and may fail halfway. */
    private static final class CountingInput extends ServletInputStream {
        private final long length;
        private final IOException failHalfway;
        long consumed;

        CountingInput(long length, IOException failHalfway) {
            this.length = length;
            this.failHalfway = failHalfway;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failHalfway != null && consumed >= length / 2) {
                throw failHalfway;
            }
            if (consumed >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - consumed);
            Arrays.fill(b, off, off + n, (byte) 'x');
            consumed += n;
            return n;
        }

        @Override
        public boolean isFinished() {
            return consumed >= length;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("blocking reads only");
        }
    }
}
