package de.servicekonto.eid.account;

import static de.servicekonto.eid.account.EidLinking.Outcome.ACCOUNT_INCOMPLETE;
import static de.servicekonto.eid.account.EidLinking.Outcome.CREATE;
import static de.servicekonto.eid.account.EidLinking.Outcome.LOGIN;
import static de.servicekonto.eid.account.EidLinking.Outcome.PSEUDONYM_TAKEN;
import static de.servicekonto.eid.account.EidLinking.Outcome.RECENTLY_CHANGED;
import static de.servicekonto.eid.account.EidLinking.Outcome.RELINK;
import static de.servicekonto.eid.account.EidLinking.Outcome.RELINK_MISMATCH;
import static de.servicekonto.eid.account.EidLinking.Outcome.UPGRADE;
import static de.servicekonto.eid.account.EidLinking.Outcome.UPGRADE_MISMATCH;
import static de.servicekonto.eid.account.SamePerson.Verdict.DIFFERENT;
import static de.servicekonto.eid.account.SamePerson.Verdict.SAME;
import static de.servicekonto.eid.account.SamePerson.Verdict.UNVERIFIABLE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EidLinkingTest {

    private static final String ANNA = "user-anna";
    private static final String OTHER = "user-other";
    private static final String OLD_CARD = "hash-old-card";

    @ParameterizedTest
    @EnumSource(SamePerson.Verdict.class)
    void givenNobodyIdentifiedThenTheCardCreatesOrLogsInWhateverThePerson(SamePerson.Verdict person) {
        assertThat(EidLinking.decide(null, null, null, person, false)).isEqualTo(CREATE);
        assertThat(EidLinking.decide(null, null, OTHER, person, true)).isEqualTo(LOGIN);
    }

    @Test
    void givenCardLinkedToTheIdentifiedAccountOrAnotherThenLoginOrRefusedNeverMerged() {
        assertThat(EidLinking.decide(ANNA, OLD_CARD, ANNA, DIFFERENT, false)).isEqualTo(LOGIN);
        assertThat(EidLinking.decide(ANNA, null, OTHER, SAME, false)).isEqualTo(PSEUDONYM_TAKEN);
        assertThat(EidLinking.decide(ANNA, OLD_CARD, OTHER, SAME, false)).isEqualTo(PSEUDONYM_TAKEN);
    }

    @Test
    void givenPasswordAccountWithoutCardThenOnlyItsOwnPersonsCardIsLinked() {
        assertThat(EidLinking.decide(ANNA, null, null, SAME, false)).isEqualTo(UPGRADE);
        assertThat(EidLinking.decide(ANNA, null, null, DIFFERENT, false)).isEqualTo(UPGRADE_MISMATCH);
        assertThat(EidLinking.decide(ANNA, null, null, UNVERIFIABLE, false)).isEqualTo(ACCOUNT_INCOMPLETE);
        assertThat(EidLinking.decide(ANNA, null, null, SAME, true)).isEqualTo(RECENTLY_CHANGED);
    }

    @Test
    void givenAccountWithCardThenANewCardOfTheSamePersonStaysRelinkable() {
        assertThat(EidLinking.decide(ANNA, OLD_CARD, null, SAME, false)).isEqualTo(RELINK);
        assertThat(EidLinking.decide(ANNA, OLD_CARD, null, DIFFERENT, false)).isEqualTo(RELINK_MISMATCH);
        assertThat(EidLinking.decide(ANNA, OLD_CARD, null, UNVERIFIABLE, false)).isEqualTo(ACCOUNT_INCOMPLETE);
        assertThat(EidLinking.decide(ANNA, OLD_CARD, null, SAME, true)).isEqualTo(RECENTLY_CHANGED);
    }

    @Test
    void givenAnotherPersonsCardThenTheRecentChangeIsNotEvenAskedAbout() {
        assertThat(EidLinking.wouldLink(ANNA, null, SAME)).isTrue();
        assertThat(EidLinking.wouldLink(ANNA, null, DIFFERENT)).isFalse();
        assertThat(EidLinking.wouldLink(ANNA, null, UNVERIFIABLE)).isFalse();
        assertThat(EidLinking.wouldLink(ANNA, OTHER, SAME)).isFalse();
        assertThat(EidLinking.wouldLink(null, null, SAME)).isFalse();
        assertThat(EidLinking.decide(ANNA, null, null, DIFFERENT, true)).isEqualTo(UPGRADE_MISMATCH);
    }
}
