package de.servicekonto.trustlevel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Servicekonto and Keycloak versions this jar was built with, written into the jar by the build. */
public final class ServicekontoVersion {

    private static final Properties PROPERTIES = load();

    private ServicekontoVersion() {
    }

    public static String version() {
        return PROPERTIES.getProperty("servicekonto.version");
    }

    public static String keycloakVersion() {
        return PROPERTIES.getProperty("keycloak.version");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ServicekontoVersion.class.getResourceAsStream("servicekonto-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("servicekonto-version.properties missing from the provider jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
