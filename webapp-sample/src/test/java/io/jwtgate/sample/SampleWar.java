package io.jwtgate.sample;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the WAR that {@code mvn package} built, which is what the tests and the server deploy. */
final class SampleWar {

    /** Set by failsafe and exec:java to {@code target/webapp-sample.war}. */
    static final String PROPERTY = "sample.war";

    private SampleWar() {
    }

    static Path path() {
        String configured = System.getProperty(PROPERTY);
        Path war = configured != null ? Path.of(configured) : besideTestClasses();
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " does not exist; build it first with"
                    + " 'mvn -f webapp-sample/pom.xml -DskipTests package'");
        }
        return war;
    }

    /** target/webapp-sample.war, found from target/test-classes when no property says otherwise. */
    private static Path besideTestClasses() {
        try {
            Path testClasses = Path.of(SampleWar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().resolve("webapp-sample.war");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes", e);
        }
    }
}
