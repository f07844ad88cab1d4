package de.servicekonto.postfach;

import static de.servicekonto.postfach.TestPostfach.fachverfahren;
import static de.servicekonto.postfach.TestPostfach.person;
import static de.servicekonto.postfach.TestPostfach.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.postfach.spi.StoredMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sending and replying: docs/postfach.md "Model" (who writes to whom) and "Encryption at rest". */
class DeliveryTest {

    private final TestPostfach realm = new TestPostfach();
    private final Party citizen = realm.citizen("u1", "Erika Mustermann");
    private final Party otherCitizen = realm.citizen("u2", "Max Mustermann");
    private final Party authority = realm.authority("a1", "Bürgeramt");
    private final Party otherAuthority = realm.authority("a2", "Finanzamt");
    private final Party organisation = realm.organisation("o1", "Bäckerei GmbH");

    private Delivery.Sent send(Caller caller, Party from, Delivery.Draft draft) {
        return realm.postfach().delivery().send(caller, from, draft);
    }

    private static Delivery.Draft draft(Party to, String subject, String body) {
        return new Delivery.Draft(to, subject, body, List.of(), 1, false, null);
    }

    @Test
    void givenACitizensMessageThenTwoCopiesEachInItsOwnersMailbox() {
        Delivery.Sent sent = realm.send(person(citizen, 1), citizen, authority, "Antrag auf Wohngeld");
        StoredMessage out = sent.senderCopy();
        StoredMessage in = realm.received(sent);
        assertThat(out.folder()).isEqualTo(Folders.SENT);
        assertThat(out.direction()).isEqualTo(StoredMessage.OUT);
        assertThat(out.read()).as("the sender's copy is read").isTrue();
        assertThat(in.folder()).isEqualTo(Folders.INBOX);
        assertThat(in.incoming()).isTrue();
        assertThat(in.read()).isFalse();
        assertThat(in.messageRef()).isEqualTo(out.messageRef());
        assertThat(in.threadId()).isEqualTo(out.threadId()).isEqualTo(out.messageRef());
        assertThat(in.mailboxId()).isNotEqualTo(out.mailboxId());
        assertThat(in.senderKind()).isEqualTo("USER");
        assertThat(in.recipientKind()).isEqualTo("AUTHORITY");
        assertThat(sent.recipientName()).isEqualTo("Bürgeramt");
    }

    @Test
    void givenAMessageThenNothingOfItsContentIsStoredInPlainText() {
        Delivery.Sent sent = realm.send(person(citizen, 1), citizen, authority, "Antrag auf Wohngeld");
        for (StoredMessage copy : List.of(sent.senderCopy(), realm.received(sent))) {
            assertThat(copy.subjectEnc()).doesNotContain("Wohngeld");
            assertThat(copy.senderNameEnc()).doesNotContain("Erika");
            assertThat(copy.bodyEnc()).doesNotContain("Text");
            assertThat(copy.contentFormat()).isEqualTo(MessageContentAad.CURRENT);
        }
        assertThat(sent.senderCopy().subjectEnc()).isNotEqualTo(realm.received(sent).subjectEnc());
    }

    @Test
    void givenAMessageThenTheRecipientReadsWhatWasSentUnderTheSendersName() {
        Party staff = realm.citizen("s1", "Sachbearbeiterin");
        realm.parties.staff(staff, authority);
        Delivery.Sent sent = send(person(citizen, 1), citizen, draft(authority, "Antrag", "Sehr geehrte Damen und Herren"));
        Map<String, Object> opened = realm.postfach().reading().open(person(staff, 1), authority, realm.received(sent).id());
        assertThat(opened).containsEntry("subject", "Antrag").containsEntry("body", "Sehr geehrte Damen und Herren")
                .containsEntry("senderName", "Erika Mustermann").containsEntry("locked", false);
    }

    @Test
    void givenTheAnswerToASendThenTheSendersCopyAsListedWithRecipientNameAndReference() {
        Delivery.Sent sent = realm.send(person(citizen, 1), citizen, authority, "Antrag");
        Map<String, Object> view = realm.postfach().view(person(citizen, 1), sent);
        assertThat(view).containsEntry("id", sent.senderCopy().id()).containsEntry("folder", "sent")
                .containsEntry("direction", "out").containsEntry("subject", "Antrag").containsEntry("read", true)
                .containsEntry("recipientName", "Bürgeramt").containsEntry("messageRef", sent.messageRef());
    }

    @Test
    void givenHtmlThenItIsReducedToText() {
        Delivery.Sent sent = send(person(citizen, 1), citizen, draft(authority, "<b>Antrag</b>", "<p>Zeile 1</p><p>Zeile 2</p><script>x()</script>"));
        Map<String, Object> view = realm.postfach().view(person(citizen, 1), sent);
        assertThat(view).containsEntry("subject", "Antrag");
    }

    @Test
    void givenTwoPartiesOfTheSameSideThenRefused() {
        assertThat(refusal(() -> realm.send(person(citizen, 1), citizen, otherCitizen, "Hallo")).code())
                .isEqualTo("recipient_not_allowed");
        assertThat(refusal(() -> realm.send(person(citizen, 1), citizen, organisation, "Hallo")).code())
                .isEqualTo("recipient_not_allowed");
        assertThat(refusal(() -> realm.send(fachverfahren(authority), authority, authority, "An mich")).code())
                .isEqualTo("recipient_not_allowed");
    }

    @Test
    void givenTwoAuthoritiesThenAMessageGoesBothWaysButNoNotice() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, otherAuthority, "Amtshilfe");
        StoredMessage in = realm.received(sent);
        assertThat(in.senderKind()).isEqualTo("AUTHORITY");
        assertThat(in.recipientKind()).isEqualTo("AUTHORITY");
        assertThat(in.recipientId()).isEqualTo(otherAuthority.id());
        assertThat(sent.recipientName()).isEqualTo("Finanzamt");
        Delivery.Sent answer = realm.postfach().delivery().send(fachverfahren(otherAuthority), otherAuthority,
                new Delivery.Draft(null, "Stellungnahme", "anbei", List.of(), 1, false, in.id()));
        assertThat(realm.received(answer).mailboxId()).isEqualTo(sent.senderCopy().mailboxId());
        assertThat(refusal(() -> realm.send(fachverfahren(authority), authority, otherAuthority, "Bescheid", 1, true)).code())
                .isEqualTo("notice_not_allowed");
    }

    @Test
    void givenANoticeFromACitizenThenRefused() {
        PostfachException e = refusal(() -> realm.send(person(citizen, 1), citizen, authority, "Bescheid", 1, true));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("notice_not_allowed");
    }

    @Test
    void givenAnInactiveRecipientThenRecipientInactiveAndAnInactiveSenderAuthorityInactive() {
        realm.parties.suspend(otherAuthority);
        assertThat(refusal(() -> realm.send(person(citizen, 1), citizen, otherAuthority, "Antrag")).code())
                .isEqualTo("recipient_inactive");
        assertThat(refusal(() -> realm.send(fachverfahren(otherAuthority), otherAuthority, citizen, "Bescheid")).code())
                .isEqualTo("authority_inactive");
        realm.parties.enabledOrganisations.remove("o1");
        assertThat(refusal(() -> realm.send(fachverfahren(authority), authority, organisation, "Bescheid")).code())
                .isEqualTo("recipient_inactive");
        assertThat(refusal(() -> realm.send(person(citizen, 1), organisation, authority, "Antrag")).code())
                .isEqualTo("organisation_inactive");
    }

    @Test
    void givenUnknownRecipientsThenUnknownRecipient() {
        assertThat(refusal(() -> realm.send(person(citizen, 1), citizen, new Party(Party.Kind.AUTHORITY, "x1"), "A")).code())
                .isEqualTo("unknown_recipient");
        assertThat(refusal(() -> realm.send(fachverfahren(authority), authority, new Party(Party.Kind.USER, "x2"), "B")).code())
                .isEqualTo("unknown_recipient");
        assertThat(refusal(() -> realm.send(fachverfahren(authority), authority, new Party(Party.Kind.ORGANISATION, "x3"), "C")).code())
                .isEqualTo("unknown_recipient");
    }

    @Test
    void givenADisabledOrServiceAccountThenNoRecipient() {
        realm.parties.accounts.put("u3", new Account("u3", "Gesperrt", false, false, true, true));
        realm.parties.accounts.put("u4", new Account("u4", "service-account-x", true, true, false, true));
        assertThat(refusal(() -> realm.send(fachverfahren(authority), authority, new Party(Party.Kind.USER, "u3"), "B")).code())
                .isEqualTo("unknown_recipient");
        assertThat(refusal(() -> realm.send(fachverfahren(authority), authority, new Party(Party.Kind.USER, "u4"), "B")).code())
                .isEqualTo("unknown_recipient");
    }

    @Test
    void givenAnInvalidSubjectOrBodyThenInvalidRequest() {
        assertThat(refusal(() -> send(person(citizen, 1), citizen, draft(authority, " ", "x"))).code()).isEqualTo("invalid_request");
        assertThat(refusal(() -> send(person(citizen, 1), citizen, draft(authority, null, "x"))).code()).isEqualTo("invalid_request");
        assertThat(refusal(() -> send(person(citizen, 1), citizen, draft(authority, "x".repeat(PostfachSettings.MAX_SUBJECT + 1), "x"))).code())
                .isEqualTo("invalid_request");
        assertThat(refusal(() -> send(person(citizen, 1), citizen, draft(authority, "Antrag", "x".repeat(PostfachSettings.MAX_BODY + 1)))).code())
                .isEqualTo("invalid_request");
        assertThat(refusal(() -> send(person(citizen, 1), citizen, draft(authority, "Antrag", null))).code()).isEqualTo("invalid_request");
    }

    @Test
    void givenInvisibleCharactersInTheSubjectThenRefusedAlsoAsAnEntity() {
        assertThat(refusal(() -> send(person(citizen, 1), citizen, draft(authority, "Antrag\u202Efdp.exe", "x"))).code())
                .isEqualTo("invisible_characters");
        assertThat(refusal(() -> send(person(citizen, 1), citizen, draft(authority, "<i>Antrag</i>&#x202E;", "x"))).code())
                .isEqualTo("invisible_characters");
    }

    @Test
    void givenARefusedSendThenNoMailboxAndNoDataKeyAreLeftBehind() {
        refusal(() -> realm.send(person(citizen, 1), citizen, otherCitizen, "Hallo"));
        refusal(() -> send(person(citizen, 1), citizen, new Delivery.Draft(authority, "Antrag", "x", List.of("x9"), 1, false, null)));
        assertThat(realm.store.mailboxes).isEmpty();
        assertThat(realm.store.keys).isEmpty();
        assertThat(realm.store.messages).isEmpty();
    }

    @Test
    void givenARealmWithoutKeyRingThen503AndNothingWritten() {
        realm.keyRingConfigured = false;
        PostfachException e = refusal(() -> realm.send(person(citizen, 1), citizen, authority, "Antrag"));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("temporarily_unavailable");
        assertThat(realm.store.mailboxes).isEmpty();
    }

    @Test
    void givenTooManyOrUnknownAttachmentsThenRefused() {
        realm.settings = new PostfachSettings(1000, 1, PostfachSettings.DEFAULT_UNDO, NoticeRule.DEFAULT, 1000);
        assertThat(refusal(() -> send(person(citizen, 1), citizen, new Delivery.Draft(authority, "A", "x", List.of("x1", "x2"), 1, false, null))).code())
                .isEqualTo("too_many_attachments");
        assertThat(refusal(() -> send(person(citizen, 1), citizen, new Delivery.Draft(authority, "A", "x", List.of("../x"), 1, false, null))).code())
                .isEqualTo("unknown_attachment");
    }

    @Test
    void givenAReplyThenItGoesToTheOtherSideInTheSameThread() {
        Delivery.Sent question = realm.send(fachverfahren(authority), authority, citizen, "Rückfrage");
        Delivery.Sent answer = realm.reply(person(citizen, 1), citizen, realm.received(question).id(), "Antwort", 1);
        assertThat(answer.to()).isEqualTo(authority);
        assertThat(answer.senderCopy().threadId()).isEqualTo(question.senderCopy().threadId());
        assertThat(answer.messageRef()).isNotEqualTo(question.messageRef());
        // Answering one's own sent copy goes to its recipient again.
        Delivery.Sent again = realm.reply(fachverfahren(authority), authority, question.senderCopy().id(), "Nachtrag", 1);
        assertThat(again.to()).isEqualTo(citizen);
    }

    @Test
    void givenAReplyThenAtLeastAsProtectedAsTheMessageItAnswers() {
        Delivery.Sent question = realm.send(fachverfahren(authority), authority, citizen, "Steuerbescheid", 2, false);
        Delivery.Sent answer = realm.reply(person(citizen, 2), citizen, realm.received(question).id(), "Einspruch", 1);
        assertThat(answer.senderCopy().minLoa()).isEqualTo(2);
        assertThat(realm.received(answer).minLoa()).isEqualTo(2);
        Delivery.Sent higher = realm.reply(person(citizen, 3), citizen, realm.received(question).id(), "Nachtrag", 3);
        assertThat(higher.senderCopy().minLoa()).isEqualTo(3);
    }

    @Test
    void givenAReplyToAMessageAboveTheSessionsLevelThenStepUpAndNothingSent() {
        Delivery.Sent question = realm.send(fachverfahren(authority), authority, citizen, "Steuerbescheid", 3, false);
        int before = realm.store.messages.size();
        PostfachException e = refusal(() -> realm.reply(person(citizen, 1), citizen, realm.received(question).id(), "Einspruch", 1));
        assertThat(e.code()).isEqualTo("step_up_required");
        assertThat(realm.store.messages).hasSize(before);
    }

    @Test
    void givenNoRecipientAndNoReplyThenInvalidRequest() {
        assertThat(refusal(() -> send(person(citizen, 1), citizen, draft(null, "Antrag", "x"))).code()).isEqualTo("invalid_request");
    }

    @Test
    void givenDeliveriesThenAnEmailFollowsExactlyWhereTheOutboxSaysSo() {
        Delivery.Sent toCitizen = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        assertThat(toCitizen.emailFollows()).isTrue();
        assertThat(realm.store.pendingMail(TestPostfach.REALM, toCitizen.messageRef())).isPresent();

        realm.parties.accounts.put("u2", new Account("u2", "Max Mustermann", true, false, true, false));
        Delivery.Sent optedOut = realm.send(fachverfahren(authority), authority, otherCitizen, "Nachricht");
        assertThat(optedOut.emailFollows()).isFalse();
        assertThat(realm.store.pendingMail(TestPostfach.REALM, optedOut.messageRef())).isEmpty();
        Delivery.Sent notice = realm.send(fachverfahren(authority), authority, otherCitizen, "Bescheid", 1, true);
        assertThat(notice.emailFollows()).as("a notice is always mailed").isTrue();
        assertThat(realm.store.pendingMail(TestPostfach.REALM, notice.messageRef()).orElseThrow().notice()).isTrue();

        assertThat(realm.send(fachverfahren(authority), authority, organisation, "Nachricht").emailFollows()).isTrue();
        assertThat(realm.send(person(citizen, 1), citizen, authority, "Antrag").emailFollows()).isFalse();
    }

    @Test
    void givenAPendingMailThenItsFirstAttemptIsAfterTheCommitAndTheRowOnlyForTheRetryTask() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        assertThat(realm.store.pendingMail(TestPostfach.REALM, sent.messageRef()).orElseThrow().nextAt())
                .isEqualTo(realm.now + MailRetry.UNREPORTED_ATTEMPT.toMillis());
    }

    @Test
    void givenAnOrganisationThenItWritesToAuthoritiesAndReceivesNotices() {
        Party admin = realm.citizen("s2", "Geschäftsführer");
        realm.parties.staff(admin, organisation);
        Delivery.Sent sent = realm.send(person(admin, 1), organisation, authority, "Gewerbeanmeldung");
        assertThat(sent.senderCopy().senderKind()).isEqualTo("ORGANISATION");
        assertThat(realm.received(sent).senderNameEnc()).isNotNull();
        Delivery.Sent notice = realm.send(fachverfahren(authority), authority, organisation, "Gewerbebescheid", 1, true);
        assertThat(realm.received(notice).notice()).isTrue();
    }
}
