package io.jwtgate.bench;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The response of {@link BenchServletRequest}: remembers the status and whether anything set a
 * header or wrote an error, so the benchmark can tell that the filter let the request through
 * rather than answering it. Writing a body throws: on the admitted path the filter writes none,
 * and the application's body is not what is measured. One instance per benchmark thread.
 */
final class BenchServletResponse implements HttpServletResponse {

    private int status = SC_OK;
    private int headersSet;

    /** Whether the filter left the response as it found it (no error, no header). */
    boolean untouched() {
        return status == SC_OK && headersSet == 0;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public void sendError(int sc, String msg) {
        status = sc;
    }

    @Override
    public void sendError(int sc) {
        status = sc;
    }

    @Override
    public void sendRedirect(String location) {
        status = SC_FOUND;
    }

    @Override
    public void setHeader(String name, String value) {
        headersSet++;
    }

    @Override
    public void addHeader(String name, String value) {
        headersSet++;
    }

    @Override
    public void setDateHeader(String name, long date) {
        headersSet++;
    }

    @Override
    public void addDateHeader(String name, long date) {
        headersSet++;
    }

    @Override
    public void setIntHeader(String name, int value) {
        headersSet++;
    }

    @Override
    public void addIntHeader(String name, int value) {
        headersSet++;
    }

    @Override
    public boolean containsHeader(String name) {
        return false;
    }

    @Override
    public String getHeader(String name) {
        return null;
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return List.of();
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.of();
    }

    @Override
    public void addCookie(Cookie cookie) {
        headersSet++;
    }

    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    @Override
    public String getCharacterEncoding() {
        return "UTF-8";
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        throw new UnsupportedOperationException("getOutputStream: the admitted path writes no body");
    }

    @Override
    public PrintWriter getWriter() {
        throw new UnsupportedOperationException("getWriter: the admitted path writes no body");
    }

    @Override
    public void setCharacterEncoding(String charset) {
        headersSet++;
    }

    @Override
    public void setContentLength(int len) {
        headersSet++;
    }

    @Override
    public void setContentLengthLong(long len) {
        headersSet++;
    }

    @Override
    public void setContentType(String type) {
        headersSet++;
    }

    @Override
    public void setBufferSize(int size) {
    }

    @Override
    public int getBufferSize() {
        return 8192;
    }

    @Override
    public void flushBuffer() {
    }

    @Override
    public void resetBuffer() {
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    /** Back to a fresh 200 with no headers: also how the benchmark starts each request. */
    @Override
    public void reset() {
        status = SC_OK;
        headersSet = 0;
    }

    @Override
    public void setLocale(Locale loc) {
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }
}
