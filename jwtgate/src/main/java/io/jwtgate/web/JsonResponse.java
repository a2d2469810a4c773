package io.jwtgate.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes a JSON body with the headers every JwtGate answer carries (tokens must not be cached). */
public final class JsonResponse {

    private JsonResponse() {
    }

    public static void write(HttpServletResponse response, ObjectNode body) throws IOException {
        byte[] bytes = StrictJson.mapper().writeValueAsBytes(body);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.getOutputStream().flush();
    }
}
