package de.servicekonto.postfach.rest;

import de.servicekonto.postfach.Attachments;
import de.servicekonto.postfach.Caller;
import de.servicekonto.postfach.Delivery;
import de.servicekonto.postfach.Loa;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.Postfach;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.postfach.Views;
import de.servicekonto.postfach.keycloak.SafeLink;
import de.servicekonto.spi.DocumentSafe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The Postfach API's links with the Dokumentensafe (docs/postfach.md, "With the Dokumentensafe"): a document of the
 * safe attached to a message, an attachment or a whole message (a notice with its evidence) saved into the safe, and
 * an authority's notice delivered into the recipient's safe. The mailbox was authorized before; the safe's scope, a
 * safe for the mailbox's owner (a person's own, an organisation's) and the acting member's role on an organisation's
 * safe (the safe's rule) are checked here, before anything is read.
 */
final class SafeTransfers {

    private static final Logger LOG = Logger.getLogger(SafeTransfers.class);
    private static final String TEXT = "text/plain";

    private SafeTransfers() {
    }

    /**
     * Stages a document of the owner's safe as an upload of the mailbox (the Postfach's type list and size limit are
     * checked before the safe copies it out, then encryption under the mailbox's key as for any upload) and answers
     * its id and level.
     */
    static Function<String, SafeLink.Staged> fromSafe(PostfachRequest request, Postfach postfach, Caller caller, Party owner) {
        return documentId -> SafeLink.forCaller(request.session, caller, SafeLink.READ)
                .stageFromSafe(owner, caller.userId(), documentId, caller.loa(), postfach.attachments());
    }

    /**
     * Saves one attachment of a message into the owner's safe: into the folder {@code folderId} of that safe if given,
     * else at its top.
     */
    static Map<String, Object> saveAttachment(PostfachRequest request, Postfach postfach, Caller caller, Party owner,
                                              String messageId, String attachmentId, String folderId) {
        DocumentSafe.Folder folder = chosen(folderId, DocumentSafe.Folder.TOP);
        SafeLink safe = SafeLink.forCaller(request.session, caller, SafeLink.WRITE);
        safe.requireWritable(owner, caller.userId(), folder);
        Attachments.Download download = io(() -> postfach.attachments().download(caller, owner, messageId, attachmentId));
        return Views.ordered("documentIds", safe.store(owner, caller.userId(), folder, download.minLoa(),
                List.of(download), List.of()));
    }

    /**
     * Saves a message into the owner's safe: a text document of the message (for an official notice with its
     * evidence and signed receipt) and its attachments: into the folder {@code folderId} of that safe if given, else a
     * notice into the top folder {@value SafeLink#NOTICE_FOLDER} and another message at the top.
     */
    static Map<String, Object> saveMessage(PostfachRequest request, Postfach postfach, Caller caller, Party owner,
                                           String messageId, String folderId) {
        DocumentSafe.Folder chosen = chosen(folderId, null);
        SafeLink safe = SafeLink.forCaller(request.session, caller, SafeLink.WRITE);
        safe.requireWritable(owner, caller.userId(), chosen);
        Map<String, Object> message = postfach.reading().open(caller, owner, messageId);
        boolean notice = Boolean.TRUE.equals(message.get("notice")) || message.get("notice") instanceof Map;
        StringBuilder text = new StringBuilder(MessageText.of(message));
        if (notice) {
            Map<String, Object> evidence = postfach.notices().evidence(caller, owner, messageId);
            text.append(MessageText.evidence(evidence, NoticeReceipts.sign(request.session, evidence),
                    request.session.getContext().getRealm().getName()));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        String date = String.valueOf(message.get("createdAt")).substring(0, 10);
        DocumentSafe.NewDocument document = new DocumentSafe.NewDocument(
                (notice ? "Bescheid " : "Nachricht ") + date + (notice ? " mit Zustellnachweis.txt" : ".txt"), TEXT,
                bytes.length, new ByteArrayInputStream(bytes));
        List<Attachments.Download> downloads = io(() -> postfach.attachments().downloadAll(caller, owner, messageId));
        int level = Loa.minimum(String.valueOf(message.get("minimumTrustLevel")));
        DocumentSafe.Folder folder = chosen != null ? chosen
                : notice ? DocumentSafe.Folder.topNamed(SafeLink.NOTICE_FOLDER) : DocumentSafe.Folder.TOP;
        List<String> ids = safe.store(owner, caller.userId(), folder, level, downloads, List.of(document));
        return Views.ordered("documentIds", ids);
    }

    /**
     * An authority's notice, delivered, goes into the recipient's safe too: its attachments into the folder
     * {@value SafeLink#NOTICE_FOLDER}, all or none. If the safe cannot take them (full counting what open upload
     * sessions reserve, too many documents or folders, a name or type it refuses, none for this recipient, not
     * installed), the notice stays delivered and the answer says why the copy was not stored; the safe keeps nothing of
     * it. The safe checks its limits again under its lock before it writes; that refusal (another request filled the
     * safe in between) comes before any write, so it too leaves the notice delivered.
     */
    static Map<String, Object> intoSafe(PostfachRequest request, Postfach postfach, Delivery.Sent sent) {
        SafeLink safe;
        try {
            safe = SafeLink.available(request.session);
            safe.requireSafe(sent.to());
        } catch (PostfachException e) {
            return Views.ordered("stored", false, "error", e.code());
        }
        List<Attachments.Download> downloads = io(() -> postfach.attachments().delivered(sent));
        // No member acts: the Postfach stores the authority's delivery (the safe checks the recipient is active).
        DocumentSafe.Folder folder = DocumentSafe.Folder.topNamed(SafeLink.NOTICE_FOLDER);
        String refusal = safe.refusal(sent.to(), null, folder, downloads.stream()
                .map(d -> new DocumentSafe.Planned(d.filename(), d.mimeType(), d.size())).toList());
        if (refusal == null) {
            try {
                return Views.ordered("stored", true, "documentIds", safe.store(sent.to(), null, folder,
                        sent.senderCopy().minLoa(), downloads, List.of()));
            } catch (PostfachException e) {
                if (!DocumentSafe.DOES_NOT_FIT.contains(e.code())) {
                    throw e; // a content failure: the whole request rolls back, the notice with it
                }
                refusal = e.code();
            }
        }
        Attachments.discardAll(downloads);
        LOG.debugf("Notice %s not copied into the recipient's safe: %s", sent.messageRef(), refusal);
        return Views.ordered("stored", false, "error", refusal);
    }

    /**
     * The folder the caller chose (a folder id of the safe, given as {@code ?folder=}), or {@code otherwise}; a value
     * that is no id answers 404 {@code not_found} as the safe answers an id it does not have.
     */
    private static DocumentSafe.Folder chosen(String folderId, DocumentSafe.Folder otherwise) {
        if (folderId == null) {
            return otherwise;
        }
        if (!Party.isId(folderId)) {
            throw PostfachException.notFound();
        }
        return DocumentSafe.Folder.existing(folderId);
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text document of a saved message, German first, English too. */
    private static final class MessageText {

        static String of(Map<String, Object> message) {
            StringBuilder text = new StringBuilder();
            text.append("Nachricht aus dem Servicekonto-Postfach / Message from the Servicekonto Postfach\n\n");
            text.append("Von / From: ").append(message.get("senderName")).append('\n');
            text.append("Datum / Date: ").append(message.get("createdAt")).append('\n');
            text.append("Betreff / Subject: ").append(message.get("subject")).append("\n\n");
            text.append(message.get("body")).append("\n\n");
            List<String> files = new ArrayList<>();
            if (message.get("attachments") instanceof List<?> attachments) {
                for (Object attachment : attachments) {
                    files.add(String.valueOf(((Map<?, ?>) attachment).get("filename")));
                }
            }
            text.append("Anhänge / Attachments: ").append(files.isEmpty() ? "–" : String.join(", ", files)).append('\n');
            return text.toString();
        }

        static String evidence(Map<String, Object> evidence, String receipt, String realm) {
            return "\nZustellnachweis (Bekanntgabe, § 9 OZG) / Evidence of delivery\n"
                    + "Bereitgestellt / Provided: " + value(evidence.get("providedAt")) + '\n'
                    + "Benachrichtigt / Notified: " + value(evidence.get("notifiedAt")) + '\n'
                    + "Erstmals abgerufen / First retrieved: " + value(evidence.get("firstRetrievedAt")) + '\n'
                    + "Gilt als bekanntgegeben am / Deemed notified on: " + value(evidence.get("deemedNotifiedAt")) + '\n'
                    + "Regel / Rule: " + value(evidence.get("rule")) + '\n'
                    + "Nachrichtenreferenz / Message reference: " + value(evidence.get("messageRef")) + "\n\n"
                    + "Signierter Nachweis (JWS, prüfbar mit den öffentlichen Schlüsseln unter /realms/" + realm
                    + "/protocol/openid-connect/certs) / Signed receipt:\n" + receipt + '\n';
        }

        private static String value(Object value) {
            return value == null ? "–" : value.toString();
        }
    }
}
