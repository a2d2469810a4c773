package io.jwtgate.sample;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.NamingException;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.JndiConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.plus.jndi.NamingEntryUtil;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Deploys an exploded web application with naming on, so that the container reads the
 * application's own DataSource declaration: {@code META-INF/context.xml} in Tomcat,
 * {@code WEB-INF/jetty-env.xml} in Jetty's plus module. Jakarta containers only (Tomcat 11, Jetty
 * 12 ee10): the javax build of the suite leaves these tests out (decision 522).
 */
final class JndiDeployments {

    private static final List<String> NAMING_PROPERTIES = List.of(javax.naming.Context.INITIAL_CONTEXT_FACTORY,
            javax.naming.Context.URL_PKG_PREFIXES);

    private JndiDeployments() {
    }

    /** Tomcat with naming enabled; {@code Tomcat.addWebapp} takes the directory's META-INF/context.xml. */
    static RunningApp tomcat(Path app, Map<String, String> contextParams, Path workDir) throws Exception {
        Path base = Files.createDirectories(workDir.resolve("tomcat"));
        Files.createDirectories(base.resolve("webapps"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("localhost");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        // enableNaming sets JNDI's two JVM-wide system properties to Tomcat's naming; they are put back on
        // close, or a Jetty deployed later in this JVM would look its java:comp up in Tomcat's.
        Map<String, String> before = namingProperties();
        tomcat.enableNaming();
        Context context = tomcat.addWebapp("", app.toAbsolutePath().toString());
        // As in TomcatDeployment: a real Tomcat would not see the test class path's jwtgate jar.
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        contextParams.forEach(context::addParameter);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            tomcat.stop();
            tomcat.destroy();
            restore(before);
            throw e;
        }
        return new RunningApp() {
            @Override
            public int port() {
                return tomcat.getConnector().getLocalPort();
            }

            @Override
            public InetSocketAddress localAddress() {
                return new InetSocketAddress("127.0.0.1", port());
            }

            @Override
            public boolean available() {
                return context.getState() == LifecycleState.STARTED;
            }

            @Override
            public Optional<Throwable> startupFailure() {
                return Optional.empty();
            }

            @Override
            public jakarta.servlet.ServletContext servletContext() {
                return context.getServletContext();
            }

            @Override
            public void join() throws InterruptedException {
                tomcat.getServer().await();
            }

            @Override
            public void close() {
                // The Resource's closeMethod="close" ends the pool as the context stops.
                try {
                    tomcat.stop();
                    tomcat.destroy();
                } catch (LifecycleException e) {
                    throw new IllegalStateException("Tomcat did not stop", e);
                } finally {
                    restore(before);
                }
            }
        };
    }

    private static Map<String, String> namingProperties() {
        Map<String, String> values = new java.util.HashMap<>();
        for (String name : NAMING_PROPERTIES) {
            values.put(name, System.getProperty(name));
        }
        return values;
    }

    private static void restore(Map<String, String> values) {
        values.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    /** Jetty ee10 with the plus module's configurations, which read WEB-INF/jetty-env.xml. */
    static RunningApp jetty(Path app, Map<String, String> contextParams, Path workDir) throws Exception {
        ServerConnector connector = JettyApp.connector("127.0.0.1", 0);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(app.toAbsolutePath().toString());
        webapp.setTempDirectory(Files.createDirectories(workDir.resolve("jetty")).toFile());
        webapp.addConfiguration(new JndiConfiguration(), new EnvConfiguration(), new PlusConfiguration());
        contextParams.forEach(webapp::setInitParameter);
        connector.getServer().setHandler(webapp);
        RunningApp running = JettyApp.start(connector, webapp::isAvailable, webapp::getUnavailableException,
                webapp::getServletContext);
        return new RunningApp() {
            @Override
            public int port() {
                return running.port();
            }

            @Override
            public InetSocketAddress localAddress() {
                return running.localAddress();
            }

            @Override
            public boolean available() {
                return running.available();
            }

            @Override
            public Optional<Throwable> startupFailure() {
                return running.startupFailure();
            }

            @Override
            public jakarta.servlet.ServletContext servletContext() {
                return running.servletContext();
            }

            @Override
            public void join() throws InterruptedException {
                running.join();
            }

            @Override
            public void close() {
                // Jetty unbinds the resource but leaves the pool open, as a standalone Jetty does until it
                // exits; the test JVM goes on, so the pool is closed here.
                Object pool = null;
                try {
                    pool = NamingEntryUtil.lookup(webapp, "jdbc/jwtgate");
                } catch (NamingException e) {
                    // Never bound (the application did not start): nothing to close.
                }
                running.close();
                if (pool instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("the JNDI pool did not close", e);
                    }
                }
            }
        };
    }
}
