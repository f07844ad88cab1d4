package de.servicekonto.postfach;

import static de.servicekonto.postfach.TestPostfach.fachverfahren;
import static de.servicekonto.postfach.TestPostfach.person;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.crypto.KekRing;
import de.servicekonto.crypto.KeyOwner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Crypto-shredding, purge of the trash and of stale uploads, rewrap after a key rotation. */
class RetentionTest {

    private final TestPostfach realm = new TestPostfach();
    private final Party citizen = realm.citizen("u1", "Erika Mustermann");
    private final Party authority = realm.authority("a1", "Bürgeramt");
    private final Party organisation = realm.organisation("o1", "Bäckerei GmbH");
    private final Party staff = realm.citizen("s1", "Sachbearbeiterin");

    {
        realm.parties.staff(staff, authority);
    }

    @Test
    void givenARemovedAccountThenItsKeyAndMailboxGoAndTheAuthorityStillReadsItsCopy() {
        Delivery.Sent fromCitizen = realm.send(person(citizen, 1), citizen, authority, "Antrag");
        Delivery.Sent notice = realm.send(fachverfahren(authority), authority, citizen, "Bescheid", 1, true);
        realm.postfach().retention().removeAccount("u1");

        assertThat(realm.store.keys).doesNotContainKey(new KeyOwner(TestPostfach.REALM, "u:u1"));
        assertThat(realm.store.mailbox(TestPostfach.REALM, "USER", "u1")).isEmpty();
        assertThat(realm.store.messages.values()).noneMatch(m -> m.mailboxId().equals(fromCitizen.senderCopy().mailboxId()));
        assertThat(realm.store.pendingMail(TestPostfach.REALM, notice.messageRef())).as("nobody left to mail").isEmpty();
        Map<String, Object> kept = realm.postfach().reading().open(person(staff, 1), authority, realm.received(fromCitizen).id());
        assertThat(kept).containsEntry("subject", "Antrag").containsEntry("senderName", "Erika Mustermann");
        // Notice evidence holds no content and stays for the authority.
        assertThat(realm.postfach().notices().evidence(person(staff, 1), authority, notice.senderCopy().id()))
                .containsEntry("messageRef", notice.messageRef());
    }

    @Test
    void givenARemovedOrganisationThenItsPostfachIsShreddedLikeAnAccounts() {
        realm.send(fachverfahren(authority), authority, organisation, "Bescheid");
        realm.postfach().retention().removeOrganisation("o1");
        assertThat(realm.store.mailbox(TestPostfach.REALM, "ORGANISATION", "o1")).isEmpty();
        assertThat(realm.store.keys).doesNotContainKey(new KeyOwner(TestPostfach.REALM, "o:o1"));
    }

    @Test
    void givenARemovedOrganisationWithAnAuthoritysIdThenTheAuthoritysPostfachStays() {
        realm.send(person(citizen, 1), citizen, authority, "Antrag");
        realm.postfach().retention().removeOrganisation("a1");
        realm.postfach().retention().removeOrganisation("not an id");
        assertThat(realm.store.mailbox(TestPostfach.REALM, "AUTHORITY", "a1")).isPresent();
        assertThat(realm.store.keys).containsKey(new KeyOwner(TestPostfach.REALM, "a:a1"));
    }

    @Test
    void givenARealmWithoutKeyRingThenShreddingStillWorks() {
        realm.send(person(citizen, 1), citizen, authority, "Antrag");
        realm.keyRingConfigured = false;
        realm.postfach().retention().removeAccount("u1");
        assertThat(realm.store.mailbox(TestPostfach.REALM, "USER", "u1")).isEmpty();
    }

    @Test
    void givenTrashPastTheUndoPeriodThenPurgedWithItsAttachmentsAndYoungerTrashStays() throws IOException {
        Party me = citizen;
        Map<String, Object> upload = realm.postfach().attachments().stage(me, "a.pdf", "application/pdf", -1,
                new ByteArrayInputStream("%PDF-1.7 x".getBytes()));
        Delivery.Sent old = realm.postfach().delivery().send(person(me, 1), me, new Delivery.Draft(authority, "Alt", "x",
                java.util.List.of((String) upload.get("id")), 1, false, null));
        realm.postfach().actions().delete(person(me, 1), me, old.senderCopy().id());
        realm.advance(Duration.ofDays(20));
        Delivery.Sent young = realm.send(person(me, 1), me, authority, "Neu");
        realm.postfach().actions().delete(person(me, 1), me, young.senderCopy().id());
        realm.advance(Duration.ofDays(11));

        assertThat(realm.postfach().retention().purge(realm.now)).isEqualTo(1);
        assertThat(realm.store.messages).doesNotContainKey(old.senderCopy().id()).containsKey(young.senderCopy().id());
        assertThat(realm.store.attachments.values()).noneMatch(a -> old.senderCopy().id().equals(a.messageId()));
        assertThat(realm.store.attachments.values()).as("the authority's copy of the attachment").hasSize(1);
    }

    @Test
    void givenUploadsNeverSentThenRemovedAfterADay() throws IOException {
        realm.postfach().attachments().stage(citizen, "a.pdf", "application/pdf", -1, new ByteArrayInputStream("%PDF-1 a".getBytes()));
        realm.advance(Duration.ofHours(23));
        assertThat(realm.postfach().retention().purge(realm.now)).isZero();
        realm.advance(Duration.ofHours(2));
        assertThat(realm.postfach().retention().purge(realm.now)).isEqualTo(1);
        assertThat(realm.store.attachments).isEmpty();
    }

    @Test
    void givenAKeyRotationThenDataKeysAreRewrappedAndContentStaysReadable() {
        Delivery.Sent sent = realm.send(person(citizen, 1), citizen, authority, "Antrag");
        byte[] newKey = new byte[KekRing.KEY_BYTES];
        new SecureRandom().nextBytes(newKey);
        String oldEntry = "k1:" + Base64.getEncoder().encodeToString(keyBytesOf(realm));
        KekRing rotated = KekRing.parse("k2:" + Base64.getEncoder().encodeToString(newKey) + "," + oldEntry);
        assertThat(realm.postfach(rotated).retention().rewrapDataKeys(100)).isEqualTo(2);
        assertThat(realm.store.keys.values()).allSatisfy(k -> assertThat(k.kid()).isEqualTo("k2"));
        assertThat(realm.postfach(rotated).retention().rewrapDataKeys(100)).isZero();
        // Only the new key from here on.
        KekRing onlyNew = KekRing.of("k2", newKey);
        assertThat(realm.postfach(onlyNew).reading().open(person(citizen, 1), citizen, sent.senderCopy().id()))
                .containsEntry("subject", "Antrag");
    }

    @Test
    void givenARealmWithoutPostfachDataThenRewrapDoesNotAskForTheKeyRing() {
        realm.keyRingConfigured = false;
        assertThat(realm.postfach().retention().rewrapDataKeys(100)).isZero();
    }

    private static byte[] keyBytesOf(TestPostfach realm) {
        return realm.kekBytes;
    }
}
