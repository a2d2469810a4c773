package io.jwtgate.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A GET request as a container would hand it to the first filter, for the in-process request-path
 * benchmark: one {@code Authorization} header, a servlet path, a remote address, request
 * attributes. Hand-written rather than mocked so that the benchmark measures the filter and not the
 * stub: nothing here allocates on the request path (the header enumeration and the attribute slots
 * are reused; {@link #reset()} empties them between requests). What the filter never asks of a GET
 * throws {@link UnsupportedOperationException}, so a change in the filter that starts to read the
 * body, the session or the parameters shows up as a failing benchmark rather than as a silent zero.
 * Not thread-safe: one instance per benchmark thread, one request at a time, as a container does.
 */
final class BenchServletRequest implements HttpServletRequest {

    /** More than the filter sets (its mark, the caller and the caller's eight attributes). */
    private static final int SLOTS = 16;

    private final String servletPath;
    private final String authorization;
    private final String[] names = new String[SLOTS];
    private final Object[] values = new Object[SLOTS];
    private final HeaderValues headerValues = new HeaderValues();

    /**
     * @param servletPath the path under the context, as the container decodes it for a servlet mapped on {@code /}
     * @param authorization the {@code Authorization} header, or null for none
     */
    BenchServletRequest(String servletPath, String authorization) {
        this.servletPath = servletPath;
        this.authorization = authorization;
    }

    /** Forgets the attributes of the previous request: the container's next request starts bare. */
    void reset() {
        for (int i = 0; i < SLOTS && names[i] != null; i++) {
            names[i] = null;
            values[i] = null;
        }
    }

    private int slot(String name) {
        for (int i = 0; i < SLOTS; i++) {
            String n = names[i];
            if (n == null) {
                return -1;
            }
            if (n.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object getAttribute(String name) {
        int i = slot(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (names[i] == null || names[i].equals(name)) {
                names[i] = name;
                values[i] = value;
                return;
            }
        }
        throw new IllegalStateException("more than " + SLOTS + " request attributes");
    }

    @Override
    public void removeAttribute(String name) {
        int i = slot(name);
        if (i < 0) {
            return;
        }
        // Keep the used slots contiguous: the last one moves into the gap.
        int last = i;
        while (last + 1 < SLOTS && names[last + 1] != null) {
            last++;
        }
        names[i] = names[last];
        values[i] = values[last];
        names[last] = null;
        values[last] = null;
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        throw new UnsupportedOperationException("getAttributeNames");
    }

    @Override
    public String getHeader(String name) {
        return "Authorization".equalsIgnoreCase(name) ? authorization : null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (authorization == null || !"Authorization".equalsIgnoreCase(name)) {
            return Collections.emptyEnumeration();
        }
        headerValues.rewind(authorization);
        return headerValues;
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        throw new UnsupportedOperationException("getHeaderNames");
    }

    @Override
    public long getDateHeader(String name) {
        return -1;
    }

    @Override
    public int getIntHeader(String name) {
        return -1;
    }

    @Override
    public String getMethod() {
        return "GET";
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return null;
    }

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public String getRequestURI() {
        return servletPath;
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer("http://localhost:8080").append(servletPath);
    }

    @Override
    public String getQueryString() {
        return null;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public String getRemoteAddr() {
        return "127.0.0.1";
    }

    @Override
    public String getRemoteHost() {
        return "127.0.0.1";
    }

    @Override
    public int getRemotePort() {
        return 54321;
    }

    @Override
    public String getLocalName() {
        return "localhost";
    }

    @Override
    public String getLocalAddr() {
        return "127.0.0.1";
    }

    @Override
    public int getLocalPort() {
        return 8080;
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public String getScheme() {
        return "http";
    }

    @Override
    public String getServerName() {
        return "localhost";
    }

    @Override
    public int getServerPort() {
        return 8080;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public String getCharacterEncoding() {
        return null;
    }

    @Override
    public void setCharacterEncoding(String env) {
        throw new UnsupportedOperationException("setCharacterEncoding");
    }

    @Override
    public int getContentLength() {
        return -1;
    }

    @Override
    public long getContentLengthLong() {
        return -1;
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public ServletInputStream getInputStream() {
        throw new UnsupportedOperationException("getInputStream");
    }

    @Override
    public BufferedReader getReader() {
        throw new UnsupportedOperationException("getReader");
    }

    @Override
    public String getParameter(String name) {
        throw new UnsupportedOperationException("getParameter");
    }

    @Override
    public Enumeration<String> getParameterNames() {
        throw new UnsupportedOperationException("getParameterNames");
    }

    @Override
    public String[] getParameterValues(String name) {
        throw new UnsupportedOperationException("getParameterValues");
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        throw new UnsupportedOperationException("getParameterMap");
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }

    @Override
    public Enumeration<Locale> getLocales() {
        throw new UnsupportedOperationException("getLocales");
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        throw new UnsupportedOperationException("getRequestDispatcher");
    }

    @Override
    public ServletContext getServletContext() {
        throw new UnsupportedOperationException("getServletContext");
    }

    @Override
    public AsyncContext startAsync() {
        throw new UnsupportedOperationException("startAsync");
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        throw new UnsupportedOperationException("startAsync");
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public boolean isAsyncSupported() {
        return false;
    }

    @Override
    public AsyncContext getAsyncContext() {
        throw new IllegalStateException("not async");
    }

    @Override
    public String getRequestId() {
        return "bench";
    }

    @Override
    public String getProtocolRequestId() {
        return "";
    }

    @Override
    public ServletConnection getServletConnection() {
        throw new UnsupportedOperationException("getServletConnection");
    }

    // The container itself authenticated nobody: JwtGate's wrapper is what gives the caller.

    @Override
    public String getAuthType() {
        return null;
    }

    @Override
    public String getRemoteUser() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public Cookie[] getCookies() {
        return null;
    }

    @Override
    public String getPathTranslated() {
        return null;
    }

    @Override
    public String getRequestedSessionId() {
        return null;
    }

    @Override
    public HttpSession getSession(boolean create) {
        throw new UnsupportedOperationException("getSession: JwtGate never touches the HTTP session");
    }

    @Override
    public HttpSession getSession() {
        throw new UnsupportedOperationException("getSession: JwtGate never touches the HTTP session");
    }

    @Override
    public String changeSessionId() {
        throw new UnsupportedOperationException("changeSessionId");
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return false;
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return false;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    @Override
    public boolean authenticate(HttpServletResponse response) {
        throw new UnsupportedOperationException("authenticate");
    }

    @Override
    public void login(String username, String password) {
        throw new UnsupportedOperationException("login");
    }

    @Override
    public void logout() {
        throw new UnsupportedOperationException("logout");
    }

    @Override
    public Collection<Part> getParts() {
        throw new UnsupportedOperationException("getParts");
    }

    @Override
    public Part getPart(String name) {
        throw new UnsupportedOperationException("getPart");
    }

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) {
        throw new UnsupportedOperationException("upgrade");
    }

    /**
     * The one value of the {@code Authorization} header, handed out again on every
     * {@link #getHeaders} call instead of a new enumeration: callers read it through before asking
     * again, as the filter does.
     */
    private static final class HeaderValues implements Enumeration<String> {
        private String next;

        void rewind(String value) {
            next = value;
        }

        @Override
        public boolean hasMoreElements() {
            return next != null;
        }

        @Override
        public String nextElement() {
            String value = next;
            if (value == null) {
                throw new NoSuchElementException();
            }
            next = null;
            return value;
        }
    }
}
