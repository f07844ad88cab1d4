package de.servicekonto.postfach;

import de.servicekonto.crypto.DataKey;
import de.servicekonto.postfach.spi.AuthorityRef;
import de.servicekonto.postfach.spi.Mailbox;
import de.servicekonto.postfach.spi.StoredAttachment;
import de.servicekonto.postfach.spi.StoredMessage;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sending and replying: checks the draft ({@link DeliveryRules}, the realm's limits, both parties able to take part,
 * the attachments), then writes the sender's and the recipient's copy, each encrypted for its owner, with the
 * attachments, the notice's provision and the e-mail to follow. Every check comes before the first write: a refused
 * send leaves no mailbox and no data key behind.
 */
public final class Delivery {

    private final PostfachContext context;
    private final MailboxAccess access;
    private final Attachments attachments;
    private final Notices notices;
    private final Outbox outbox;

    Delivery(PostfachContext context, MailboxAccess access, Attachments attachments, Notices notices, Outbox outbox) {
        this.context = context;
        this.access = access;
        this.attachments = attachments;
        this.notices = notices;
        this.outbox = outbox;
    }

    /** What a client asks to send: to a recipient, or ({@code inReplyTo}) as an answer to a message of the mailbox. */
    public record Draft(Party to, String subject, String body, List<String> attachmentIds, int minLoa, boolean notice,
                        String inReplyTo) {
    }

    /**
     * A delivered message: the sender's copy, to whom, under which names, and whether an e-mail is to tell the
     * recipient (its outbox row is written).
     */
    public record Sent(StoredMessage senderCopy, Party from, Party to, String recipientName, boolean emailFollows) {

        public String messageRef() {
            return senderCopy.messageRef();
        }

        public boolean notice() {
            return senderCopy.notice();
        }
    }

    public Sent send(Caller caller, Party from, Draft requested) {
        Draft draft = new Draft(requested.to(), PlainText.of(requested.subject()), PlainText.of(requested.body()),
                requested.attachmentIds(), requested.minLoa(), requested.notice(), requested.inReplyTo());
        validate(draft);
        Party to = draft.to();
        StoredMessage original = null;
        if (draft.inReplyTo() != null) {
            original = access.reachable(caller, from, draft.inReplyTo());
            to = original.incoming() ? new Party(Party.Kind.valueOf(original.senderKind()), original.senderId())
                    : new Party(Party.Kind.valueOf(original.recipientKind()), original.recipientId());
        }
        if (to == null) {
            throw PostfachException.invalid("a recipient is required");
        }
        // Every answer in a thread is at least as protected as the message it answers: a citizen's reply usually
        // quotes or names the protected content, and would otherwise open to a session below its level.
        int minLoa = original == null ? draft.minLoa() : Math.max(draft.minLoa(), original.minLoa());
        String refusal = DeliveryRules.refusal(from, to, draft.notice());
        if (refusal != null) {
            throw new PostfachException(400, refusal, refusal.equals("notice_not_allowed")
                    ? "only an authority delivers official notices, to an account or an organisation"
                    : "messages go between an authority and an account, an organisation or another authority");
        }
        String senderName = displayName(from, true);
        String recipientName = displayName(to, false);
        if (draft.attachmentIds().size() > context.settings().maxAttachments()) {
            throw new PostfachException(400, "too_many_attachments", "at most " + context.settings().maxAttachments() + " attachments");
        }
        List<StoredAttachment> staged = attachments.staged(from, draft.attachmentIds());
        context.crypto().requireKeyRing(); // 503 if the realm has no key ring, before anything is created

        Mailbox fromBox = context.mailboxOrCreate(from);
        Mailbox toBox = context.mailboxOrCreate(to);
        DataKey fromKey = context.crypto().keyForWriting(from);
        DataKey toKey = context.crypto().keyForWriting(to);
        long now = context.now();
        String ref = UUID.randomUUID().toString();
        String thread = original == null ? ref : original.threadId();
        // The sender's copy sees its own read state as read.
        StoredMessage out = context.crypto().seal(copy(UUID.randomUUID().toString(), fromBox, ref, thread, Folders.SENT,
                StoredMessage.OUT, from, to, now, now, minLoa, draft.notice(), staged.size()),
                fromKey, from, draft.subject(), draft.body(), senderName);
        StoredMessage in = context.crypto().seal(copy(UUID.randomUUID().toString(), toBox, ref, thread, Folders.INBOX,
                StoredMessage.IN, from, to, now, null, minLoa, draft.notice(), staged.size()),
                toKey, to, draft.subject(), draft.body(), senderName);
        context.store().add(out);
        context.store().add(in);
        for (StoredAttachment attachment : staged) {
            attachments.deliver(attachment, from, fromKey, out.id(), toBox, to, toKey, in.id());
        }
        if (draft.notice()) {
            notices.provided(ref, from, to, now);
        }
        boolean emailFollows = outbox.emailFollows(to, draft.notice());
        if (emailFollows) {
            outbox.pending(ref, to, draft.notice(), now);
        }
        return new Sent(out, from, to, recipientName, emailFollows);
    }

    private static StoredMessage copy(String id, Mailbox box, String ref, String thread, String folder, String direction,
                                      Party from, Party to, long now, Long readAt, int minLoa, boolean notice,
                                      int attachments) {
        return new StoredMessage(id, box.realmId(), box.id(), ref, thread, folder, null, null, direction,
                from.kind().name(), from.id(), to.kind().name(), to.id(), null, null, null, now, readAt, minLoa, notice,
                attachments, null);
    }

    private static void validate(Draft draft) {
        if (draft.subject() == null || draft.subject().isBlank() || draft.subject().length() > PostfachSettings.MAX_SUBJECT) {
            throw PostfachException.invalid("subject: 1 to " + PostfachSettings.MAX_SUBJECT + " characters");
        }
        if (InvisibleCharacters.containsAny(draft.subject())) {
            // Checked after the HTML reduction: an entity such as &#x202E; becomes the character it names.
            throw new PostfachException(400, "invisible_characters",
                    "the subject must not contain bidirectional controls or zero-width characters");
        }
        if (draft.body() == null || draft.body().length() > PostfachSettings.MAX_BODY) {
            throw PostfachException.invalid("body: at most " + PostfachSettings.MAX_BODY + " characters");
        }
    }

    /**
     * The display name the other side sees; also checks that the party can take part: an authority must exist and be
     * active, an organisation must exist and be enabled, an account must exist and be enabled.
     */
    private String displayName(Party party, boolean sending) {
        Parties parties = context.parties();
        if (party.kind() == Party.Kind.AUTHORITY) {
            AuthorityRef authority = parties.authority(party.id())
                    .orElseThrow(() -> new PostfachException(400, "unknown_recipient", "no such authority"));
            if (!authority.isActive()) {
                throw new PostfachException(400, sending ? "authority_inactive" : "recipient_inactive",
                        "the authority is not active");
            }
            return authority.displayName();
        }
        if (party.kind() == Party.Kind.ORGANISATION) {
            Optional<String> name = parties.organisationName(party.id());
            if (name.isPresent()) {
                return name.get();
            }
            if (parties.isOrganisation(party.id())) {
                throw new PostfachException(400, sending ? "organisation_inactive" : "recipient_inactive",
                        "the organisation is not active");
            }
            throw new PostfachException(400, "unknown_recipient", "no such organisation");
        }
        return parties.account(party.id()).filter(Account::active).map(Account::displayName)
                .orElseThrow(() -> new PostfachException(400, "unknown_recipient", "no such account"));
    }
}
