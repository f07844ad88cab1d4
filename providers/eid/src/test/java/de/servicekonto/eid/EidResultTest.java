package de.servicekonto.eid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EidResultTest {

    private static final String ERROR = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error";
    private static final String SERVER = "http://www.bsi.bund.de/eid/server/2.0/resultminor/";

    @ParameterizedTest(name = "server {0} / {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#ok, null, OK",
            ERROR + ", http://www.bsi.bund.de/ecard/api/1.1/resultminor/sal#cancellationByUser, CANCELLED_BY_USER",
            ERROR + ", " + SERVER + "getResult#deniedDocument, DOCUMENT_DENIED",
            ERROR + ", " + SERVER + "getResult#invalidDocument, DOCUMENT_INVALID",
            ERROR + ", " + SERVER + "getResult#noResultYet, NO_RESULT_YET",
            ERROR + ", " + SERVER + "getResult#invalidCounter, SESSION_INVALID",
            ERROR + ", " + SERVER + "useID#tooManyOpenSessions, SERVER_BUSY",
            ERROR + ", somethingElse, OTHER_ERROR",
            "null, null, OTHER_ERROR",
            "ok, null, OTHER_ERROR"
    })
    void givenServerResultThenOnlyTheFullOkUriIsSuccess(String major, String minor, EidResult expected) {
        assertThat(EidResult.ofServerResult(major, minor)).isEqualTo(expected);
    }

    @Test
    void givenRefreshAddressOkThenResultMustStillBeFetchedFromTheServer() {
        assertThat(EidResult.ofRefreshAddress("ok", null)).isEmpty();
        assertThat(EidResult.ofRefreshAddress("http://www.bsi.bund.de/ecard/api/1.1/resultmajor#ok", null)).isEmpty();
    }

    @ParameterizedTest(name = "refresh {0} / {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "error, cancellationByUser, CANCELLED_BY_USER",
            ERROR + ", http://www.bsi.bund.de/ecard/api/1.1/resultminor/sal#cancellationByUser, CANCELLED_BY_USER",
            "error, deniedDocument, DOCUMENT_DENIED",
            "error, null, OTHER_ERROR",
            "OK, null, OTHER_ERROR",
            "null, null, OTHER_ERROR"
    })
    void givenRefreshAddressErrorThenCitizenReadsTheMatchingMessage(String major, String minor, EidResult expected) {
        assertThat(EidResult.ofRefreshAddress(major, minor)).contains(expected);
    }
}
