package de.servicekonto.postfach.rest;

import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.postfach.Attachments;
import de.servicekonto.postfach.Caller;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import de.servicekonto.rest.ApiResponses;

/**
 * {@code mailboxes/{box}/messages/{id}}: one message of the mailbox. A message id of another mailbox answers 404 like
 * a missing one; every operation needs the session level the message asks for.
 */
public final class MessageResource {

    private static final Logger LOG = Logger.getLogger(MessageResource.class);
    private final PostfachRequest request;
    private final String id;

    MessageResource(PostfachRequest request, String id) {
        this.request = request;
        this.id = id;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return request.ok(Caller.READ, (postfach, caller, owner) -> postfach.reading().open(caller, owner, id));
    }

    @GET
    @Path("thread")
    @Produces(MediaType.APPLICATION_JSON)
    public Response thread() {
        return request.ok(Caller.READ, (postfach, caller, owner) -> Map.of("messages", postfach.reading().thread(caller, owner, id)));
    }

    @POST
    @Path("reply")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reply(InputStream body) {
        return request.created(Caller.SEND, (postfach, caller, owner) -> {
            var json = request.json(body);
            if (json.object().has("intoSafe")) {
                throw de.servicekonto.postfach.PostfachException.invalid("a reply is not a notice: no intoSafe");
            }
            return MailboxResource.deliver(request, postfach, caller, owner, json, null, id, false);
        });
    }

    /**
     * Saves the message into the mailbox owner's Dokumentensafe: a text document of it (for an official notice with
     * its evidence and signed receipt, into the folder "Bescheide" unless {@code folder} names another folder of the
     * safe) and its attachments. An organisation's mailbox saves into the organisation's safe.
     */
    @POST
    @Path("save-to-safe")
    @Produces(MediaType.APPLICATION_JSON)
    public Response saveToSafe(@QueryParam("folder") String folder) {
        return request.created(Caller.READ, (postfach, caller, owner) ->
                SafeTransfers.saveMessage(request, postfach, caller, owner, id, folder));
    }

    /** Saves one attachment into the mailbox owner's Dokumentensafe, at its top or into the folder {@code folder}. */
    @POST
    @Path("attachments/{attachment}/save-to-safe")
    @Produces(MediaType.APPLICATION_JSON)
    public Response saveAttachmentToSafe(@PathParam("attachment") String attachment, @QueryParam("folder") String folder) {
        return request.created(Caller.READ, (postfach, caller, owner) ->
                SafeTransfers.saveAttachment(request, postfach, caller, owner, id, attachment, folder));
    }

    @POST
    @Path("read")
    @Produces(MediaType.APPLICATION_JSON)
    public Response markRead() {
        return request.noContent(Caller.READ, (postfach, caller, owner) -> postfach.actions().markRead(caller, owner, id, true));
    }

    @DELETE
    @Path("read")
    @Produces(MediaType.APPLICATION_JSON)
    public Response markUnread() {
        return request.noContent(Caller.READ, (postfach, caller, owner) -> postfach.actions().markRead(caller, owner, id, false));
    }

    @POST
    @Path("archive")
    @Produces(MediaType.APPLICATION_JSON)
    public Response archive() {
        return request.noContent(Caller.READ, (postfach, caller, owner) -> postfach.actions().archive(caller, owner, id));
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete() {
        return request.ok(Caller.READ, (postfach, caller, owner) -> postfach.actions().delete(caller, owner, id));
    }

    @POST
    @Path("restore")
    @Produces(MediaType.APPLICATION_JSON)
    public Response restore() {
        return request.noContent(Caller.READ, (postfach, caller, owner) -> postfach.actions().restore(caller, owner, id));
    }

    @GET
    @Path("receipt")
    @Produces(MediaType.APPLICATION_JSON)
    public Response receipt() {
        return request.ok(Caller.READ, (postfach, caller, owner) -> {
            Map<String, Object> evidence = postfach.notices().evidence(caller, owner, id);
            Map<String, Object> out = new LinkedHashMap<>(evidence);
            out.put("receipt", NoticeReceipts.sign(request.session, evidence));
            return out;
        });
    }

    /**
     * The attachment's plaintext, decrypted while the response streams (the ciphertext was copied out of the
     * database in the request's transaction).
     */
    @GET
    @Path("attachments/{attachment}")
    public Response download(@PathParam("attachment") String attachment) {
        return request.respond(Caller.READ, (postfach, caller, owner) -> {
            Attachments.Download download;
            try {
                download = postfach.attachments().download(caller, owner, id, attachment);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String realm = request.session.getContext().getRealm().getName();
            StreamingOutput stream = out -> {
                try {
                    download.writeTo(out);
                } catch (DecryptionException e) {
                    // Abort the response: what was sent is authentic segment by segment, the whole is not.
                    LOG.warnf("Attachment of realm %s failed authentication while streaming", realm);
                    throw new IOException("attachment failed authentication", e);
                }
            };
            return ApiResponses.download(stream, download.mimeType(), download.size(), download.filename());
        });
    }
}
