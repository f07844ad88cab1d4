package de.servicekonto.postfach;

import de.servicekonto.crypto.KekRing;
import de.servicekonto.postfach.spi.AuthorityRef;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A realm's Postfach on the in-memory store, with a table of parties and a clock the test moves: what the unit tests
 * of the Postfach rules run on, without Keycloak.
 */
final class TestPostfach {

    static final String REALM = "realm-1";
    static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    final InMemoryPostfachStore store = new InMemoryPostfachStore();
    final Table parties = new Table();
    final KekRing ring;
    final byte[] kekBytes = new byte[KekRing.KEY_BYTES];
    long now = START;
    PostfachSettings settings = PostfachSettings.defaults();
    boolean keyRingConfigured = true;

    TestPostfach() {
        new SecureRandom().nextBytes(kekBytes);
        ring = KekRing.of("k1", kekBytes);
    }

    /** A new Postfach for one request (as the server builds one per request), on the same store and clock. */
    Postfach postfach() {
        return postfach(ring);
    }

    Postfach postfach(KekRing kek) {
        MailboxCrypto crypto = new MailboxCrypto(REALM, "test", store.dataKeyStore(), () -> {
            if (!keyRingConfigured) {
                throw new IllegalStateException("no key ring");
            }
            return kek;
        });
        return new Postfach(new PostfachContext(REALM, "test", settings, store, parties, crypto, () -> now));
    }

    /** An authority, active. */
    Party authority(String id, String name) {
        parties.authorities.put(id, new AuthorityRef(id, name, true));
        return new Party(Party.Kind.AUTHORITY, id);
    }

    /** An enabled organisation. */
    Party organisation(String id, String name) {
        parties.organisations.put(id, name);
        parties.enabledOrganisations.add(id);
        return new Party(Party.Kind.ORGANISATION, id);
    }

    /** A person with a verified address who did not turn e-mails off. */
    Party citizen(String id, String name) {
        parties.accounts.put(id, new Account(id, name, true, false, true, true));
        return new Party(Party.Kind.USER, id);
    }

    static Caller person(String userId, int loa) {
        return new Caller(userId, null, loa, Set.of(Caller.READ, Caller.SEND));
    }

    static Caller person(Party account, int loa) {
        return person(account.id(), loa);
    }

    static Caller fachverfahren(Party authority) {
        return new Caller("service-" + authority.id(), authority.id(), 0, Set.of(Caller.READ, Caller.SEND));
    }

    /** Sends as {@code caller} from {@code from}; the subject names the message, the body is "Text". */
    Delivery.Sent send(Caller caller, Party from, Party to, String subject) {
        return send(caller, from, to, subject, 1, false);
    }

    Delivery.Sent send(Caller caller, Party from, Party to, String subject, int minLoa, boolean notice) {
        return postfach().delivery().send(caller, from,
                new Delivery.Draft(to, subject, "Text", java.util.List.of(), minLoa, notice, null));
    }

    Delivery.Sent reply(Caller caller, Party from, String inReplyTo, String subject, int minLoa) {
        return postfach().delivery().send(caller, from,
                new Delivery.Draft(null, subject, "Antwort", java.util.List.of(), minLoa, false, inReplyTo));
    }

    /** The recipient's copy of a sent message. */
    de.servicekonto.postfach.spi.StoredMessage received(Delivery.Sent sent) {
        return store.messages.values().stream()
                .filter(m -> m.messageRef().equals(sent.messageRef()) && m.incoming()).findFirst().orElseThrow();
    }

    static PostfachException refusal(Runnable action) {
        try {
            action.run();
        } catch (PostfachException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    void advance(java.time.Duration duration) {
        now += duration.toMillis();
    }

    /** Who is what in the realm. */
    static final class Table implements Parties {

        final Map<String, AuthorityRef> authorities = new HashMap<>();
        final Map<String, String> organisations = new HashMap<>();
        final Set<String> enabledOrganisations = new HashSet<>();
        final Map<String, Account> accounts = new HashMap<>();
        /** "userId:orgOrAuthorityId" */
        final Set<String> staff = new HashSet<>();

        void staff(Party person, Party of) {
            staff.add(person.id() + ":" + of.id());
        }

        void suspend(Party authority) {
            AuthorityRef ref = authorities.get(authority.id());
            authorities.put(authority.id(), new AuthorityRef(ref.id(), ref.displayName(), false));
        }

        @Override
        public Optional<AuthorityRef> authority(String authorityId) {
            return Optional.ofNullable(authorities.get(authorityId));
        }

        @Override
        public boolean mayActForAuthority(String userId, String authorityId) {
            return authorities.containsKey(authorityId) && staff.contains(userId + ":" + authorityId);
        }

        @Override
        public Optional<String> organisationName(String orgId) {
            return enabledOrganisations.contains(orgId) ? Optional.ofNullable(organisations.get(orgId)) : Optional.empty();
        }

        @Override
        public boolean isOrganisation(String orgId) {
            return organisations.containsKey(orgId);
        }

        @Override
        public boolean mayActForOrganisation(String userId, String orgId) {
            return organisations.containsKey(orgId) && staff.contains(userId + ":" + orgId);
        }

        @Override
        public Optional<Account> account(String userId) {
            return Optional.ofNullable(accounts.get(userId));
        }
    }
}
