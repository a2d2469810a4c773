package io.jwtgate.jaspic;

import jakarta.security.auth.message.MessageInfo;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Finishes an exchange the module answered itself (SEND_FAILURE, SEND_CONTINUE). The Servlet Container
 * Profile lets a module write its answer on the servlet response and the container finish the rest;
 * Jetty 12 instead expects its modules to complete the request's core {@code Callback}, which its
 * {@code JaspiMessageInfo} exposes as {@code getCallback()}, and otherwise leaves the connection
 * waiting (the next request on it times out). So when the message info has that method, it is
 * completed after the answer is flushed; other containers have nothing of the kind (decision 216).
 */
final class ExchangeCompletion {

    private ExchangeCompletion() {
    }

    static void afterAnswer(MessageInfo messageInfo, HttpServletResponse response) throws IOException {
        Method getCallback;
        try {
            getCallback = messageInfo.getClass().getMethod("getCallback");
        } catch (NoSuchMethodException e) {
            return;
        }
        response.flushBuffer();
        try {
            Object callback = getCallback.invoke(messageInfo);
            if (callback != null) {
                callback.getClass().getMethod("succeeded").invoke(callback);
            }
        } catch (IllegalAccessException | InvocationTargetException | NoSuchMethodException e) {
            throw new IOException("cannot complete the container's exchange", e);
        }
    }
}
