package de.servicekonto.postfach;

import de.servicekonto.postfach.spi.AuthorityRef;
import de.servicekonto.postfach.spi.Mailbox;
import de.servicekonto.postfach.spi.StoredMessage;

/**
 * Who may use which mailbox, and which of its messages a caller reaches. Every refusal here comes before any message
 * is looked at or anything changes, and says as little as possible about mailboxes the caller may not use.
 */
public final class MailboxAccess {

    private final PostfachContext context;

    MailboxAccess(PostfachContext context) {
        this.context = context;
    }

    /**
     * The mailbox {@code box} of the API names: {@code me} (the caller's account), an organisation account's id, or
     * else an authority's id. {@link #authorize} decides next, with one answer for every id the caller may not use.
     */
    public Party mailbox(Caller caller, String box) {
        if ("me".equals(box)) {
            if (caller.isServiceAccount()) {
                throw new PostfachException(403, "forbidden", "a Fachverfahren client has no personal mailbox");
            }
            return new Party(Party.Kind.USER, caller.userId());
        }
        if (!Party.isId(box)) {
            throw new PostfachException(404, "not_found", "no such mailbox");
        }
        return new Party(context.parties().isOrganisation(box) ? Party.Kind.ORGANISATION : Party.Kind.AUTHORITY, box);
    }

    /**
     * The mailbox the caller may use as {@code owner}: their own account, an authority they are staff of (or
     * whose Fachverfahren client they are), or an organisation of which they are a member with its administrator
     * role. Anything else is refused before any message is looked at.
     */
    public Party authorize(Caller caller, Party owner) {
        Parties parties = context.parties();
        if (owner.kind() == Party.Kind.USER) {
            if (caller.isServiceAccount() || !caller.userId().equals(owner.id())) {
                throw new PostfachException(403, "forbidden", "this is not your mailbox");
            }
            return owner;
        }
        boolean allowed;
        if (owner.kind() == Party.Kind.ORGANISATION) {
            // Only people act for an organisation: its members holding its administrator role.
            allowed = !caller.isServiceAccount() && parties.mayActForOrganisation(caller.userId(), owner.id());
        } else {
            allowed = caller.isServiceAccount() ? owner.id().equals(caller.serviceAuthorityId())
                    : parties.mayActForAuthority(caller.userId(), owner.id());
        }
        if (!allowed) {
            // The same answer for an authority, an organisation, another realm's id and an unknown id.
            throw new PostfachException(403, "forbidden", "you may not use this mailbox");
        }
        if (owner.kind() == Party.Kind.AUTHORITY && !parties.authority(owner.id()).map(AuthorityRef::isActive).orElse(false)) {
            // A suspended (or not yet activated) authority does nothing in the Postfach: neither its staff nor its
            // Fachverfahren read, send, fetch receipts or change state. Its rows stay as they are (docs/postfach.md).
            // Asked only of those who may act for it, so others still learn nothing about the authority.
            throw new PostfachException(403, "authority_not_active", "this authority is not active");
        }
        if (owner.kind() == Party.Kind.ORGANISATION && parties.organisationName(owner.id()).isEmpty()) {
            // An organisation the operator disabled is suspended like an authority: its administrators neither read
            // (which would record the retrieval of notices) nor change anything until it is enabled again.
            throw new PostfachException(403, "organisation_not_active", "this organisation is not active");
        }
        return owner;
    }

    /** A message of the owner's mailbox; another mailbox's id, a malformed or unknown one are the same 404. */
    StoredMessage message(Party owner, String messageId) {
        if (!Party.isId(messageId)) {
            throw PostfachException.notFound();
        }
        Mailbox mailbox = context.mailbox(owner).orElseThrow(PostfachException::notFound);
        return context.store().message(context.realmId(), mailbox.id(), messageId).orElseThrow(PostfachException::notFound);
    }

    /**
     * A message the caller's session reaches. Every action on a message needs the level the message asks for, as
     * reading it does (docs/postfach.md): a niedrig session sees that a hoch message exists, but may not open, move,
     * mark or delete it, nor answer it.
     */
    StoredMessage reachable(Caller caller, Party owner, String messageId) {
        StoredMessage row = message(owner, messageId);
        Loa.require(caller, row.minLoa());
        return row;
    }
}
