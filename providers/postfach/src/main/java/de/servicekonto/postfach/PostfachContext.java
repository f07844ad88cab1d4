package de.servicekonto.postfach;

import de.servicekonto.postfach.spi.Mailbox;
import de.servicekonto.postfach.spi.PostfachStore;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What every Postfach collaborator of one realm works with: the realm, its settings, the store, the parties, the
 * encryption and a clock (milliseconds; unit tests move it).
 */
public record PostfachContext(String realmId, String realmName, PostfachSettings settings, PostfachStore store,
                              Parties parties, MailboxCrypto crypto, LongSupplier clock) {

    long now() {
        return clock.getAsLong();
    }

    Optional<Mailbox> mailbox(Party owner) {
        return store.mailbox(realmId, owner.kind().name(), owner.id());
    }

    Mailbox mailboxOrCreate(Party owner) {
        return store.mailboxOrCreate(realmId, owner.kind().name(), owner.id());
    }
}
