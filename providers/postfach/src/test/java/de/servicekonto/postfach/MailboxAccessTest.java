package de.servicekonto.postfach;

import static de.servicekonto.postfach.TestPostfach.fachverfahren;
import static de.servicekonto.postfach.TestPostfach.person;
import static de.servicekonto.postfach.TestPostfach.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who may use which mailbox: docs/postfach.md "Access". */
class MailboxAccessTest {

    private final TestPostfach realm = new TestPostfach();
    private final Party citizen = realm.citizen("u1", "Erika Mustermann");
    private final Party otherCitizen = realm.citizen("u2", "Max Mustermann");
    private final Party authority = realm.authority("a1", "Bürgeramt");
    private final Party otherAuthority = realm.authority("a2", "Finanzamt");
    private final Party organisation = realm.organisation("o1", "Bäckerei GmbH");
    private final Party staff = realm.citizen("s1", "Sachbearbeiterin");
    private final Party admin = realm.citizen("s2", "Geschäftsführer");

    {
        realm.parties.staff(staff, authority);
        realm.parties.staff(admin, organisation);
    }

    private MailboxAccess access() {
        return realm.postfach().access();
    }

    @Test
    void givenMeThenThePersonsOwnMailbox() {
        assertThat(access().mailbox(person(citizen, 1), "me")).isEqualTo(citizen);
        assertThat(access().authorize(person(citizen, 1), citizen)).isEqualTo(citizen);
    }

    @Test
    void givenMeForAFachverfahrenThenForbidden() {
        PostfachException e = refusal(() -> access().mailbox(fachverfahren(authority), "me"));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo("forbidden");
    }

    @Test
    void givenAnIdThenOrganisationIfItIsOneElseAuthority() {
        assertThat(access().mailbox(person(admin, 1), "o1").kind()).isEqualTo(Party.Kind.ORGANISATION);
        assertThat(access().mailbox(person(staff, 1), "a1").kind()).isEqualTo(Party.Kind.AUTHORITY);
        assertThat(access().mailbox(person(staff, 1), "unknown-id").kind()).isEqualTo(Party.Kind.AUTHORITY);
    }

    @Test
    void givenAMalformedMailboxIdThen404() {
        PostfachException e = refusal(() -> access().mailbox(person(citizen, 1), "../etc"));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("not_found");
    }

    @Test
    void givenAnotherPersonsMailboxThenForbidden() {
        PostfachException e = refusal(() -> access().authorize(person(otherCitizen, 3), citizen));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo("forbidden");
        assertThat(refusal(() -> access().authorize(fachverfahren(authority), citizen)).code()).isEqualTo("forbidden");
    }

    @Test
    void givenStaffThenTheAuthoritysMailboxAndNoOtherOne() {
        assertThat(access().authorize(person(staff, 1), authority)).isEqualTo(authority);
        assertThat(refusal(() -> access().authorize(person(staff, 1), otherAuthority)).code()).isEqualTo("forbidden");
        assertThat(refusal(() -> access().authorize(person(citizen, 3), authority)).code()).isEqualTo("forbidden");
    }

    @Test
    void givenAFachverfahrenThenOnlyTheAuthorityItIsBoundTo() {
        assertThat(access().authorize(fachverfahren(authority), authority)).isEqualTo(authority);
        assertThat(refusal(() -> access().authorize(fachverfahren(otherAuthority), authority)).code()).isEqualTo("forbidden");
    }

    @Test
    void givenAnUnknownAuthorityThenTheSameAnswerAsAForeignOne() {
        Party unknown = new Party(Party.Kind.AUTHORITY, "nobody");
        PostfachException e = refusal(() -> access().authorize(person(staff, 1), unknown));
        assertThat(e.code()).isEqualTo("forbidden");
        assertThat(e.getMessage()).isEqualTo(refusal(() -> access().authorize(person(staff, 1), otherAuthority)).getMessage());
    }

    @Test
    void givenASuspendedAuthorityThenItsStaffAndFachverfahrenAreRefusedAndOthersLearnNothing() {
        realm.parties.suspend(authority);
        assertThat(refusal(() -> access().authorize(person(staff, 1), authority)).code()).isEqualTo("authority_not_active");
        assertThat(refusal(() -> access().authorize(fachverfahren(authority), authority)).code()).isEqualTo("authority_not_active");
        assertThat(refusal(() -> access().authorize(person(citizen, 1), authority)).code()).isEqualTo("forbidden");
    }

    @Test
    void givenAnAdministratorThenTheOrganisationsMailbox() {
        assertThat(access().authorize(person(admin, 1), organisation)).isEqualTo(organisation);
        assertThat(refusal(() -> access().authorize(person(citizen, 1), organisation)).code()).isEqualTo("forbidden");
    }

    @Test
    void givenAFachverfahrenThenNeverAnOrganisationsMailbox() {
        realm.parties.staff.add("service-a1:o1");
        assertThat(refusal(() -> access().authorize(fachverfahren(authority), organisation)).code()).isEqualTo("forbidden");
    }

    @Test
    void givenADisabledOrganisationThenItsAdministratorsAreRefused() {
        realm.parties.enabledOrganisations.remove("o1");
        PostfachException e = refusal(() -> access().authorize(person(admin, 1), organisation));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo("organisation_not_active");
    }

    @Test
    void givenAMessageOfAnotherMailboxThenNotFoundLikeAMissingOne() {
        Delivery.Sent sent = realm.send(person(citizen, 1), citizen, authority, "Antrag");
        String theirs = sent.senderCopy().id();
        realm.send(person(otherCitizen, 1), otherCitizen, authority, "Eigener Antrag");
        assertThat(refusal(() -> access().message(otherCitizen, theirs)).code()).isEqualTo("not_found");
        assertThat(refusal(() -> access().message(otherCitizen, "no-such-id")).code()).isEqualTo("not_found");
        assertThat(refusal(() -> access().message(otherCitizen, "not an id")).code()).isEqualTo("not_found");
        assertThat(access().message(citizen, theirs).id()).isEqualTo(theirs);
    }

    @Test
    void givenAMessageAboveTheSessionsLevelThenStepUpNamingTheAcr() {
        Party citizenHoch = citizen;
        realm.parties.staff(staff, authority);
        Delivery.Sent sent = realm.send(person(staff, 1), authority, citizenHoch, "Bescheid", 3, false);
        String id = realm.received(sent).id();
        PostfachException e = refusal(() -> access().reachable(person(citizen, 1), citizen, id));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("step_up_required");
        assertThat(e.extra()).containsEntry("trustLevel", "hoch").containsKey("acr");
        assertThat(access().reachable(person(citizen, 3), citizen, id).id()).isEqualTo(id);
    }
}
