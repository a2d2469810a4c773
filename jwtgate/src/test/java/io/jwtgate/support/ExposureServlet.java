package io.jwtgate.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;

/**
 * The page an attacker injected expression language into (issue 8 item 7): walks every
 * servlet-context attribute ({@code applicationScope}), every request attribute
 * ({@code requestScope}), the principal, the context-params ({@code initParam}) and the
 * {@code ServletContext} object itself with an {@link AttributeWalker} looking for the test
 * signing secret (#0) and the caller's own credentials (#1), and answers what it found. With {@code ?control=1} it first plants the secret,
 * Base64-encoded, in a request attribute, so a test can see the walk would find it.
 */
public final class ExposureServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getParameter("control") != null) {
            req.setAttribute("control", Map.of("leak", "base64:"
                    + Base64.getEncoder().encodeToString(TestSettings.secretBytes())));
        }
        // #0 the signing secret; #1 the caller's credentials as sent (the raw token, or Basic's password).
        String authorization = req.getHeader("Authorization");
        String credentials = authorization == null ? "no credentials sent"
                : authorization.substring(authorization.indexOf(' ') + 1).strip();
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String userPass = new String(Base64.getDecoder().decode(credentials), java.nio.charset.StandardCharsets.UTF_8);
            credentials = userPass.substring(userPass.indexOf(':') + 1);
        }
        AttributeWalker walker = new AttributeWalker(TestSettings.secretBytes(),
                credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode body = StrictJson.mapper().createObjectNode();
        ArrayNode contextNames = body.putArray("contextAttributes");
        for (String name : Collections.list(getServletContext().getAttributeNames())) {
            contextNames.add(name);
            walker.walk("applicationScope['" + name + "']", getServletContext().getAttribute(name));
        }
        ArrayNode requestNames = body.putArray("requestAttributes");
        for (String name : Collections.list(req.getAttributeNames())) {
            requestNames.add(name);
            walker.walk("requestScope['" + name + "']", req.getAttribute(name));
        }
        walker.walk("pageContext.request.userPrincipal", req.getUserPrincipal());
        int attributesVisited = walker.visited();
        // Decision 151: EL also reads the context-params ({@code initParam}) and walks the
        // ServletContext object itself through its getters (in Jetty down to the handler's maps).
        Map<String, String> initParams = new java.util.TreeMap<>();
        for (String name : Collections.list(getServletContext().getInitParameterNames())) {
            initParams.put(name, getServletContext().getInitParameter(name));
        }
        walker.walk("initParam", initParams);
        walker.walk("pageContext.servletContext", getServletContext());
        body.put("visited", attributesVisited);
        body.put("visitedWithContext", walker.visited());
        ArrayNode findings = body.putArray("findings");
        walker.findings().forEach(findings::add);
        resp.setContentType("application/json");
        resp.getWriter().write(StrictJson.mapper().writeValueAsString(body));
    }
}
