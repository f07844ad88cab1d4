package de.servicekonto.eidsim;

/** The ResultMajor and ResultMinor URIs of the eCard-API (TR-03112) and the eID-Server (TR-03130-1). */
final class ResultUris {

    static final String MAJOR_OK = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#ok";
    static final String MAJOR_ERROR = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error";

    private static final String EID_SERVER_MINOR = "http://www.bsi.bund.de/eid/server/2.0/resultminor/";
    static final String TOO_MANY_OPEN_SESSIONS = EID_SERVER_MINOR + "useID#tooManyOpenSessions";
    static final String NO_RESULT_YET = EID_SERVER_MINOR + "getResult#noResultYet";
    static final String INVALID_SESSION = EID_SERVER_MINOR + "getResult#invalidSession";
    static final String INVALID_COUNTER = EID_SERVER_MINOR + "getResult#invalidCounter";
    static final String INVALID_DOCUMENT = EID_SERVER_MINOR + "getResult#invalidDocument";

    private static final String ECARD_MINOR = "http://www.bsi.bund.de/ecard/api/1.1/resultminor/";
    static final String CANCELLATION_BY_USER = ECARD_MINOR + "sal#cancellationByUser";
    static final String COMMUNICATION_ERROR = ECARD_MINOR + "dp#communicationError";

    /** The only level of assurance a German eID card reaches. */
    static final String LOA_HIGH = "http://bsi.bund.de/eID/LoA/hoch";

    private ResultUris() {
    }
}
