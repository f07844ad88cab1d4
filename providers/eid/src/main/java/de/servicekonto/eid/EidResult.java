package de.servicekonto.eid;

import java.util.Map;
import java.util.Optional;

/**
 * The outcome of an eID attempt, mapped to what the citizen reads (message keys of the theme, German and
 * English). Success comes only from the eID-Server's getResult answer; the eID-Client's return to the
 * RefreshAddress can report an error or hand over to the server, nothing more.
 */
public enum EidResult {

    OK("skEidOk"),
    CANCELLED_BY_USER("skEidCancelled"),
    DOCUMENT_DENIED("skEidDocumentDenied"),
    DOCUMENT_INVALID("skEidDocumentInvalid"),
    NO_RESULT_YET("skEidNoResultYet"),
    SESSION_INVALID("skEidSessionInvalid"),
    SERVER_BUSY("skEidServerUnavailable"),
    AGE_NOT_MET("skEidAgeNotMet"),
    OTHER_ERROR("skEidOtherError");

    /** eCard-API result major codes (BSI TR-03112), used by eID-Client and eID-Server. */
    public static final String MAJOR_OK = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#ok";
    public static final String MAJOR_ERROR = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error";
    private static final String SERVER_MINOR = "http://www.bsi.bund.de/eid/server/2.0/resultminor/";

    private static final Map<String, EidResult> MINOR = Map.of(
            "http://www.bsi.bund.de/ecard/api/1.1/resultminor/sal#cancellationByUser", CANCELLED_BY_USER,
            SERVER_MINOR + "getResult#deniedDocument", DOCUMENT_DENIED,
            SERVER_MINOR + "getResult#invalidDocument", DOCUMENT_INVALID,
            SERVER_MINOR + "getResult#noResultYet", NO_RESULT_YET,
            SERVER_MINOR + "getResult#invalidSession", SESSION_INVALID,
            SERVER_MINOR + "getResult#invalidCounter", SESSION_INVALID,
            SERVER_MINOR + "useID#tooManyOpenSessions", SERVER_BUSY);

    private final String messageKey;

    EidResult(String messageKey) {
        this.messageKey = messageKey;
    }

    /** The theme message key for the citizen. */
    public String messageKey() {
        return messageKey;
    }

    /**
     * Maps the eID-Server's answer (getResult {@code Result}, full URIs). Only this answer can say {@link #OK}; an
     * unknown or missing major code is an error.
     */
    public static EidResult ofServerResult(String major, String minor) {
        if (MAJOR_OK.equals(major)) {
            return OK;
        }
        EidResult mapped = minor == null ? null : MINOR.get(minor);
        return mapped != null ? mapped : OTHER_ERROR;
    }

    /**
     * Reads what the eID-Client appended to the RefreshAddress ({@code ResultMajor=ok}, or {@code error} with a
     * {@code ResultMinor} such as {@code cancellationByUser}, short or full). These parameters come through the
     * browser and prove nothing: "ok" only means "ask the eID-Server now" (empty), never success by itself.
     *
     * @return the error to show, or empty if the result must be fetched from the eID-Server
     */
    public static Optional<EidResult> ofRefreshAddress(String major, String minor) {
        if ("ok".equals(major) || MAJOR_OK.equals(major)) {
            return Optional.empty();
        }
        if (minor != null) {
            for (Map.Entry<String, EidResult> entry : MINOR.entrySet()) {
                if (entry.getKey().equals(minor) || entry.getKey().endsWith("#" + minor)) {
                    return Optional.of(entry.getValue());
                }
            }
        }
        return Optional.of(OTHER_ERROR);
    }
}
