package de.servicekonto.postfach;

import java.time.Duration;

/**
 * How long the Postfach keeps what: a removed account's or organisation's mailbox is crypto-shredded, trashed
 * messages go after the undo period, uploads never sent after a day, and data keys move to the current key after a
 * rotation of the realm's key ring.
 */
public final class Retention {

    /** Uploads never named in a sent message are removed after this. */
    static final Duration STAGED_LIFETIME = Duration.ofDays(1);
    /** Rows removed per kind and run: a large backlog goes over several runs, each transaction stays small. */
    static final int PURGE_BATCH = 1000;

    private final PostfachContext context;

    Retention(PostfachContext context) {
        this.context = context;
    }

    /**
     * Crypto-shredding of a removed account: its data key is destroyed (so its copies are unreadable wherever they
     * are left, including backups once they expire), then its mailbox rows are deleted. Notice evidence, which holds
     * no content, stays for the authority.
     */
    public void removeAccount(String userId) {
        shred(new Party(Party.Kind.USER, userId));
    }

    /**
     * Crypto-shredding of a removed organisation, as for an account. Called for every removed Keycloak organization:
     * an authority's id has no organisation mailbox and no {@code o:} key, so nothing happens for it.
     */
    public void removeOrganisation(String orgId) {
        if (Party.isId(orgId)) {
            shred(new Party(Party.Kind.ORGANISATION, orgId));
        }
    }

    private void shred(Party owner) {
        context.crypto().destroy(owner);
        context.mailbox(owner).ifPresent(m -> context.store().deleteMailbox(context.realmId(), m));
    }

    /** After a key rotation: rewraps up to {@code limit} data keys; returns how many. */
    public int rewrapDataKeys(int limit) {
        return context.crypto().rewrap(limit);
    }

    /** Removes trashed messages past the undo period and stale uploads; returns how many rows went. */
    public int purge(long now) {
        return context.store().purgeDeleted(context.realmId(), now - context.settings().undoPeriod().toMillis(), PURGE_BATCH)
                + context.store().removeStaleStaged(context.realmId(), now - STAGED_LIFETIME.toMillis(), PURGE_BATCH);
    }
}
