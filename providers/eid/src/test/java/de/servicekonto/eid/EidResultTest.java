package de.servicekonto.eid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EidResultTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "ok,                                                     null,               OK",
            "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#ok,    null,               OK",
            "error, cancellationByUser,                                                  CANCELLED_BY_USER",
            "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error, http://www.bsi.bund.de/ecard/api/1.1/resultminor/sal#cancellationByUser, CANCELLED_BY_USER",
            "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error, http://www.bsi.bund.de/eid/server/2.0/resultminor/getResult#deniedDocument, DOCUMENT_DENIED",
            "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error, http://www.bsi.bund.de/eid/server/2.0/resultminor/getResult#invalidDocument, DOCUMENT_INVALID",
            "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error, http://www.bsi.bund.de/eid/server/2.0/resultminor/getResult#noResultYet, NO_RESULT_YET",
            "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error, http://www.bsi.bund.de/eid/server/2.0/resultminor/getResult#invalidCounter, SESSION_INVALID",
            "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error, http://www.bsi.bund.de/eid/server/2.0/resultminor/useID#tooManyOpenSessions, SERVER_BUSY",
            "error, somethingElse,                                                       OTHER_ERROR",
            "null,  null,                                                                OTHER_ERROR",
            "OK,    null,                                                                OTHER_ERROR",
            "okay,  null,                                                                OTHER_ERROR"
    })
    void givenResultCodesThenCitizenReadsTheMatchingMessage(String major, String minor, EidResult expected) {
        assertThat(EidResult.of(major, minor)).isEqualTo(expected);
    }
}
