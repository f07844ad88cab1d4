package de.servicekonto.eid;

import java.util.Map;

/**
 * The outcome of an eID attempt, from the eID-Client's return to the RefreshAddress ({@code ResultMajor},
 * {@code ResultMinor}) or the eID-Server's getResult answer, mapped to what the citizen reads (message keys of the
 * theme, German and English).
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
     * Maps a result. The short form the eID-Client appends to the RefreshAddress ({@code ResultMajor=ok},
     * {@code ResultMinor=cancellationByUser}) is accepted as well as the full URIs. An unknown or missing major
     * code is an error: only an explicit ok is ok.
     */
    public static EidResult of(String major, String minor) {
        if (MAJOR_OK.equals(major) || "ok".equals(major)) {
            return OK;
        }
        if (minor == null) {
            return OTHER_ERROR;
        }
        EidResult mapped = MINOR.get(minor);
        if (mapped != null) {
            return mapped;
        }
        for (Map.Entry<String, EidResult> entry : MINOR.entrySet()) {
            if (entry.getKey().endsWith("#" + minor)) {
                return entry.getValue();
            }
        }
        return OTHER_ERROR;
    }
}
