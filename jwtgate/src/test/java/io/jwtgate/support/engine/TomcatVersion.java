package io.jwtgate.support.engine;

import org.apache.catalina.util.ServerInfo;

/**
 * Which Tomcat the class path of this test run holds, as Tomcat itself reports it. The jwtgate module
 * runs its Tomcat suites on Tomcat 11 and, in a second surefire execution, a few of them on Tomcat
 * 10.1; jwtgate-javax runs them on Tomcat 9. {@code ServerInfo} exists with this method in all three.
 */
public final class TomcatVersion {

    private TomcatVersion() {
    }

    /** Tomcat's own version number, e.g. {@code 10.1.59.0}. */
    public static String serverNumber() {
        return ServerInfo.getServerNumber();
    }
}
