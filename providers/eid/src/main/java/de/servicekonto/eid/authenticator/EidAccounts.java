package de.servicekonto.eid.authenticator;

import de.servicekonto.activity.ActivityLog;
import de.servicekonto.eid.account.EidAttributes;
import de.servicekonto.eid.account.EidLinking;
import de.servicekonto.eid.account.SamePerson;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The accounts of a realm as eID sees them: found by pseudonym hash, created or changed from the chip's data. */
final class EidAccounts {

    /**
     * Realm attribute: days after the citizen changed the account's names, date of birth or e-mail address during
     * which no card is linked to it (default {@value #DEFAULT_WAIT_DAYS}; 0 switches the wait off).
     */
    static final String WAIT_DAYS_ATTRIBUTE = "sk.eid.cardLinkWaitDays";
    static final int DEFAULT_WAIT_DAYS = 30;
    private static final int MAX_WAIT_DAYS = 3650;
    /** What the activity log calls the changes that start the wait (Keycloak's profile-update event details). */
    static final Set<String> WATCHED_CHANGES = Set.of("first_name", "last_name", EidAttributes.BIRTHDATE, "email");

    private static final int LOCK_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final RealmModel realm;

    EidAccounts(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    Optional<UserModel> byPseudonym(String pseudonym) {
        List<UserModel> owners = session.users().searchForUserByUserAttributeStream(realm, EidAttributes.PSEUDONYM, pseudonym)
                .limit(2).collect(Collectors.toList());
        if (owners.size() > 1) {
            // Never pick one of several: that would be a silent merge.
            throw new IllegalStateException("pseudonym linked to more than one account in realm " + realm.getName());
        }
        return owners.stream().findFirst();
    }

    /**
     * @throws IllegalStateException if the card is linked to several accounts, or the realm keeps no activity log
     *                               and so cannot tell whether the account was changed lately (refused, not guessed)
     */
    EidLinking.Outcome decide(UserModel current, String pseudonym, Map<String, String> chip) {
        String ownerId = byPseudonym(pseudonym).map(UserModel::getId).orElse(null);
        String currentId = current == null ? null : current.getId();
        SamePerson.Verdict person = current == null ? SamePerson.Verdict.DIFFERENT : SamePerson.compare(identity(current), chip);
        boolean recentlyChanged = EidLinking.wouldLink(currentId, ownerId, person) && recentlyChanged(current);
        return EidLinking.decide(currentId, current == null ? null : current.getFirstAttribute(EidAttributes.PSEUDONYM),
                ownerId, person, recentlyChanged);
    }

    /** The waiting period of the realm after a change of identity or e-mail address ({@value #WAIT_DAYS_ATTRIBUTE}). */
    int waitDays() {
        String value = realm.getAttribute(WAIT_DAYS_ATTRIBUTE);
        try {
            int days = value == null || value.isBlank() ? DEFAULT_WAIT_DAYS : Integer.parseInt(value.strip());
            return days >= 0 && days <= MAX_WAIT_DAYS ? days : DEFAULT_WAIT_DAYS;
        } catch (NumberFormatException e) {
            return DEFAULT_WAIT_DAYS;
        }
    }

    private boolean recentlyChanged(UserModel user) {
        int days = waitDays();
        if (days == 0) {
            return false;
        }
        if (ActivityLog.enabled(realm) && ActivityLog.retentionDays(realm) < days) {
            // A change older than the log's retention is deleted with its entry: the wait would silently end early.
            throw new IllegalStateException("realm " + realm.getName() + " keeps its activity log "
                    + ActivityLog.retentionDays(realm) + " days, less than the card-link wait of " + days + " days ("
                    + WAIT_DAYS_ATTRIBUTE + "); raise sk.activity.retentionDays or lower the wait");
        }
        long since = Time.currentTimeMillis() - Duration.ofDays(days).toMillis();
        return ActivityLog.changedSince(session, realm, user, WATCHED_CHANGES, since).orElseThrow(() ->
                new IllegalStateException("realm " + realm.getName() + " keeps no activity log (event listener "
                        + "sk-activity), so a change of name, birth date or e-mail address before a card link cannot "
                        + "be seen; enable sk-activity, or set the realm attribute " + WAIT_DAYS_ATTRIBUTE + "=0"));
    }

    /**
     * Holds the card for a short while across the cluster, so two logins with one card cannot both create or link
     * (Keycloak has no unique constraint on attributes).
     */
    boolean lock(String pseudonym) {
        String key = "sk-eid.link." + realm.getId() + "." + pseudonym;
        if (!session.singleUseObjects().putIfAbsent(key, LOCK_SECONDS)) {
            return false;
        }
        // Held until this request's transaction has ended (committed or not); the lifespan covers a crash.
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                release(factory, key);
            }

            @Override
            protected void rollbackImpl() {
                release(factory, key);
            }
        });
        return true;
    }

    private static void release(KeycloakSessionFactory factory, String key) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.singleUseObjects().remove(key));
    }

    /** A new account from the chip's data, all of them verified, with the card linked. */
    UserModel create(String pseudonym, Map<String, String> chip) {
        byte[] id = new byte[10];
        RANDOM.nextBytes(id);
        UserModel user = session.users().addUser(realm, "eid-" + HexFormat.of().formatHex(id));
        user.setEnabled(true);
        user.setFirstName(chip.get(EidAttributes.FIRST_NAME));
        user.setLastName(chip.get(EidAttributes.LAST_NAME));
        user.setSingleAttribute(EidAttributes.BIRTHDATE, chip.get(EidAttributes.BIRTHDATE));
        return takeOver(user, pseudonym, chip, new LinkedHashSet<>(chip.keySet()));
    }

    /**
     * Links the card to an existing account of its person (Hochstufung or a new card). The account's identity
     * ({@link SamePerson#IDENTITY}) is never replaced: it is compared, and marked verified where the chip confirms
     * it as written. The chip's other data replace the account's (absent ones removed) and count as verified.
     *
     * @throws IllegalStateException if the chip does not name the account's person (checked before; checked again)
     */
    UserModel link(UserModel user, String pseudonym, Map<String, String> chip) {
        Map<String, String> identity = identity(user);
        if (SamePerson.compare(identity, chip) != SamePerson.Verdict.SAME) {
            throw new IllegalStateException("the card does not name the person of the account");
        }
        Set<String> verified = new LinkedHashSet<>(chip.keySet());
        verified.removeAll(SamePerson.IDENTITY);
        verified.addAll(SamePerson.confirmed(identity, chip));
        return takeOver(user, pseudonym, chip, verified);
    }

    /** Sets the chip's values except the identity, links the card and records what is verified. */
    private static UserModel takeOver(UserModel user, String pseudonym, Map<String, String> chip, Set<String> verified) {
        for (String name : EidAttributes.FROM_CHIP) {
            if (SamePerson.IDENTITY.contains(name)) {
                continue;
            }
            String value = chip.get(name);
            if (value == null) {
                user.removeAttribute(name);
            } else {
                user.setSingleAttribute(name, value);
            }
        }
        user.setSingleAttribute(EidAttributes.PSEUDONYM, pseudonym);
        user.setAttribute(EidAttributes.VERIFIED, new ArrayList<>(verified));
        user.setSingleAttribute(EidAttributes.VERIFIED_BY, EidAttributes.SOURCE_EID);
        user.setSingleAttribute(EidAttributes.VERIFIED_AT, Instant.now().toString());
        return user;
    }

    /** The account's identity as {@link SamePerson} compares it. */
    static Map<String, String> identity(UserModel user) {
        Map<String, String> values = new HashMap<>();
        put(values, EidAttributes.FIRST_NAME, user.getFirstName());
        put(values, EidAttributes.LAST_NAME, user.getLastName());
        put(values, EidAttributes.BIRTHDATE, user.getFirstAttribute(EidAttributes.BIRTHDATE));
        return values;
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
    }
}
