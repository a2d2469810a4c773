package io.jwtgate.attack;

import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.realm.MessageDigestCredentialHandler;
import org.apache.catalina.realm.SecretKeyCredentialHandler;
import org.eclipse.jetty.util.security.Credential;

/**
 * Shared pieces of the legacy-login probes: digests made by the real tools' algorithms, the variants of a stored
 * digest an attacker who read it would send as a password, HTTP helpers and SQL on the store the application uses.
 */
final class LegacyLoginFixtures {

    private LegacyLoginFixtures() {
    }

    static String md5Hex(String password) {
        return HexFormat.of().formatHex(digest("MD5", password));
    }

    static String hex(String algorithm, String password) {
        return HexFormat.of().formatHex(digest(algorithm, password));
    }

    static byte[] digest(String algorithm, String password) {
        try {
            return MessageDigest.getInstance(algorithm).digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String ldapSha(String password) {
        return "{SHA}" + Base64.getEncoder().encodeToString(digest("SHA-1", password));
    }

    static String ldapSsha(String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
            md.update(password.getBytes(StandardCharsets.UTF_8));
            md.update(salt);
            byte[] d = md.digest();
            byte[] all = Arrays.copyOf(d, d.length + salt.length);
            System.arraycopy(salt, 0, all, d.length, salt.length);
            return "{SSHA}" + Base64.getEncoder().encodeToString(all);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Tomcat's MessageDigestCredentialHandler output (hex, or salt$iterations$hex). */
    static String tomcatMutate(String algorithm, int saltLength, int iterations, String password) {
        MessageDigestCredentialHandler h = new MessageDigestCredentialHandler();
        try {
            h.setAlgorithm(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        h.setSaltLength(saltLength);
        h.setIterations(iterations);
        return h.mutate(password);
    }

    /** Tomcat's SecretKeyCredentialHandler output (salt$iterations$hex). */
    static String pbkdf2(String algorithm, String password) {
        try {
            SecretKeyCredentialHandler h = new SecretKeyCredentialHandler();
            h.setAlgorithm(algorithm);
            h.setIterations(1000);
            return h.mutate(password);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The self-describing forms JwtGate keeps in jwtgate_users, each made from {@code password}. */
    static Map<String, String> storedForms(String password) {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("tmd5", "{tomcat:MD5}" + tomcatMutate("MD5", 0, 1, password));
        f.put("tsha1", "{tomcat:SHA-1}" + tomcatMutate("SHA-1", 0, 1, password));
        f.put("tsha256s", "{tomcat:SHA-256}" + tomcatMutate("SHA-256", 8, 5, password));
        f.put("tsha512s", "{tomcat:SHA-512}" + tomcatMutate("SHA-512", 8, 3, password));
        f.put("tpbkdf2", "{tomcat:PBKDF2WithHmacSHA256}" + pbkdf2("PBKDF2WithHmacSHA256", password));
        f.put("lsha", ldapSha(password));
        f.put("lssha", ldapSsha(password));
        f.put("lmd5", "{MD5}" + Base64.getEncoder().encodeToString(digest("MD5", password)));
        f.put("jmd5", "MD5:" + md5Hex(password));
        f.put("jcrypt", Credential.Crypt.crypt("jcrypt", password));
        f.values().forEach(Secrets::remember);
        return f;
    }

    /**
     * What someone who read a stored digest might send as the password: the text itself, without its tag or
     * prefix, its last {@code $} part, in upper case, and the hex of a base64 value.
     */
    static List<String> passTheHash(String stored) {
        Set<String> v = new LinkedHashSet<>();
        v.add(stored);
        v.add(stored.toUpperCase(Locale.ROOT));
        int brace = stored.indexOf('}');
        String inner = stored;
        if (stored.startsWith("{") && brace > 0) {
            inner = stored.substring(brace + 1);
        } else if (stored.startsWith("MD5:") || stored.startsWith("CRYPT:")) {
            inner = stored.substring(stored.indexOf(':') + 1);
        }
        v.add(inner);
        if (inner.contains("$")) {
            v.add(inner.substring(inner.lastIndexOf('$') + 1));
            v.add(inner.substring(inner.indexOf('$') + 1));
        }
        try {
            v.add(HexFormat.of().formatHex(Base64.getDecoder().decode(inner)));
        } catch (IllegalArgumentException e) {
            // Not base64: no such variant.
        }
        List<String> out = new ArrayList<>();
        for (String s : v) {
            if (!s.isEmpty() && s.getBytes(StandardCharsets.UTF_8).length <= 72) {
                out.add(s);
                Secrets.remember(s);
            }
        }
        return out;
    }

    static Http.Response login(Http http, String name, String password) {
        return http.postJson("/auth/login", StrictJson.mapper().createObjectNode().put("username", name)
                .put("password", password).toString());
    }

    static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The logged-in user's name, from /auth/me. */
    static String who(Http http, Http.Response login) {
        String token = StrictJson.parse(login.body().getBytes(StandardCharsets.UTF_8)).get("access_token").textValue();
        Http.Response me = http.bearerGet("/auth/me", token);
        return StrictJson.parse(me.body().getBytes(StandardCharsets.UTF_8)).get("username").textValue();
    }

    static Set<String> roles(Http http, Http.Response login) {
        String token = StrictJson.parse(login.body().getBytes(StandardCharsets.UTF_8)).get("access_token").textValue();
        Http.Response me = http.bearerGet("/auth/me", token);
        Set<String> roles = new java.util.TreeSet<>();
        StrictJson.parse(me.body().getBytes(StandardCharsets.UTF_8)).get("roles").forEach(r -> roles.add(r.textValue()));
        return roles;
    }

    /** A small SQL helper bound to one database. */
    record Db(String url, String user) {

        void execute(String sql) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        int update(String sql, Object... values) throws SQLException {
            try (Connection c = connect(); PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    p.setObject(i + 1, values[i]);
                }
                return p.executeUpdate();
            }
        }

        List<String> rows(String sql, Object... values) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Connection c = connect(); PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    p.setObject(i + 1, values[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            b.append(i == 1 ? "" : "|").append(rs.getString(i));
                        }
                        rows.add(b.toString());
                    }
                }
            }
            return rows;
        }

        String hashOf(String username) throws SQLException {
            List<String> r = rows("SELECT password_hash FROM jwtgate_users WHERE username = ?", username);
            return r.isEmpty() ? null : r.get(0);
        }

        int accounts() throws SQLException {
            return Integer.parseInt(rows("SELECT COUNT(*) FROM jwtgate_users").get(0));
        }

        private Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }
    }
}
