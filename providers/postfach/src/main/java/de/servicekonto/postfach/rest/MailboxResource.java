package de.servicekonto.postfach.rest;

import de.servicekonto.postfach.Caller;
import de.servicekonto.postfach.ContentType;
import de.servicekonto.postfach.Delivery;
import de.servicekonto.postfach.Folders;
import de.servicekonto.postfach.PageCursor;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.Postfach;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.postfach.PostfachSettings;
import de.servicekonto.postfach.Reading;
import de.servicekonto.postfach.SearchWindow;
import de.servicekonto.postfach.Views;
import de.servicekonto.postfach.keycloak.NotificationSettings;
import de.servicekonto.postfach.keycloak.PostfachMeters;
import de.servicekonto.rest.JsonBody;
import de.servicekonto.postfach.mail.PostfachMails;
import de.servicekonto.rest.QueryParams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code mailboxes/{box}}: a mailbox's folders, pages, new messages, uploads, limits and e-mail settings; its
 * messages below ({@link MessageResource}).
 */
public final class MailboxResource {

    private final PostfachRequest request;

    MailboxResource(PostfachRequest request) {
        this.request = request;
    }

    @Path("messages/{id}")
    public MessageResource message(@PathParam("id") String id) {
        return new MessageResource(request, id);
    }

    @GET
    @Path("folders")
    @Produces(MediaType.APPLICATION_JSON)
    public Response folders() {
        return request.ok(Caller.READ, (postfach, caller, owner) -> Map.of("folders", postfach.reading().folders(owner)));
    }

    @GET
    @Path("messages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("folder") String folder, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor, @QueryParam("q") String query,
                         @QueryParam("sender") String sender, @QueryParam("since") String since,
                         @QueryParam("until") String until) {
        return request.ok(Caller.READ, (postfach, caller, owner) -> {
            String f = folder == null ? Folders.INBOX : Folders.parse(folder);
            if (f == null) {
                throw PostfachException.invalid("folder: inbox, sent, archive or trash");
            }
            int max = QueryParams.bounded("limit", limit, 20, 1, 100);
            PageCursor position;
            try {
                position = cursor == null ? null : PageCursor.decode(cursor);
            } catch (IllegalArgumentException e) {
                throw PostfachException.invalid("cursor is not one this API returned");
            }
            if ((query != null && query.length() > SearchWindow.MAX_QUERY) || (sender != null && sender.length() > SearchWindow.MAX_QUERY)) {
                throw PostfachException.invalid("q and sender: at most " + SearchWindow.MAX_QUERY + " characters");
            }
            return postfach.reading().list(caller, owner, new Reading.Query(f, max, position, query, sender,
                    Drafts.time(since, 0L, "since"), Drafts.time(until, Long.MAX_VALUE, "until")));
        });
    }

    @POST
    @Path("messages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(InputStream body) {
        return request.created(Caller.SEND, (postfach, caller, owner) -> {
            var json = request.json(body);
            Party to = Drafts.recipient(json);
            boolean intoSafe = Drafts.intoSafe(json);
            return deliver(request, postfach, caller, owner, json, to, null, intoSafe);
        });
    }

    /**
     * Sends (documents of the safe named as attachments staged first), delivers a notice into the recipient's safe
     * if asked, and tells the recipient (an e-mail without content) once this transaction has committed.
     */
    static Map<String, Object> deliver(PostfachRequest request, Postfach postfach, Caller caller, Party owner,
                                       JsonBody json, Party to, String inReplyTo, boolean intoSafe) {
        Delivery.Draft draft = Drafts.draft(json, to, inReplyTo, SafeTransfers.fromSafe(request, postfach, caller, owner));
        Delivery.Sent sent = postfach.delivery().send(caller, owner, draft);
        Map<String, Object> view = postfach.view(caller, sent);
        if (intoSafe) {
            view.put("safeCopy", SafeTransfers.intoSafe(request, postfach, sent));
        }
        PostfachMails.afterCommit(request.session, sent, request.retry);
        PostfachMeters.sentOnCommit(request.session, sent);
        return view;
    }

    @POST
    @Path("attachments")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@QueryParam("filename") String filename, @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("Content-Length") String length, InputStream body) {
        return request.created(Caller.SEND, (postfach, caller, owner) -> {
            long declared = Drafts.length(length);
            try {
                return postfach.attachments().stage(owner, filename, contentType, declared, body);
            } catch (IOException e) {
                throw new PostfachException(400, "upload_failed", "the upload was interrupted");
            }
        });
    }

    @GET
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Response settings() {
        return request.ok(Caller.READ, (postfach, caller, owner) ->
                NotificationSettings.read(request.session, request.session.getContext().getRealm(), caller, owner));
    }

    @PUT
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateSettings(InputStream body) {
        return request.ok(Caller.READ, (postfach, caller, owner) -> {
            var json = request.json(body).object();
            var emails = json.get("newMessageEmails");
            if (emails == null || !emails.isBoolean() || json.size() != 1) {
                throw PostfachException.invalid("the body is {\"newMessageEmails\": true|false}");
            }
            return NotificationSettings.update(request.session, request.session.getContext().getRealm(), caller, owner,
                    emails.booleanValue());
        });
    }

    /**
     * The realm's limits for what may be sent to or from this mailbox, so a client can tell a person before an upload
     * (the server checks them again on every call).
     */
    @GET
    @Path("limits")
    @Produces(MediaType.APPLICATION_JSON)
    public Response limits() {
        return request.ok(Caller.READ, (postfach, caller, owner) -> {
            PostfachSettings limits = postfach.settings();
            return Views.ordered("maxAttachments", limits.maxAttachments(),
                    "maxAttachmentBytes", limits.maxAttachmentBytes(),
                    "attachmentTypes", ContentType.allowedMimeTypes(),
                    "maxSubjectChars", PostfachSettings.MAX_SUBJECT,
                    "maxBodyChars", PostfachSettings.MAX_BODY,
                    "maxFilenameChars", PostfachSettings.MAX_FILENAME,
                    "undoSeconds", limits.undoPeriod().toSeconds());
        });
    }
}
