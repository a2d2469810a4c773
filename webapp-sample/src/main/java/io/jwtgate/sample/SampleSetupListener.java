package io.jwtgate.sample;

import io.jwtgate.JwtGate;
import io.jwtgate.config.Keys;
import io.jwtgate.login.Accounts;
import io.jwtgate.login.InvalidInputException;
import io.jwtgate.store.DuplicateUserException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;

/**
 * Makes the sample runnable out of the box: supplies a development signing secret when the
 * operator configured neither a secret nor a signing key ({@code jwtgate.signing.key}), and
 * creates the demo users {@code alice} (role {@code user}) and {@code admin} (role {@code admin})
 * on the first start, when the store holds no user yet. Declared in {@code web.xml}, so it runs
 * before the JwtGate filter and servlet initialise. The development secret is handed to JwtGate
 * through {@link JwtGate#PRIVATE_SETTINGS_ATTRIBUTE}, never as a context parameter, which any page
 * could print with {@code ${initParam[...]}} (decision 151).
 *
 * <p>The demo password comes from the environment variable {@code DEMO_PASSWORD}, else the
 * context parameter {@code demo.password} the deployer set (readable by expression language like any
 * context parameter, and used only at the first start), else it is generated and printed once.
 */
public class SampleSetupListener implements ServletContextListener {

    static final String DEMO_PASSWORD_ENV = "DEMO_PASSWORD";
    static final String DEMO_PASSWORD_PARAM = "demo.password";
    static final int GENERATED_PASSWORD_LENGTH = 16;

    // Letters and digits without the look-alikes 0/O and 1/l/I, since an operator retypes it.
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(SampleSetupListener.class.getName());

    private volatile boolean acquired;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        supplyDevSecretIfUnset(context);
        JwtGate gate;
        try {
            gate = JwtGate.acquire(context);
        } catch (ServletException e) {
            // Fail the deployment: an application without its authentication must not serve.
            throw new IllegalStateException(e.getMessage(), e);
        }
        acquired = true;
        try {
            seedDemoUsers(gate.accounts(), context);
        } catch (RuntimeException e) {
            // Not every container calls contextDestroyed after a failed contextInitialized.
            acquired = false;
            JwtGate.release(context);
            throw e;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (acquired) {
            acquired = false;
            JwtGate.release(event.getServletContext());
        }
    }

    /**
     * Looks at the configuration exactly as JwtGate will (system properties, environment,
     * init-params, context-params, properties file), so a secret configured anywhere wins and the
     * development secret lands in the data directory the database uses.
     */
    private static void supplyDevSecretIfUnset(ServletContext context) {
        // With a signing key (ES256 and the like) no secret is needed; a development secret there
        // would be kept to verify HS256 tokens (decision 421), a key nobody asked for.
        if (JwtGate.isConfigured(context, Keys.SIGNING_SECRET) || JwtGate.isConfigured(context, Keys.SIGNING_KEY)) {
            return;
        }
        Path dataDir = JwtGate.configuredValue(context, Keys.DATA_DIR).map(d -> Path.of(d.trim()))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".jwtgate"));
        String secret;
        try {
            secret = DevSecret.loadOrCreate(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the development signing secret in " + dataDir
                    + "; set " + Keys.SIGNING_SECRET + " or make " + Keys.DATA_DIR + " writable", e);
        }
        // Read once by JwtGate.acquire below and removed; never a context parameter (decision 151).
        context.setAttribute(JwtGate.PRIVATE_SETTINGS_ATTRIBUTE, Map.of(Keys.SIGNING_SECRET, secret));
        // Through System.Logger like JwtGate itself: ServletContext.log is silent in a Jetty
        // without an SLF4J binding, and the operator must learn that a dev secret is in use.
        LOG.log(Level.WARNING, "No {0} configured; using the development secret in {1}."
                + " Configure a secret for production.", Keys.SIGNING_SECRET, dataDir.resolve(DevSecret.FILE_NAME));
    }

    /**
     * Creates the demo users only while the store holds no account at all, i.e. at the first start
     * on a new database (decision 135): an operator who deleted {@code admin} wants it gone, and
     * recreating it with a new printed password would hand that account to whoever reads the log.
     */
    private static void seedDemoUsers(Accounts accounts, ServletContext context) {
        if (!accounts.none()) {
            return;
        }
        String configured = System.getenv(DEMO_PASSWORD_ENV);
        if (configured == null) {
            configured = context.getInitParameter(DEMO_PASSWORD_PARAM);
        }
        String password = configured != null ? configured : generatePassword();
        boolean created = false;
        try {
            created |= create(accounts, "alice", "alice@example.org", password, "user");
            created |= create(accounts, "admin", "admin@example.org", password, "admin");
        } catch (InvalidInputException e) {
            throw new IllegalStateException("the demo password from " + DEMO_PASSWORD_ENV + " or "
                    + DEMO_PASSWORD_PARAM + " is not acceptable: " + e.getMessage(), e);
        }
        if (created && configured == null) {
            // Printed on purpose, once, when the users are created: the demo has no other way to
            // tell the operator the password it chose, and the issue asks for exactly this.
            System.out.println("JwtGate sample: created demo users 'alice' and 'admin' with password "
                    + password + " (set " + DEMO_PASSWORD_ENV + " to choose it)");
        }
    }

    /** False when another instance sharing the database created the user first. */
    private static boolean create(Accounts accounts, String username, String email, String password, String role) {
        try {
            accounts.create(username, email, password, Set.of(role));
            return true;
        } catch (DuplicateUserException e) {
            return false;
        }
    }

    private static String generatePassword() {
        StringBuilder b = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            b.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return b.toString();
    }
}
