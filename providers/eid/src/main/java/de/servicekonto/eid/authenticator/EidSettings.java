package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.server.EidField;
import de.servicekonto.eid.server.UseIdRequest;
import de.servicekonto.eid.server.UseOperation;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The eID settings of one realm, read from the eID authenticator's configuration (admin console or realm import).
 * Secrets (keystore passwords, the pseudonym key) are not here: they are vault references resolved at use.
 *
 * @param serverUrl      the eID-Server's SOAP endpoint (https)
 * @param keyStore       PKCS#12 (or JKS) file with the service's client key and certificate for mutual TLS
 * @param keyStoreType   {@code PKCS12} or {@code JKS}
 * @param trustStore     file with the eID-Server's TLS certificate or CA: required, the JVM's trust store is never used
 * @param clientUrl      where the citizen's eID-Client listens (TR-03124-1: {@value #DEFAULT_CLIENT_URL})
 * @param minimumAge     age the chip must confirm (0: no age verification)
 * @param optionalData   which data beyond names, date of birth and pseudonym are read
 */
public record EidSettings(URI serverUrl, Path keyStore, String keyStoreType, Path trustStore, URI clientUrl,
                          int minimumAge, Set<OptionalData> optionalData) {

    public static final String SERVER_URL = "sk.eid.server.url";
    public static final String KEYSTORE = "sk.eid.keystore";
    public static final String KEYSTORE_TYPE = "sk.eid.keystore.type";
    public static final String KEYSTORE_PASSWORD = "sk.eid.keystore.password";
    public static final String TRUSTSTORE = "sk.eid.truststore";
    public static final String TRUSTSTORE_PASSWORD = "sk.eid.truststore.password";
    public static final String PSEUDONYM_KEY = "sk.eid.pseudonym.key";
    public static final String CLIENT_URL = "sk.eid.client.url";
    public static final String MINIMUM_AGE = "sk.eid.minimum.age";
    public static final String OPTIONAL_DATA = "sk.eid.optional.data";

    public static final String DEFAULT_CLIENT_URL = "http://127.0.0.1:24727/eID-Client";
    public static final int DEFAULT_MINIMUM_AGE = 16;
    /** Level of assurance asked of the eID-Server (BSI vocabulary of TR-03130). */
    public static final String LEVEL_OF_ASSURANCE = "http://bsi.bund.de/eID/LoA/hoch";

    /** Data groups the realm may choose to read besides the always-read names, birth date and pseudonym. */
    public enum OptionalData {
        ADDRESS(EidField.PLACE_OF_RESIDENCE),
        BIRTH_PLACE(EidField.PLACE_OF_BIRTH),
        BIRTH_NAME(EidField.BIRTH_NAME),
        NATIONALITY(EidField.NATIONALITY),
        ACADEMIC_TITLE(EidField.ACADEMIC_TITLE, EidField.ARTISTIC_NAME),
        DOCUMENT(EidField.DOCUMENT_TYPE, EidField.ISSUING_STATE, EidField.DATE_OF_EXPIRY),
        COMMUNITY_ID(EidField.COMMUNITY_ID);

        private final EidField[] fields;

        OptionalData(EidField... fields) {
            this.fields = fields;
        }

        /** The configuration value, e.g. {@code birth-place}. */
        public String configValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Optional<OptionalData> ofConfigValue(String value) {
            for (OptionalData data : values()) {
                if (data.configValue().equals(value.strip())) {
                    return Optional.of(data);
                }
            }
            return Optional.empty();
        }
    }

    /** Read unless the realm says otherwise: everything but the community id (Gemeindeschlüssel). */
    public static final Set<OptionalData> DEFAULT_OPTIONAL_DATA = EnumSet.complementOf(EnumSet.of(OptionalData.COMMUNITY_ID));

    /**
     * Reads the authenticator configuration.
     *
     * @return empty if no eID-Server is configured (the realm offers no eID)
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static Optional<EidSettings> parse(Map<String, String> config) {
        String server = value(config, SERVER_URL);
        if (server == null) {
            return Optional.empty();
        }
        URI serverUrl = uri(SERVER_URL, server);
        if (!"https".equals(serverUrl.getScheme())) {
            throw new IllegalArgumentException(SERVER_URL + " must be an https address");
        }
        String keyStore = value(config, KEYSTORE);
        if (keyStore == null) {
            throw new IllegalArgumentException(KEYSTORE + " is required: the eID-Server accepts only mutual TLS");
        }
        String type = Optional.ofNullable(value(config, KEYSTORE_TYPE)).orElse("PKCS12").toUpperCase(Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            throw new IllegalArgumentException(KEYSTORE_TYPE + " must be PKCS12 or JKS");
        }
        String trust = value(config, TRUSTSTORE);
        if (trust == null) {
            // The JVM's public CAs would let any certificate authority vouch for "the eID-Server": the answer that
            // decides who logs in at level hoch. Only the CA or certificate the operator got from the eID-Server.
            throw new IllegalArgumentException(TRUSTSTORE + " is required: a trust store with the eID-Server's TLS CA "
                    + "or certificate (the JVM's default trust store is never used for the eID-Server)");
        }
        URI clientUrl = uri(CLIENT_URL, Optional.ofNullable(value(config, CLIENT_URL)).orElse(DEFAULT_CLIENT_URL));
        if (!"http".equals(clientUrl.getScheme()) || !isLoopback(clientUrl.getHost())) {
            throw new IllegalArgumentException(CLIENT_URL + " must be an http address on the citizen's own device (127.0.0.1)");
        }
        int age = DEFAULT_MINIMUM_AGE;
        String ageText = value(config, MINIMUM_AGE);
        if (ageText != null) {
            try {
                age = Integer.parseInt(ageText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MINIMUM_AGE + " must be a number");
            }
            if (age < 0 || age > 99) {
                throw new IllegalArgumentException(MINIMUM_AGE + " must be between 0 and 99");
            }
        }
        Set<OptionalData> data = DEFAULT_OPTIONAL_DATA;
        String dataText = value(config, OPTIONAL_DATA);
        if (dataText != null) {
            Set<OptionalData> chosen = new LinkedHashSet<>();
            for (String item : dataText.split("##|,")) {
                if (!item.isBlank()) {
                    chosen.add(OptionalData.ofConfigValue(item).orElseThrow(() ->
                            new IllegalArgumentException(OPTIONAL_DATA + ": unknown data group '" + item.strip() + "'")));
                }
            }
            data = chosen.isEmpty() ? EnumSet.noneOf(OptionalData.class) : EnumSet.copyOf(chosen);
        }
        return Optional.of(new EidSettings(serverUrl, Path.of(keyStore), type, Path.of(trust), clientUrl, age,
                Set.copyOf(data)));
    }

    /** The useID request of these settings: names, birth date and pseudonym always, the rest as chosen. */
    public UseIdRequest useIdRequest() {
        Map<EidField, UseOperation> operations = new EnumMap<>(EidField.class);
        operations.put(EidField.GIVEN_NAMES, UseOperation.REQUIRED);
        operations.put(EidField.FAMILY_NAMES, UseOperation.REQUIRED);
        operations.put(EidField.DATE_OF_BIRTH, UseOperation.REQUIRED);
        operations.put(EidField.RESTRICTED_ID, UseOperation.REQUIRED);
        for (OptionalData data : optionalData) {
            for (EidField field : data.fields) {
                operations.put(field, UseOperation.ALLOWED);
            }
        }
        return new UseIdRequest(operations, minimumAge, LEVEL_OF_ASSURANCE);
    }

    static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }

    private static String value(Map<String, String> config, String key) {
        String value = config.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static URI uri(String key, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException(key + " must be an absolute address");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a valid address", e);
        }
    }
}
