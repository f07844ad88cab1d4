package de.servicekonto.eid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.eid.EidResult;
import de.servicekonto.eid.server.EidServerException.Reason;
import java.net.URI;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The value types: defensive copies, invariants and what they reveal in logs. */
class ModelTest {

    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    @Test
    void givenUseIdResponseThenKeyIsCopiedBothWays() {
        byte[] key = KEY.clone();
        UseIdResponse response = new UseIdResponse("0A1B", URI.create("https://eid.example/paos"), "0A1B", key);

        key[0] = 42;
        response.pskKey()[1] = 42;

        assertThat(response.pskKey()).isEqualTo(KEY);
        assertThat(response).isEqualTo(new UseIdResponse("0A1B", URI.create("https://eid.example/paos"), "0A1B", KEY))
                .hasSameHashCodeAs(new UseIdResponse("0A1B", URI.create("https://eid.example/paos"), "0A1B", KEY));
    }

    @Test
    void givenUseIdResponseThenToStringHidesKeyAndSession() {
        String session = "0A1B2C3D4E5F60718293A4B5C6D7E8F9";
        String text = new UseIdResponse(session, null, session, KEY).toString();

        assertThat(text).doesNotContain(session).doesNotContain("0011223344").doesNotContain("[B@");
    }

    @Test
    void givenInvalidUseIdResponseThenRejected() {
        assertThatThrownBy(() -> new UseIdResponse("xyz", null, "0A", KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UseIdResponse("0A", null, null, KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UseIdResponse("0A", null, "0A", new byte[8]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UseIdResponse("0A", null, "0A", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void givenPlaceFormsThenTheyDoNotMix() {
        assertThat(Place.structured("HEIDESTRASSE 17", "KÖLN", null, "D", "51147").isStructured()).isTrue();
        assertThat(Place.noInfo(null).noPlaceInfo()).isTrue();
        assertThatThrownBy(() -> new Place("HEIDESTRASSE 17", null, null, null, null, "KÖLN", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Place(null, "KÖLN", null, null, null, null, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Place.freeText(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenPersonThenToStringHidesPersonalData() {
        EidPerson person = new EidPerson("ID", "D", LocalDate.of(2029, 10, 31), "ERIKA", "MUSTERMANN", null, null,
                LocalDate.of(1964, 8, 12), "19640812", Place.freeText("BERLIN"), "D", "GABLER",
                Place.structured("HEIDESTRASSE 17", "KÖLN", null, "D", "51147"), "02760503150000", "ABCDEF");

        assertThat(person.toString()).doesNotContain("ERIKA", "MUSTERMANN", "1964", "GABLER", "HEIDESTRASSE", "ABCDEF")
                .contains("ID");
        assertThatThrownBy(() -> new EidPerson(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, "xyz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenErrorResultThenNoPersonalDataCanBeAttached() {
        EidPerson person = new EidPerson(null, null, null, "ERIKA", null, null, null, null, null, null, null, null,
                null, null, null);

        assertThat(GetResultResponse.of(EidResult.MAJOR_OK, null, person, true, null).ok()).isTrue();
        assertThatThrownBy(() -> GetResultResponse.of(EidResult.MAJOR_ERROR, null, person, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GetResultResponse.of(EidResult.MAJOR_ERROR, null, null, true, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GetResultResponse.of("urn:unknown", null, null, null, null).result()).isEqualTo(EidResult.OTHER_ERROR);
    }

    @Test
    void givenExceptionReasonThenCitizenResultFollows() {
        assertThat(new EidServerException(Reason.UNAVAILABLE, "x").result()).isEqualTo(EidResult.SERVER_BUSY);
        assertThat(new EidServerException(Reason.PROTOCOL, "x").result()).isEqualTo(EidResult.OTHER_ERROR);
        assertThat(new EidServerException(Reason.REFUSED, "x").result()).isEqualTo(EidResult.OTHER_ERROR);
        assertThat(new EidServerException(Reason.REFUSED, EidResult.SERVER_BUSY, "x", null).result())
                .isEqualTo(EidResult.SERVER_BUSY);
        assertThatThrownBy(() -> new EidServerException(Reason.REFUSED, EidResult.OK, "x", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
