package de.servicekonto.postfach;

import static de.servicekonto.postfach.TestPostfach.fachverfahren;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.postfach.spi.PendingMail;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which delivery is followed by an e-mail, and what becomes of an e-mail the mail server does not accept. */
class OutboxTest {

    private final TestPostfach realm = new TestPostfach();
    private final Party citizen = realm.citizen("u1", "Erika Mustermann");
    private final Party authority = realm.authority("a1", "Bürgeramt");
    private final Party organisation = realm.organisation("o1", "Bäckerei GmbH");

    private Outbox outbox() {
        return realm.postfach().outbox();
    }

    @Test
    void givenTheRecipientThenWhetherAnEmailFollows() {
        assertThat(outbox().emailFollows(citizen, false)).isTrue();
        assertThat(outbox().emailFollows(citizen, true)).isTrue();
        assertThat(outbox().emailFollows(organisation, false)).as("each administrator is checked when mailed").isTrue();
        assertThat(outbox().emailFollows(authority, false)).isFalse();
        assertThat(outbox().emailFollows(authority, true)).isFalse();
        assertThat(outbox().emailFollows(new Party(Party.Kind.USER, "gone"), false)).isFalse();
        assertThat(outbox().emailFollows(new Party(Party.Kind.USER, "gone"), true)).as("tried until an address exists").isTrue();
    }

    @Test
    void givenAnAccountThenMailedOnlyAtAVerifiedAddressAndOrdinaryMessagesOnlyIfWanted() {
        assertThat(new Account("u", "n", true, false, true, true).mayMail(false)).isTrue();
        assertThat(new Account("u", "n", true, false, true, false).mayMail(false)).isFalse();
        assertThat(new Account("u", "n", true, false, true, false).mayMail(true)).isTrue();
        assertThat(new Account("u", "n", true, false, false, true).mayMail(true)).isFalse();
        assertThat(new Account("u", "n", false, false, true, true).mayMail(true)).isFalse();
        assertThat(new Account("u", "n", true, true, true, true).mayMail(true)).isFalse();
    }

    @Test
    void givenAFailedAttemptThenTriedAgainLaterUntilTheAttemptsAreUsedUp() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        MailRetry retry = new MailRetry(Duration.ofMinutes(1), 3);
        outbox().failed(sent.messageRef(), retry);
        PendingMail once = realm.store.pendingMail(TestPostfach.REALM, sent.messageRef()).orElseThrow();
        assertThat(once.attempts()).isEqualTo(1);
        assertThat(once.nextAt()).isEqualTo(retry.next(1, realm.now).getAsLong());
        outbox().failed(sent.messageRef(), retry);
        assertThat(realm.store.pendingMail(TestPostfach.REALM, sent.messageRef()).orElseThrow().attempts()).isEqualTo(2);
        outbox().failed(sent.messageRef(), retry);
        assertThat(realm.store.pendingMail(TestPostfach.REALM, sent.messageRef())).as("no further attempt").isEmpty();
    }

    @Test
    void givenDoneThenTheRowGoes() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        outbox().done(sent.messageRef());
        assertThat(realm.store.pendingMails).isEmpty();
        outbox().done(sent.messageRef()); // twice: nothing to do
        outbox().failed(sent.messageRef(), MailRetry.defaults()); // after done: nothing to do
        assertThat(realm.store.pendingMails).isEmpty();
    }

    @Test
    void givenPendingMailsThenDueOnesOldestFirstAfterTheUnreportedAttemptWindow() {
        Delivery.Sent first = realm.send(fachverfahren(authority), authority, citizen, "Eins");
        realm.advance(Duration.ofSeconds(1));
        Delivery.Sent second = realm.send(fachverfahren(authority), authority, citizen, "Zwei", 1, true);
        assertThat(outbox().due(10)).isEmpty();
        realm.advance(MailRetry.UNREPORTED_ATTEMPT);
        assertThat(outbox().due(10)).extracting(PendingMail::messageRef).containsExactly(first.messageRef(), second.messageRef());
        assertThat(outbox().due(1)).hasSize(1);
        assertThat(outbox().due(10).get(1).notice()).isTrue();
    }
}
