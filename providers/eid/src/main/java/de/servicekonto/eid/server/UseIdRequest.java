package de.servicekonto.eid.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a service asks the eID-Server for when it opens an eID session (the body of a useID request).
 *
 * @param operations        the operation per field; fields not given are {@link UseOperation#PROHIBITED}. The
 *                          accessor returns every field, in wire order, and cannot be modified.
 * @param minimumAge        the age the citizen must have reached (1..150), or 0 for no age verification. With an
 *                          age, {@link EidField#AGE_VERIFICATION} becomes REQUIRED; without one it must be PROHIBITED.
 * @param levelOfAssurance  the level of assurance to request (an absolute URI such as {@link #LOA_HIGH}), or null
 */
public record UseIdRequest(Map<EidField, UseOperation> operations, int minimumAge, String levelOfAssurance) {

    /** BSI level of assurance "normal" (low). */
    public static final String LOA_NORMAL = "http://bsi.bund.de/eID/LoA/normal";
    /** BSI level of assurance "substantiell" (substantial). */
    public static final String LOA_SUBSTANTIAL = "http://bsi.bund.de/eID/LoA/substantiell";
    /** BSI level of assurance "hoch" (high); the Online-Ausweisfunktion of a German ID card reaches it. */
    public static final String LOA_HIGH = "http://bsi.bund.de/eID/LoA/hoch";

    /** Oldest age anyone can sensibly ask for. */
    public static final int MAX_AGE = 150;
    private static final int MAX_LOA_LENGTH = 1_000;

    public UseIdRequest {
        EnumMap<EidField, UseOperation> complete = new EnumMap<>(EidField.class);
        for (EidField field : EidField.values()) {
            complete.put(field, UseOperation.PROHIBITED);
        }
        if (operations != null) {
            for (Map.Entry<EidField, UseOperation> entry : operations.entrySet()) {
                if (entry.getKey() == null || entry.getValue() == null) {
                    throw new IllegalArgumentException("operations must not contain null fields or operations");
                }
                complete.put(entry.getKey(), entry.getValue());
            }
        }
        if (minimumAge < 0 || minimumAge > MAX_AGE) {
            throw new IllegalArgumentException("minimumAge must be between 0 and " + MAX_AGE + ", was " + minimumAge);
        }
        UseOperation age = complete.get(EidField.AGE_VERIFICATION);
        if (minimumAge > 0) {
            if (operations != null && operations.get(EidField.AGE_VERIFICATION) == UseOperation.PROHIBITED) {
                throw new IllegalArgumentException("AgeVerification is PROHIBITED but a minimum age was given");
            }
            complete.put(EidField.AGE_VERIFICATION, UseOperation.REQUIRED);
        } else if (age != UseOperation.PROHIBITED) {
            throw new IllegalArgumentException("AgeVerification needs a minimum age greater than 0");
        }
        if (levelOfAssurance != null) {
            checkLevelOfAssurance(levelOfAssurance);
        }
        operations = Collections.unmodifiableMap(complete);
    }

    /** A request without age verification and without a level of assurance. */
    public UseIdRequest(Map<EidField, UseOperation> operations) {
        this(operations, 0, null);
    }

    /** The operation for one field (never null). */
    public UseOperation operation(EidField field) {
        return operations.get(field);
    }

    /** True if an {@code AgeVerificationRequest} is sent. */
    public boolean verifiesAge() {
        return minimumAge > 0;
    }

    private static void checkLevelOfAssurance(String value) {
        if (value.isBlank() || value.length() > MAX_LOA_LENGTH) {
            throw new IllegalArgumentException("levelOfAssurance must be an absolute URI");
        }
        try {
            if (!new URI(value).isAbsolute()) {
                throw new IllegalArgumentException("levelOfAssurance must be an absolute URI");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("levelOfAssurance must be an absolute URI", e);
        }
    }
}
