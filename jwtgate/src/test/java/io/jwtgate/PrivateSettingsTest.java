package io.jwtgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Keys;
import io.jwtgate.support.TestSettings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.UnavailableException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 151 and 155: set-up code hands JwtGate settings through
 * {@link JwtGate#PRIVATE_SETTINGS_ATTRIBUTE} instead of context-params (which a page's expression
 * language reads as {@code initParam}); they form the layer "set-up code", and the attribute is
 * gone once JwtGate has read it. {@link JwtGate#configuredValue} hands out no secret's value.
 */
class PrivateSettingsTest {

    @TempDir
    Path dir;

    private ServletContext context(Map<String, String> contextParams, Object privateSettings) {
        ServletContext context = mock(ServletContext.class);
        when(context.getContextPath()).thenReturn("");
        when(context.getInitParameterNames()).thenAnswer(i -> Collections.enumeration(contextParams.keySet()));
        when(context.getInitParameter(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(i -> contextParams.get(i.<String>getArgument(0)));
        when(context.getAttribute(JwtGate.PRIVATE_SETTINGS_ATTRIBUTE)).thenReturn(privateSettings);
        return context;
    }

    private Map<String, String> paramsWithoutSecret() {
        Map<String, String> params = new HashMap<>(TestSettings.params(dir));
        params.remove(Keys.SIGNING_SECRET);
        return params;
    }

    @Test
    void theSecretFromTheAttributeStartsJwtGateAsSetUpCodeAndTheAttributeIsRemoved() throws Exception {
        ServletContext context = context(paramsWithoutSecret(), Map.of(Keys.SIGNING_SECRET, TestSettings.SECRET));

        JwtGate gate = JwtGate.acquire(context);
        try {
            assertTrue(gate.settings().sources().contains("signing secret from set-up code " + Keys.SIGNING_SECRET),
                    gate.settings().sources());
            verify(context).removeAttribute(JwtGate.PRIVATE_SETTINGS_ATTRIBUTE);
        } finally {
            gate.close();
        }
    }

    @Test
    void configuredValueRefusesASecretKeyAndIsConfiguredTellsOnlyWhetherItIsSet() {
        ServletContext withSecret = context(paramsWithoutSecret(), Map.of(Keys.SIGNING_SECRET, TestSettings.SECRET));
        ServletContext without = context(paramsWithoutSecret(), null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JwtGate.configuredValue(withSecret, Keys.SIGNING_SECRET));
        assertFalse(e.getMessage().contains(TestSettings.SECRET));
        assertThrows(IllegalArgumentException.class, () -> JwtGate.configuredValue(withSecret, Keys.JDBC_PASSWORD));
        assertThrows(IllegalArgumentException.class, () -> JwtGate.configuredValue(withSecret, Keys.JDBC_URL),
                "a JDBC URL may carry user:password@ or ?password=");
        assertTrue(JwtGate.isConfigured(withSecret, Keys.SIGNING_SECRET));
        assertFalse(JwtGate.isConfigured(without, Keys.SIGNING_SECRET));
        assertEquals(dir.toString(), JwtGate.configuredValue(without, Keys.DATA_DIR).orElseThrow());
    }

    @Test
    void anUnknownKeyOrAValueThatIsNotAStringMapIsRefusedNamingTheProblem() {
        ServletContext unknown = context(paramsWithoutSecret(), Map.of("jwtgate.signing.secrte", "x"));
        ServletContext notAMap = context(paramsWithoutSecret(), "jwtgate.signing.secret=x");

        UnavailableException typo = assertThrows(UnavailableException.class, () -> JwtGate.acquire(unknown));
        assertTrue(typo.getMessage().contains("jwtgate.signing.secrte") && typo.getMessage().contains("set-up code"),
                typo.getMessage());
        ConfigurationException wrongType = assertThrows(ConfigurationException.class,
                () -> JwtGate.isConfigured(notAMap, Keys.SIGNING_SECRET));
        assertEquals(JwtGate.PRIVATE_SETTINGS_ATTRIBUTE, wrongType.key());
        verify(unknown).removeAttribute(JwtGate.PRIVATE_SETTINGS_ATTRIBUTE);
    }
}
