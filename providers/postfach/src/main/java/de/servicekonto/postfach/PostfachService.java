package de.servicekonto.postfach;

import de.servicekonto.crypto.AssociatedData;
import de.servicekonto.crypto.ContentCipher;
import de.servicekonto.crypto.DataKey;
import de.servicekonto.crypto.DataKeys;
import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.crypto.KekRing;
import de.servicekonto.crypto.StreamCipher;
import de.servicekonto.crypto.keycloak.VaultKekRing;
import de.servicekonto.postfach.jpa.AttachmentEntity;
import de.servicekonto.postfach.jpa.MailboxEntity;
import de.servicekonto.postfach.jpa.MessageEntity;
import de.servicekonto.postfach.jpa.NoticeEntity;
import de.servicekonto.postfach.jpa.NoticeEventEntity;
import de.servicekonto.postfach.jpa.PendingMailEntity;
import de.servicekonto.postfach.spi.AuthorityDirectory;
import de.servicekonto.postfach.spi.AuthorityRef;
import de.servicekonto.postfach.spi.PostfachStore;
import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.TrustLevelIdentifier;
import de.servicekonto.trustlevel.Vocabulary;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The Postfach's operations on one mailbox for one caller, with encryption at rest: what the REST resource calls.
 * Every value it stores for a mailbox is encrypted under that mailbox owner's data key, with associated data binding
 * realm, mailbox, record and field; the plaintext exists only in this request's memory (attachments: one segment at
 * a time).
 */
public final class PostfachService {

    /** The realm's key-encryption key ring, a vault secret per realm (see docs/crypto.md). */
    public static final String KEK_REFERENCE = "${vault.sk-postfach-kek}";

    public static final String INBOX = "INBOX";
    public static final String SENT = "SENT";
    public static final String ARCHIVE = "ARCHIVE";
    public static final String TRASH = "TRASH";
    public static final List<String> FOLDERS = List.of(INBOX, SENT, ARCHIVE, TRASH);
    static final int MAX_PAGE = 100;
    static final int MAX_THREAD = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PostfachStore store;
    private final AuthorityDirectory authorities;
    private final PostfachSettings settings;
    private DataKeys dataKeys;

    public PostfachService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = session.getProvider(PostfachStore.class);
        this.authorities = session.getProvider(AuthorityDirectory.class);
        this.settings = PostfachSettings.read(realm::getAttribute);
    }

    public PostfachSettings settings() {
        return settings;
    }

    public AuthorityDirectory authorities() {
        return authorities;
    }

    // --- mailbox access ---

    /**
     * The mailbox the caller may use as {@code owner}: their own account, an authority they are staff of (or
     * whose Fachverfahren client they are), or an organisation of which they are a member with its administrator
     * role. Anything else is refused before any message is looked at.
     */
    public Party authorize(Caller caller, Party owner) {
        if (owner.kind() == Party.Kind.USER) {
            if (caller.isServiceAccount() || !caller.user().getId().equals(owner.id())) {
                throw new PostfachException(403, "forbidden", "this is not your mailbox");
            }
            return owner;
        }
        boolean allowed;
        if (owner.kind() == Party.Kind.ORGANISATION) {
            // Only people act for an organisation: its members holding its administrator role.
            allowed = !caller.isServiceAccount() && authorities.mayActForOrganisation(realm, caller.user(), owner.id());
        } else {
            allowed = caller.isServiceAccount() ? owner.id().equals(caller.serviceAuthorityId())
                    : authorities.mayActFor(realm, caller.user(), owner.id());
        }
        if (!allowed) {
            // The same answer for an authority, an organisation, another realm's id and an unknown id.
            throw new PostfachException(403, "forbidden", "you may not use this mailbox");
        }
        if (owner.kind() == Party.Kind.AUTHORITY && !authorities.find(realm, owner.id()).map(AuthorityRef::isActive).orElse(false)) {
            // A suspended (or not yet activated) authority does nothing in the Postfach: neither its staff nor its
            // Fachverfahren read, send, fetch receipts or change state. Its rows stay as they are (docs/postfach.md).
            // Asked only of those who may act for it, so others still learn nothing about the authority.
            throw new PostfachException(403, "authority_not_active", "this authority is not active");
        }
        if (owner.kind() == Party.Kind.ORGANISATION && authorities.organisationName(realm, owner.id()).isEmpty()) {
            // An organisation the operator disabled is suspended like an authority: its administrators neither read
            // (which would record the retrieval of notices) nor change anything until it is enabled again.
            throw new PostfachException(403, "organisation_not_active", "this organisation is not active");
        }
        return owner;
    }

    // --- listing ---

    /**
     * Total and unread messages per folder, each exact up to the realm's count limit; a folder with more reports the
     * limit with {@code totalCapped}/{@code unreadCapped} set, so the call costs the same with a million messages.
     */
    public List<Map<String, Object>> folders(Party owner) {
        Optional<MailboxEntity> mailbox = store.mailbox(realm.getId(), owner.kind().name(), owner.id());
        int limit = settings().countLimit();
        String mailboxId = mailbox.map(MailboxEntity::getId).orElse(null);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String folder : FOLDERS) {
            long total = mailboxId == null ? 0 : store.countUpTo(realm.getId(), mailboxId, folder, false, limit + 1);
            long unread = total == 0 ? 0 : store.countUpTo(realm.getId(), mailboxId, folder, true, limit + 1);
            out.add(ordered("folder", folder.toLowerCase(java.util.Locale.ROOT),
                    "total", Math.min(total, limit), "totalCapped", total > limit,
                    "unread", Math.min(unread, limit), "unreadCapped", unread > limit));
        }
        return out;
    }

    /** One page of a folder, newest first; with a search text or sender, a bounded scan (see {@link SearchWindow}). */
    public Map<String, Object> list(Caller caller, Party owner, String folder, int limit, PageCursor cursor, String query,
                                    String sender, long since, long until) {
        Optional<MailboxEntity> mailbox = store.mailbox(realm.getId(), owner.kind().name(), owner.id());
        List<Map<String, Object>> messages = new ArrayList<>();
        if (mailbox.isEmpty()) {
            return ordered("messages", messages, "next", null);
        }
        Optional<DataKey> key = key(owner);
        boolean searching = (query != null && !query.isEmpty()) || (sender != null && !sender.isEmpty());
        long beforeTime = cursor == null ? Long.MAX_VALUE : cursor.createdAt();
        String beforeId = cursor == null ? "~" : cursor.messageId();
        if (until < beforeTime) {
            // "~" sorts after every id: messages at exactly until are included.
            beforeTime = until;
            beforeId = "~";
        }
        boolean reachedSince = false;
        int scanned = 0;
        String next = null;
        while (messages.size() < limit) {
            int batch = searching ? SearchWindow.BATCH : limit + 1;
            List<MessageEntity> rows = store.page(realm.getId(), mailbox.get().getId(), folder, beforeTime, beforeId, batch);
            for (MessageEntity row : rows) {
                if (row.getCreatedAt() < since) {
                    // Newest first: everything from here on is older than since too.
                    reachedSince = true;
                    break;
                }
                if (messages.size() == limit) {
                    // More exist: the next page starts after the last one returned.
                    next = new PageCursor(beforeTime, beforeId).encode();
                    break;
                }
                beforeTime = row.getCreatedAt();
                beforeId = row.getId();
                scanned++;
                Map<String, Object> summary = summary(caller, owner, row, key);
                if (!searching || (SearchWindow.matches((String) summary.get("subject"), query)
                        && SearchWindow.matches((String) summary.get("senderName"), sender))) {
                    messages.add(summary);
                }
                if (searching && scanned >= SearchWindow.MAX_SCANNED) {
                    break;
                }
            }
            if (searching && scanned >= SearchWindow.MAX_SCANNED && next == null && !reachedSince) {
                next = new PageCursor(beforeTime, beforeId).encode();
                break;
            }
            if (next != null || reachedSince || rows.size() < batch) {
                break;
            }
            if (messages.size() == limit) {
                // Page full at the end of a full batch: there may be more; continue after the last one looked at.
                next = new PageCursor(beforeTime, beforeId).encode();
            }
        }
        return ordered("messages", messages, "next", next, "scanned", searching ? scanned : null);
    }

    public List<Map<String, Object>> thread(Caller caller, Party owner, String messageId) {
        MessageEntity anchor = message(owner, messageId);
        Optional<DataKey> key = key(owner);
        List<Map<String, Object>> out = new ArrayList<>();
        for (MessageEntity row : store.thread(realm.getId(), anchor.getMailboxId(), anchor.getThreadId(), MAX_THREAD)) {
            out.add(summary(caller, owner, row, key));
        }
        return out;
    }

    /** A message with its content, if the caller's session reaches its minimum level; records a notice's retrieval. */
    public Map<String, Object> open(Caller caller, Party owner, String messageId) {
        MessageEntity row = message(owner, messageId);
        requireLevel(caller, row);
        DataKey key = key(owner).orElseThrow(PostfachService::shredded);
        Map<String, Object> view = summary(caller, owner, row, Optional.of(key));
        view.put("body", decryptMessage(key, row, owner, "body"));
        List<Map<String, Object>> files = new ArrayList<>();
        for (AttachmentEntity attachment : store.attachments(realm.getId(), row.getId())) {
            files.add(ordered("id", attachment.getId(),
                    "filename", decrypt(key, attachment.getFilenameEnc(), owner, attachment.getId(), "filename"),
                    "mimeType", attachment.getMimeType(), "size", attachment.getSize()));
        }
        view.put("attachments", files);
        if (row.isNotice() && "IN".equals(row.getDirection())) {
            recordRetrieval(row);
            view.put("notice", noticeView(row));
        }
        return view;
    }

    /** The recipient opened a notice's content (the message or one of its attachments): first retrieval, once. */
    private void recordRetrieval(MessageEntity row) {
        if (row.isNotice() && "IN".equals(row.getDirection())) {
            store.notice(realm.getId(), row.getMessageRef()).ifPresent(notice ->
                    store.recordOnce(notice.getId(), "RETRIEVED", System.currentTimeMillis()));
        }
    }

    // --- sending ---

    /** What a client asks to send; validated by {@link #send}. */
    public record Draft(Party to, String subject, String body, List<String> attachmentIds, int minLoa, boolean notice,
                        String inReplyTo) {
    }

    public Map<String, Object> send(Caller caller, Party from, Draft requested) {
        Draft draft = new Draft(requested.to(), PlainText.of(requested.subject()), PlainText.of(requested.body()),
                requested.attachmentIds(), requested.minLoa(), requested.notice(), requested.inReplyTo());
        validate(draft);
        Party to = draft.to();
        MessageEntity original = null;
        if (draft.inReplyTo() != null) {
            original = message(from, draft.inReplyTo());
            requireLevel(caller, original);
            to = "IN".equals(original.getDirection()) ? new Party(Party.Kind.valueOf(original.getSenderKind()), original.getSenderId())
                    : new Party(Party.Kind.valueOf(original.getRecipientKind()), original.getRecipientId());
        }
        if (to == null) {
            throw PostfachException.invalid("a recipient is required");
        }
        if (original != null && original.getMinLoa() > draft.minLoa()) {
            // Every answer in a thread is at least as protected as the message it answers: a citizen's reply usually
            // quotes or names the protected content, and would otherwise open to a session below its level.
            draft = new Draft(draft.to(), draft.subject(), draft.body(), draft.attachmentIds(), original.getMinLoa(),
                    draft.notice(), draft.inReplyTo());
        }
        String refusal = DeliveryRules.refusal(from, to, draft.notice());
        if (refusal != null) {
            throw new PostfachException(400, refusal, refusal.equals("notice_not_allowed")
                    ? "only an authority delivers official notices, to an account or an organisation"
                    : "messages go between an authority and an account or organisation");
        }
        String senderName = displayName(from, true);
        String recipientName = displayName(to, false);
        if (draft.attachmentIds().size() > settings.maxAttachments()) {
            throw new PostfachException(400, "too_many_attachments", "at most " + settings.maxAttachments() + " attachments");
        }
        // Every check comes before the first write: a refused send leaves no mailbox and no data key behind.
        Optional<MailboxEntity> existingFromBox = store.mailbox(realm.getId(), from.kind().name(), from.id());
        List<AttachmentEntity> staged = new ArrayList<>();
        for (String id : draft.attachmentIds()) {
            AttachmentEntity attachment = Party.isId(id) && existingFromBox.isPresent()
                    ? store.attachment(realm.getId(), existingFromBox.get().getId(), id).orElse(null) : null;
            if (attachment == null || attachment.getMessageId() != null || staged.contains(attachment)) {
                throw new PostfachException(400, "unknown_attachment", "attachment " + (Party.isId(id) ? id : "")
                        + " is not an uploaded, unsent attachment of this mailbox");
            }
            staged.add(attachment);
        }
        dataKeys(); // 503 if the realm has no key ring, before anything is created
        MailboxEntity fromBox = existingFromBox.orElseGet(() -> store.mailboxOrCreate(realm.getId(), from.kind().name(), from.id()));
        MailboxEntity toBox = store.mailboxOrCreate(realm.getId(), to.kind().name(), to.id());
        DataKey fromKey = keyForWriting(from);
        DataKey toKey = keyForWriting(to);

        long now = System.currentTimeMillis();
        String ref = UUID.randomUUID().toString();
        String thread = original == null ? ref : original.getThreadId();
        String outId = UUID.randomUUID().toString();
        String inId = UUID.randomUUID().toString();
        MessageEntity out = new MessageEntity(outId, realm.getId(), fromBox.getId(), ref, thread, SENT, "OUT",
                from.kind().name(), from.id(), to.kind().name(), to.id(), now, draft.minLoa(), draft.notice());
        MessageEntity in = new MessageEntity(inId, realm.getId(), toBox.getId(), ref, thread, INBOX, "IN",
                from.kind().name(), from.id(), to.kind().name(), to.id(), now, draft.minLoa(), draft.notice());
        fill(out, fromKey, from, draft, senderName);
        fill(in, toKey, to, draft, senderName);
        out.setAttachments(staged.size());
        in.setAttachments(staged.size());
        // The sender's copy sees its own read state as read.
        out.setReadAt(now);
        store.add(out);
        store.add(in);
        for (AttachmentEntity attachment : staged) {
            attachment.setMessageId(outId);
            copyAttachment(attachment, from, fromKey, toBox, to, toKey, inId);
        }
        if (draft.notice()) {
            String noticeId = UUID.randomUUID().toString();
            store.addNotice(new NoticeEntity(noticeId, realm.getId(), ref, from.id(), to.id(),
                    settings.noticeRule().name(), now));
        }
        if (emailFollows(session, realm, to, draft.notice())) {
            // Until a mail server accepts the e-mail; the attempt after the commit comes first (see PostfachMails).
            store.addPendingMail(new PendingMailEntity(ref, realm.getId(), to.kind().name(), to.id(), draft.notice(),
                    now + MailRetry.UNREPORTED_ATTEMPT.toMillis()));
        }
        Map<String, Object> view = summary(caller, from, out, Optional.of(fromKey));
        view.put("recipientName", recipientName);
        view.put("messageRef", ref);
        return view;
    }

    private void fill(MessageEntity row, DataKey key, Party owner, Draft draft, String senderName) {
        row.setContentFormat(MessageContentAad.CURRENT);
        row.setSubjectEnc(ContentCipher.encryptString(key, draft.subject(), messageAad(owner, row, "subject")));
        row.setBodyEnc(ContentCipher.encryptString(key, draft.body(), messageAad(owner, row, "body")));
        row.setSenderNameEnc(ContentCipher.encryptString(key, senderName, messageAad(owner, row, "senderName")));
    }

    private void validate(Draft draft) {
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
        if (party.kind() == Party.Kind.AUTHORITY) {
            AuthorityRef authority = authorities.find(realm, party.id())
                    .orElseThrow(() -> new PostfachException(400, "unknown_recipient", "no such authority"));
            if (!authority.isActive()) {
                throw new PostfachException(400, sending ? "authority_inactive" : "recipient_inactive",
                        "the authority is not active");
            }
            return authority.displayName();
        }
        if (party.kind() == Party.Kind.ORGANISATION) {
            Optional<String> name = authorities.organisationName(realm, party.id());
            if (name.isPresent()) {
                return name.get();
            }
            if (authorities.isOrganisation(realm, party.id())) {
                throw new PostfachException(400, sending ? "organisation_inactive" : "recipient_inactive",
                        "the organisation is not active");
            }
            throw new PostfachException(400, "unknown_recipient", "no such organisation");
        }
        UserModel user = session.users().getUserById(realm, party.id());
        if (user == null || !user.isEnabled() || user.getServiceAccountClientLink() != null) {
            throw new PostfachException(400, "unknown_recipient", "no such account");
        }
        // Keycloak's person-name validator refuses control characters (Cc) but not format characters (Cf) such as
        // U+202E: they would reorder what an authority's staff read as the sender, so the name goes without them.
        String name = InvisibleCharacters.strip((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? user.getUsername() : name;
    }

    /**
     * Whether a delivery to {@code to} is followed by an e-mail (and so a pending-mail row): to an organisation
     * (its administrators, each checked when mailed), for a notice to an account always, for a new message to an
     * account that may be mailed ({@link #mayMail}); never to an authority.
     */
    public static boolean emailFollows(KeycloakSession session, RealmModel realm, Party to, boolean notice) {
        return switch (to.kind()) {
            case ORGANISATION -> true;
            case USER -> notice || mayMail(session.users().getUserById(realm, to.id()), false);
            case AUTHORITY -> false;
        };
    }

    /**
     * Whether an e-mail about the Postfach may go to this account: a verified address (a notice's {@code notifiedAt}
     * must not rest on an address nobody confirmed), enabled, not a service account, and for an ordinary message
     * not turned off ({@value #NOTIFY_ATTRIBUTE}).
     */
    public static boolean mayMail(UserModel user, boolean notice) {
        if (user == null || user.getEmail() == null || !user.isEmailVerified() || !user.isEnabled()
                || user.getServiceAccountClientLink() != null) {
            return false;
        }
        return notice || !"false".equalsIgnoreCase(user.getFirstAttribute(NOTIFY_ATTRIBUTE));
    }

    // --- settings ---

    /**
     * User attribute: {@code false} suppresses e-mails about ordinary new messages (never those about official
     * notices). Set by the account itself through the settings of its mailbox.
     */
    public static final String NOTIFY_ATTRIBUTE = "sk-postfach-notify";

    /** The personal mailbox's e-mail settings: only for {@code me}, the caller's own account. */
    public Map<String, Object> notificationSettings(Caller caller, Party owner) {
        UserModel user = personalAccount(caller, owner);
        return ordered("newMessageEmails", !"false".equalsIgnoreCase(user.getFirstAttribute(NOTIFY_ATTRIBUTE)),
                "noticeEmails", true,
                "emailVerified", user.getEmail() != null && user.isEmailVerified());
    }

    public Map<String, Object> updateNotificationSettings(Caller caller, Party owner, boolean newMessageEmails) {
        UserModel user = personalAccount(caller, owner);
        if (newMessageEmails) {
            user.removeAttribute(NOTIFY_ATTRIBUTE);
        } else {
            user.setSingleAttribute(NOTIFY_ATTRIBUTE, "false");
        }
        return notificationSettings(caller, owner);
    }

    private UserModel personalAccount(Caller caller, Party owner) {
        if (owner.kind() != Party.Kind.USER || caller.isServiceAccount()) {
            throw new PostfachException(404, "not_found", "settings exist for the personal mailbox (me) only");
        }
        return caller.user();
    }

    // --- state changes ---
    //
    // Every action on a message needs the session level the message asks for, as reading it does (docs/postfach.md):
    // a niedrig session sees that a hoch message exists, but may not move, mark or delete it. The level is checked
    // before anything changes, and no refused action records a notice's retrieval.

    public void markRead(Caller caller, Party owner, String messageId, boolean read) {
        MessageEntity row = message(owner, messageId);
        requireLevel(caller, row);
        row.setReadAt(read ? Long.valueOf(row.getReadAt() == null ? System.currentTimeMillis() : row.getReadAt()) : null);
    }

    public void archive(Caller caller, Party owner, String messageId) {
        MessageEntity row = message(owner, messageId);
        requireLevel(caller, row);
        if (TRASH.equals(row.getFolder())) {
            throw new PostfachException(409, "message_deleted", "restore the message first");
        }
        row.setFolder(ARCHIVE);
    }

    public Map<String, Object> delete(Caller caller, Party owner, String messageId) {
        MessageEntity row = message(owner, messageId);
        requireLevel(caller, row);
        if (!DeliveryRules.mayDelete(owner, "OUT".equals(row.getDirection()))) {
            throw new PostfachException(403, "delete_not_allowed", "an authority cannot delete what it delivered");
        }
        if (!TRASH.equals(row.getFolder()) && isUnretrievedNotice(row)) {
            // A notice nobody opened would vanish from view before its recipient ever saw it (and before it counts as
            // retrieved): open it first.
            throw new PostfachException(409, "notice_not_retrieved",
                    "an official notice can be deleted only after it was opened");
        }
        if (!TRASH.equals(row.getFolder())) {
            row.setPreviousFolder(row.getFolder());
            row.setFolder(TRASH);
            row.setDeletedAt(System.currentTimeMillis());
        }
        return ordered("id", row.getId(), "folder", "trash",
                "restorableUntil", Instant.ofEpochMilli(row.getDeletedAt()).plus(settings.undoPeriod()).toString());
    }

    public void restore(Caller caller, Party owner, String messageId) {
        MessageEntity row = message(owner, messageId);
        requireLevel(caller, row);
        if (!TRASH.equals(row.getFolder())) {
            return;
        }
        if (row.getDeletedAt() + settings.undoPeriod().toMillis() < System.currentTimeMillis()) {
            throw new PostfachException(409, "undo_period_expired", "the message can no longer be restored");
        }
        row.setFolder(row.getPreviousFolder() == null ? INBOX : row.getPreviousFolder());
        row.setPreviousFolder(null);
        row.setDeletedAt(null);
    }

    /** The recipient's copy of an official notice whose content was never opened (no RETRIEVED event). */
    private boolean isUnretrievedNotice(MessageEntity row) {
        if (!row.isNotice() || !"IN".equals(row.getDirection())) {
            return false;
        }
        return store.notice(realm.getId(), row.getMessageRef())
                .map(notice -> store.noticeEvents(notice.getId()).stream().noneMatch(e -> "RETRIEVED".equals(e.getType())))
                .orElse(false);
    }

    // --- attachments ---

    /**
     * Stages an attachment in the sender's mailbox: checks the declared type, sniffs the leading bytes, encrypts the
     * stream into a temporary file (ciphertext only; the plaintext never touches disk) while counting the size, then
     * streams the ciphertext into the database. Nothing is stored if any check fails.
     */
    public Map<String, Object> stage(Party owner, String filename, String declaredType, long declaredLength, InputStream body)
            throws IOException {
        if (filename == null || filename.isBlank() || filename.length() > PostfachSettings.MAX_FILENAME
                || filename.chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\')) {
            throw PostfachException.invalid("filename: 1 to " + PostfachSettings.MAX_FILENAME + " characters, no path");
        }
        if (InvisibleCharacters.containsAny(filename)) {
            throw new PostfachException(400, "invisible_characters",
                    "the file name must not contain bidirectional controls or zero-width characters");
        }
        if (!ContentType.isAllowed(declaredType)) {
            throw new PostfachException(415, "attachment_type_not_allowed", "allowed types: " + ContentType.allowedMimeTypes());
        }
        if (declaredLength > settings.maxAttachmentBytes()) {
            throw tooLarge();
        }
        if (declaredLength == 0) {
            throw PostfachException.invalid("the attachment is empty");
        }
        BufferedInputStream in = new BufferedInputStream(body, ContentType.SNIFF_BYTES * 2);
        in.mark(ContentType.SNIFF_BYTES);
        byte[] head = in.readNBytes(ContentType.SNIFF_BYTES);
        in.reset();
        if (head.length == 0) {
            throw PostfachException.invalid("the attachment is empty");
        }
        ContentType type = ContentType.match(declaredType, head, head.length).orElseThrow(() ->
                new PostfachException(415, "attachment_type_not_allowed", "the content is not of the declared type"));

        // Counted before the mailbox is created on first use, so a refused upload leaves no row behind. (Only a body
        // without Content-Length that turns out too large or empty is refused after the mailbox and its key exist.)
        long waiting = store.mailbox(realm.getId(), owner.kind().name(), owner.id())
                .map(existing -> store.stagedAttachments(realm.getId(), existing.getId())).orElse(0L);
        if (waiting >= settings.maxStagedAttachments()) {
            throw new PostfachException(429, "too_many_staged_attachments", "at most " + settings.maxStagedAttachments()
                    + " uploads may wait to be sent; send or let them expire first");
        }
        MailboxEntity mailbox = store.mailboxOrCreate(realm.getId(), owner.kind().name(), owner.id());
        DataKey key = keyForWriting(owner);
        String id = UUID.randomUUID().toString();
        Path temp = Files.createTempFile("sk-postfach-", ".enc");
        try {
            long size = 0;
            try (OutputStream encrypting = StreamCipher.encryptingStream(Files.newOutputStream(temp), key, attachmentAad(owner, id))) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    if (size > settings.maxAttachmentBytes()) {
                        throw tooLarge();
                    }
                    encrypting.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw PostfachException.invalid("the attachment is empty");
            }
            try (InputStream ciphertext = Files.newInputStream(temp)) {
                store.addAttachment(id, realm.getId(), mailbox.getId(),
                        encrypt(key, filename, owner, id, "filename"), type.mimeType(), size, ciphertext, Files.size(temp));
            }
            return ordered("id", id, "filename", filename, "mimeType", type.mimeType(), "size", size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Encrypted content of one attachment copied to a temporary file, to be decrypted while the response streams. */
    public record Download(Path ciphertext, DataKey key, AssociatedData aad, String filename, String mimeType, long size) {

        /** Decrypts into {@code out}; deletes the temporary file in any case. */
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = StreamCipher.decryptingStream(Files.newInputStream(ciphertext), key, aad)) {
                in.transferTo(out);
            } finally {
                Files.deleteIfExists(ciphertext);
            }
        }
    }

    public Download download(Caller caller, Party owner, String messageId, String attachmentId) throws IOException {
        MessageEntity row = message(owner, messageId);
        requireLevel(caller, row);
        AttachmentEntity attachment = Party.isId(attachmentId)
                ? store.attachment(realm.getId(), row.getMailboxId(), attachmentId).orElse(null) : null;
        if (attachment == null || !row.getId().equals(attachment.getMessageId())) {
            throw PostfachException.notFound();
        }
        DataKey key = key(owner).orElseThrow(PostfachService::shredded);
        String filename = decrypt(key, attachment.getFilenameEnc(), owner, attachment.getId(), "filename");
        // The database stream lives only as long as this transaction, and the response is written after it: copy the
        // ciphertext (never the plaintext) to a temporary file first.
        Path temp = Files.createTempFile("sk-postfach-", ".enc");
        try (InputStream content = store.content(attachment)) {
            Files.copy(content, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        // Downloading a notice's attachment is retrieving the notice, even without opening the message first.
        recordRetrieval(row);
        return new Download(temp, key, attachmentAad(owner, attachment.getId()), filename, attachment.getMimeType(),
                attachment.getSize());
    }

    /** Re-encrypts a sent attachment for the recipient (their key, their mailbox), streaming through a temp file. */
    private void copyAttachment(AttachmentEntity source, Party from, DataKey fromKey, MailboxEntity toBox, Party to,
                                DataKey toKey, String toMessageId) {
        String id = UUID.randomUUID().toString();
        try {
            Path temp = Files.createTempFile("sk-postfach-", ".enc");
            try {
                try (InputStream plain = StreamCipher.decryptingStream(store.content(source), fromKey, attachmentAad(from, source.getId()));
                     OutputStream encrypting = StreamCipher.encryptingStream(Files.newOutputStream(temp), toKey, attachmentAad(to, id))) {
                    plain.transferTo(encrypting);
                }
                String filename = decrypt(fromKey, source.getFilenameEnc(), from, source.getId(), "filename");
                try (InputStream ciphertext = Files.newInputStream(temp)) {
                    AttachmentEntity copy = store.addAttachment(id, realm.getId(), toBox.getId(),
                            encrypt(toKey, filename, to, id, "filename"), source.getMimeType(), source.getSize(),
                            ciphertext, Files.size(temp));
                    copy.setMessageId(toMessageId);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("attachment could not be delivered", e);
        }
    }

    private AssociatedData attachmentAad(Party owner, String attachmentId) {
        return AssociatedData.of("sk-postfach", realm.getId(), owner.keyOwner(), "attachment", attachmentId, "content");
    }

    private PostfachException tooLarge() {
        return new PostfachException(413, "attachment_too_large", "at most " + settings.maxAttachmentBytes() + " bytes");
    }

    // --- notices ---

    /**
     * The evidence of an official notice (for its receipt): in the authority's mailbox, the copy it delivered; in the
     * recipient's mailbox, the copy received, so that the citizen or organisation holds the same signed evidence of
     * provision and retrieval as the sender. Both copies share the notice's evidence (by its message reference).
     */
    public Map<String, Object> noticeEvidence(Caller caller, Party owner, String messageId) {
        MessageEntity row = message(owner, messageId);
        requireLevel(caller, row);
        boolean delivered = owner.kind() == Party.Kind.AUTHORITY && "OUT".equals(row.getDirection());
        boolean received = "IN".equals(row.getDirection());
        if (!row.isNotice() || !(delivered || received)) {
            throw new PostfachException(404, "not_a_notice", "this message is not an official notice delivered by or to this mailbox");
        }
        Map<String, Object> evidence = noticeView(row);
        evidence.put("messageId", row.getId());
        evidence.put("messageRef", row.getMessageRef());
        evidence.put("authority", row.getSenderId());
        evidence.put("recipient", row.getRecipientId());
        return evidence;
    }

    private Map<String, Object> noticeView(MessageEntity row) {
        NoticeEntity notice = store.notice(realm.getId(), row.getMessageRef())
                .orElseThrow(() -> new IllegalStateException("notice evidence missing"));
        Long notified = null;
        Long retrieved = null;
        for (NoticeEventEntity event : store.noticeEvents(notice.getId())) {
            if ("NOTIFIED".equals(event.getType())) {
                notified = event.getTime();
            } else if ("RETRIEVED".equals(event.getType())) {
                retrieved = event.getTime();
            }
        }
        NoticeRule rule = NoticeRule.valueOf(notice.getRule());
        Instant providedAt = Instant.ofEpochMilli(notice.getProvidedAt());
        Optional<LocalDate> deemed = rule.deemedNotifiedOn(providedAt, retrieved == null ? null : Instant.ofEpochMilli(retrieved));
        return ordered("rule", rule.name(), "providedAt", providedAt.toString(),
                "notifiedAt", notified == null ? null : Instant.ofEpochMilli(notified).toString(),
                "firstRetrievedAt", retrieved == null ? null : Instant.ofEpochMilli(retrieved).toString(),
                "deemedNotifiedAt", deemed.map(LocalDate::toString).orElse(null));
    }

    /** The notice of a message reference, for the notifier. */
    public Optional<NoticeEntity> notice(String messageRef) {
        return store.notice(realm.getId(), messageRef);
    }

    /** The notice's e-mail was accepted by the mail server: {@code notifiedAt}. */
    public void recordNotified(String noticeId) {
        store.recordOnce(noticeId, "NOTIFIED", System.currentTimeMillis());
    }

    /** Nothing more to do for the message's e-mail: accepted, or nobody to mail. */
    public void mailDone(String messageRef) {
        store.removePendingMail(realm.getId(), messageRef);
    }

    /**
     * The message's e-mail was not accepted: when to try again, by {@code retry}; after the last attempt the row goes
     * and a warning is logged (a notice then keeps {@code notifiedAt} empty, which its receipt shows).
     */
    public void mailFailed(String messageRef, MailRetry retry) {
        store.pendingMail(realm.getId(), messageRef).ifPresent(mail -> {
            java.util.OptionalLong next = retry.next(mail.getAttempts() + 1, System.currentTimeMillis());
            if (next.isPresent()) {
                mail.failed(next.getAsLong());
            } else {
                store.removePendingMail(realm.getId(), messageRef);
                org.jboss.logging.Logger.getLogger(PostfachService.class).warnf(
                        "E-mail about %s %s in realm %s not accepted after %d attempts; no further attempt",
                        mail.isNotice() ? "official notice" : "message", messageRef, realm.getName(),
                        mail.getAttempts() + 1);
            }
        });
    }

    /** Postfach e-mails due for another attempt now. */
    public List<PendingMailEntity> duePendingMails(int limit) {
        return store.duePendingMails(realm.getId(), System.currentTimeMillis(), limit);
    }

    // --- account removal ---

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
        // Destroying a key needs no key-encryption key: this works in a realm without the vault secret too.
        store.dataKeyStore().destroy(new de.servicekonto.crypto.KeyOwner(realm.getId(), owner.keyOwner()));
        store.mailbox(realm.getId(), owner.kind().name(), owner.id()).ifPresent(m -> store.deleteMailbox(realm.getId(), m));
    }

    /**
     * After a rotation of the realm's key-encryption key: rewraps up to {@code limit} data keys still wrapped with an
     * older key (content stays as it is); returns how many. A realm without the Postfach's vault secret has none.
     */
    public int rewrapDataKeys(int limit) {
        if (store.dataKeyStore().ownersNotWrappedWith(realm.getId(), "", null, 1).isEmpty()) {
            return 0; // no Postfach data in this realm: its vault is not even asked
        }
        DataKeys keys;
        try {
            keys = dataKeys();
        } catch (PostfachException e) {
            return 0;
        }
        int done = 0;
        for (String owner : keys.ownersToRewrap(null, limit)) {
            try {
                if (keys.rewrap(owner)) {
                    done++;
                }
            } catch (DecryptionException e) {
                // Its key is no longer in the ring: nothing can open this mailbox; the operator must restore the key.
                org.jboss.logging.Logger.getLogger(PostfachService.class).warnf(
                        "Data key of a Postfach mailbox in realm %s does not unwrap with the key ring", realm.getName());
            }
        }
        return done;
    }

    public int purge(long now) {
        return store.purgeDeleted(realm.getId(), now - settings.undoPeriod().toMillis(), 1000)
                + store.removeStaleStaged(realm.getId(), now - java.time.Duration.ofDays(1).toMillis(), 1000);
    }

    // --- helpers ---

    private MessageEntity message(Party owner, String messageId) {
        if (!Party.isId(messageId)) {
            throw PostfachException.notFound();
        }
        MailboxEntity mailbox = store.mailbox(realm.getId(), owner.kind().name(), owner.id()).orElseThrow(PostfachException::notFound);
        return store.message(realm.getId(), mailbox.getId(), messageId).orElseThrow(PostfachException::notFound);
    }

    private void requireLevel(Caller caller, MessageEntity row) {
        if (!caller.reaches(row.getMinLoa())) {
            TrustLevel needed = TrustLevel.fromLoa(row.getMinLoa()).orElse(TrustLevel.HOCH);
            // RFC 9470: 401 with a challenge naming the acr to ask for (the resource's own code in the body).
            throw new PostfachException(401, "step_up_required",
                    "this message needs a login at trust level " + needed.germanName(),
                    ordered("acr", needed.identifier(Vocabulary.EIDAS), "trustLevel", needed.germanName()));
        }
    }

    private Map<String, Object> summary(Caller caller, Party owner, MessageEntity row, Optional<DataKey> key) {
        boolean open = caller.reaches(row.getMinLoa()) && key.isPresent();
        String senderName = null;
        String subject = null;
        boolean intact = true;
        try {
            senderName = key.isPresent() && row.getSenderNameEnc() != null
                    ? decryptMessage(key.get(), row, owner, "senderName") : null;
            subject = open ? decryptMessage(key.get(), row, owner, "subject") : null;
        } catch (PostfachException e) {
            // One altered row must not break the list: it is shown without content and marked; opening it says why.
            intact = false;
            senderName = null;
            open = false;
        }
        TrustLevel level = TrustLevel.fromLoa(row.getMinLoa()).orElse(TrustLevel.NIEDRIG);
        Map<String, Object> view = ordered(
                "id", row.getId(),
                "threadId", row.getThreadId(),
                "folder", row.getFolder().toLowerCase(java.util.Locale.ROOT),
                "direction", "IN".equals(row.getDirection()) ? "in" : "out",
                "sender", ordered("kind", row.getSenderKind().toLowerCase(java.util.Locale.ROOT), "id", row.getSenderId()),
                "recipient", ordered("kind", row.getRecipientKind().toLowerCase(java.util.Locale.ROOT), "id", row.getRecipientId()),
                "senderName", senderName,
                "createdAt", Instant.ofEpochMilli(row.getCreatedAt()).toString(),
                "read", row.getReadAt() != null,
                "minimumTrustLevel", level.germanName(),
                "minimumAcr", level.identifier(Vocabulary.EIDAS),
                "notice", row.isNotice(),
                "attachmentCount", row.getAttachments(),
                "locked", !open);
        if (open) {
            view.put("subject", subject);
        }
        if (!intact) {
            view.put("contentIntegrity", "failed");
        }
        if (row.getDeletedAt() != null) {
            view.put("restorableUntil", Instant.ofEpochMilli(row.getDeletedAt()).plus(settings.undoPeriod()).toString());
        }
        return view;
    }

    private DataKeys dataKeys() {
        if (dataKeys == null) {
            KekRing ring;
            try {
                ring = VaultKekRing.read(session, KEK_REFERENCE);
            } catch (IllegalStateException e) {
                throw new PostfachException(503, "temporarily_unavailable", "the Postfach is not configured in this realm");
            }
            dataKeys = new DataKeys(realm.getId(), ring, store.dataKeyStore());
        }
        return dataKeys;
    }

    private Optional<DataKey> key(Party owner) {
        try {
            return dataKeys().find(owner.keyOwner());
        } catch (DecryptionException e) {
            throw new IllegalStateException("data key of a mailbox does not unwrap (key ring incomplete?)", e);
        }
    }

    private DataKey keyForWriting(Party owner) {
        try {
            return dataKeys().getOrCreate(owner.keyOwner());
        } catch (DecryptionException e) {
            throw new IllegalStateException("data key of a mailbox does not unwrap (key ring incomplete?)", e);
        }
    }

    private String encrypt(DataKey key, String value, Party owner, String recordId, String field) {
        return ContentCipher.encryptString(key, value, aad(owner, recordId, field));
    }

    private String decrypt(DataKey key, String value, Party owner, String recordId, String field) {
        try {
            return ContentCipher.decryptString(key, value, aad(owner, recordId, field));
        } catch (DecryptionException e) {
            throw new IllegalStateException("stored Postfach value failed authentication", e);
        }
    }

    /**
     * Decrypts a message's value with the associated data of the row's content format. A value that fails
     * authentication (a changed minimum level, notice flag or mailbox, or altered ciphertext) is a 409
     * {@code content_integrity}: nothing of the message is shown, and the log names the row, never content.
     */
    private String decryptMessage(DataKey key, MessageEntity row, Party owner, String field) {
        String value = switch (field) {
            case "subject" -> row.getSubjectEnc();
            case "body" -> row.getBodyEnc();
            case "senderName" -> row.getSenderNameEnc();
            default -> throw new IllegalArgumentException("no such message field");
        };
        try {
            return ContentCipher.decryptString(key, value, messageAad(owner, row, field));
        } catch (DecryptionException | IllegalArgumentException e) {
            org.jboss.logging.Logger.getLogger(PostfachService.class).warnf(
                    "Postfach message %s of realm %s failed authentication (field %s): row or ciphertext changed",
                    row.getId(), realm.getName(), field);
            throw new PostfachException(409, "content_integrity",
                    "the stored content of this message failed its integrity check (logged for the operator)");
        }
    }

    private AssociatedData messageAad(Party owner, MessageEntity row, String field) {
        return MessageContentAad.of(MessageContentAad.formatOf(row.getContentFormat()), realm.getId(), owner.keyOwner(),
                row.getId(), row.getMailboxId(), row.getMinLoa(), row.isNotice(), field);
    }

    /** Binds a value to realm, mailbox owner, record and field (docs/crypto.md: one associated data per field). */
    private AssociatedData aad(Party owner, String recordId, String field) {
        return AssociatedData.of("sk-postfach", realm.getId(), owner.keyOwner(), recordId, field);
    }

    private static PostfachException shredded() {
        return PostfachException.notFound();
    }

    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The session's level from the access token's {@code acr} (any vocabulary the realm maps), or 0. */
    public static int loaOf(String acr) {
        if (acr == null) {
            return 0;
        }
        return TrustLevelIdentifier.parse(acr).map(id -> id.level().loa()).orElse(0);
    }

    /** A minimum level given by a client: a German name, an identifier of any vocabulary, or absent (niedrig). */
    public static int minimumLoa(String value) {
        if (value == null) {
            return TrustLevel.NIEDRIG.loa();
        }
        return TrustLevel.fromGermanName(value).or(() -> TrustLevelIdentifier.parse(value).map(TrustLevelIdentifier::level))
                .map(TrustLevel::loa)
                .orElseThrow(() -> PostfachException.invalid("minimumTrustLevel: niedrig, substanziell, hoch or an acr"));
    }
}
