package de.servicekonto.postfach.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.postfach.Caller;
import de.servicekonto.postfach.ContentType;
import de.servicekonto.postfach.PageCursor;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.postfach.MailRetry;
import de.servicekonto.postfach.Attachments;
import de.servicekonto.postfach.Delivery;
import de.servicekonto.postfach.Folders;
import de.servicekonto.postfach.Loa;
import de.servicekonto.postfach.Postfach;
import de.servicekonto.postfach.Reading;
import de.servicekonto.postfach.keycloak.KeycloakPostfach;
import de.servicekonto.postfach.keycloak.NotificationSettings;
import de.servicekonto.postfach.PostfachSettings;
import de.servicekonto.postfach.SearchWindow;
import de.servicekonto.postfach.mail.PostfachMails;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.representations.AccessToken;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code /realms/{realm}/postfach}: the Postfach REST API (OpenAPI: {@code openapi.yaml}, also
 * {@code docs/api/postfach-api.yaml}).
 *
 * <p>Every call but the OpenAPI document needs a bearer access token of this realm with audience {@value #AUDIENCE}
 * and scope {@code postfach:read} (reading and managing one's messages) or {@code postfach:send} (sending, replying,
 * uploading). A mailbox is {@code me} (the caller's account), an authority id (staff, or the authority's bound
 * Fachverfahren client) or an organisation id (members holding the organisation's administrator role). A message id of another mailbox answers 404 like a missing one. Errors are JSON
 * {@code {"error","error_description"}} with a stable code; bad input never gives a 500.
 */
public final class PostfachResource implements RealmResourceProvider {

    public static final String AUDIENCE = "postfach";
    /** Request bodies of JSON calls: a maximal body (64 Ki characters, each escaped as 6) still fits. */
    static final int MAX_JSON_BYTES = 512 * 1024;
    private static final Logger LOG = Logger.getLogger(PostfachResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;

    private final MailRetry retry;

    PostfachResource(KeycloakSession session, MailRetry retry) {
        this.session = session;
        this.retry = retry;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public Response openApi() {
        InputStream yaml = PostfachResource.class.getResourceAsStream("/postfach-api.yaml");
        if (yaml == null) {
            return error(new PostfachException(404, "not_found", "no API document"));
        }
        return Response.ok((StreamingOutput) out -> {
            try (yaml) {
                yaml.transferTo(out);
            }
        }, "application/yaml").build();
    }

    @GET
    @Path("mailboxes/{box}/folders")
    @Produces(MediaType.APPLICATION_JSON)
    public Response folders(@PathParam("box") String box) {
        return call(Caller.READ, box, (postfach, caller, owner) -> Map.of("folders", postfach.reading().folders(owner)));
    }

    @GET
    @Path("mailboxes/{box}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("box") String box, @QueryParam("folder") String folder, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor, @QueryParam("q") String query,
                         @QueryParam("sender") String sender, @QueryParam("since") String since,
                         @QueryParam("until") String until) {
        return call(Caller.READ, box, (postfach, caller, owner) -> {
            String f = folder == null ? Folders.INBOX : Folders.parse(folder);
            if (f == null) {
                throw PostfachException.invalid("folder: inbox, sent, archive or trash");
            }
            int max = bounded(limit, 20, 1, 100, "limit");
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
                    time(since, 0L, "since"), time(until, Long.MAX_VALUE, "until")));
        });
    }

    @GET
    @Path("mailboxes/{box}/messages/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("box") String box, @PathParam("id") String id) {
        return call(Caller.READ, box, (postfach, caller, owner) -> postfach.reading().open(caller, owner, id));
    }

    @GET
    @Path("mailboxes/{box}/messages/{id}/thread")
    @Produces(MediaType.APPLICATION_JSON)
    public Response thread(@PathParam("box") String box, @PathParam("id") String id) {
        return call(Caller.READ, box, (postfach, caller, owner) -> Map.of("messages", postfach.reading().thread(caller, owner, id)));
    }

    @POST
    @Path("mailboxes/{box}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("box") String box, InputStream body) {
        return created(Caller.SEND, box, (postfach, caller, owner) -> {
            JsonNode json = readJson(body);
            Party to = recipient(json.get("to"));
            return deliver(postfach, caller, owner, json, to, null);
        });
    }

    @POST
    @Path("mailboxes/{box}/messages/{id}/reply")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("box") String box, @PathParam("id") String id, InputStream body) {
        return created(Caller.SEND, box, (postfach, caller, owner) -> {
            JsonNode json = readJson(body);
            return deliver(postfach, caller, owner, json, null, id);
        });
    }

    @POST
    @Path("mailboxes/{box}/messages/{id}/read")
    @Produces(MediaType.APPLICATION_JSON)
    public Response markRead(@PathParam("box") String box, @PathParam("id") String id) {
        return noContent(Caller.READ, box, (postfach, caller, owner) -> postfach.actions().markRead(caller, owner, id, true));
    }

    @DELETE
    @Path("mailboxes/{box}/messages/{id}/read")
    @Produces(MediaType.APPLICATION_JSON)
    public Response markUnread(@PathParam("box") String box, @PathParam("id") String id) {
        return noContent(Caller.READ, box, (postfach, caller, owner) -> postfach.actions().markRead(caller, owner, id, false));
    }

    @POST
    @Path("mailboxes/{box}/messages/{id}/archive")
    @Produces(MediaType.APPLICATION_JSON)
    public Response archive(@PathParam("box") String box, @PathParam("id") String id) {
        return noContent(Caller.READ, box, (postfach, caller, owner) -> postfach.actions().archive(caller, owner, id));
    }

    @DELETE
    @Path("mailboxes/{box}/messages/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("box") String box, @PathParam("id") String id) {
        return call(Caller.READ, box, (postfach, caller, owner) -> postfach.actions().delete(caller, owner, id));
    }

    @POST
    @Path("mailboxes/{box}/messages/{id}/restore")
    @Produces(MediaType.APPLICATION_JSON)
    public Response restore(@PathParam("box") String box, @PathParam("id") String id) {
        return noContent(Caller.READ, box, (postfach, caller, owner) -> postfach.actions().restore(caller, owner, id));
    }

    @POST
    @Path("mailboxes/{box}/attachments")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("box") String box, @QueryParam("filename") String filename,
                           @HeaderParam("Content-Type") String contentType, @HeaderParam("Content-Length") String length,
                           InputStream body) {
        return created(Caller.SEND, box, (postfach, caller, owner) -> {
            long declared = -1;
            if (length != null) {
                try {
                    declared = Long.parseLong(length.strip());
                } catch (NumberFormatException e) {
                    throw PostfachException.invalid("Content-Length is not a number");
                }
            }
            try {
                return postfach.attachments().stage(owner, filename, contentType, declared, body);
            } catch (IOException e) {
                throw new PostfachException(400, "upload_failed", "the upload was interrupted");
            }
        });
    }

    @GET
    @Path("mailboxes/{box}/messages/{id}/attachments/{attachment}")
    public Response download(@PathParam("box") String box, @PathParam("id") String id,
                             @PathParam("attachment") String attachment) {
        Object[] holder = new Object[1];
        Response refused = authenticated(Caller.READ, box, (postfach, caller, owner) -> {
            try {
                holder[0] = postfach.attachments().download(caller, owner, id, attachment);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        if (refused != null) {
            return refused;
        }
        Attachments.Download download = (Attachments.Download) holder[0];
        StreamingOutput stream = out -> {
            try {
                download.writeTo(out);
            } catch (DecryptionException e) {
                // Abort the response: what was sent is authentic segment by segment, the whole is not.
                LOG.warnf("Attachment of realm %s failed authentication while streaming", session.getContext().getRealm().getName());
                throw new IOException("attachment failed authentication", e);
            }
        };
        return Response.ok(stream, download.mimeType())
                .header("Content-Length", download.size())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(download.filename(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(noStore()).build();
    }

    @GET
    @Path("mailboxes/{box}/settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Response settings(@PathParam("box") String box) {
        return call(Caller.READ, box, (postfach, caller, owner) -> NotificationSettings.read(session, session.getContext().getRealm(), caller, owner));
    }

    /**
     * The realm's limits for what may be sent to or from this mailbox, so a client can tell a person before an upload
     * (the server checks them again on every call).
     */
    @GET
    @Path("mailboxes/{box}/limits")
    @Produces(MediaType.APPLICATION_JSON)
    public Response limits(@PathParam("box") String box) {
        return call(Caller.READ, box, (postfach, caller, owner) -> {
            PostfachSettings limits = postfach.settings();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("maxAttachments", limits.maxAttachments());
            out.put("maxAttachmentBytes", limits.maxAttachmentBytes());
            out.put("attachmentTypes", ContentType.allowedMimeTypes());
            out.put("maxSubjectChars", PostfachSettings.MAX_SUBJECT);
            out.put("maxBodyChars", PostfachSettings.MAX_BODY);
            out.put("maxFilenameChars", PostfachSettings.MAX_FILENAME);
            out.put("undoSeconds", limits.undoPeriod().toSeconds());
            return out;
        });
    }

    @PUT
    @Path("mailboxes/{box}/settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateSettings(@PathParam("box") String box, InputStream body) {
        return call(Caller.READ, box, (postfach, caller, owner) -> {
            JsonNode json = readJson(body);
            JsonNode emails = json.get("newMessageEmails");
            if (emails == null || !emails.isBoolean() || json.size() != 1) {
                throw PostfachException.invalid("the body is {\"newMessageEmails\": true|false}");
            }
            return NotificationSettings.update(session, session.getContext().getRealm(), caller, owner, emails.booleanValue());
        });
    }

    @GET
    @Path("mailboxes/{box}/messages/{id}/receipt")
    @Produces(MediaType.APPLICATION_JSON)
    public Response receipt(@PathParam("box") String box, @PathParam("id") String id) {
        return call(Caller.READ, box, (postfach, caller, owner) -> {
            Map<String, Object> evidence = postfach.notices().evidence(caller, owner, id);
            Map<String, Object> out = new LinkedHashMap<>(evidence);
            out.put("receipt", NoticeReceipts.sign(session, evidence));
            return out;
        });
    }

    // --- plumbing ---

    private interface Action {
        Object run(Postfach postfach, Caller caller, Party owner);
    }

    private Response call(String scope, String box, Action action) {
        Object[] result = new Object[1];
        Response refused = authenticated(scope, box, (postfach, caller, owner) -> result[0] = action.run(postfach, caller, owner));
        return refused != null ? refused : Response.ok(result[0], MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore()).build();
    }

    private Response created(String scope, String box, Action action) {
        Object[] result = new Object[1];
        Response refused = authenticated(scope, box, (postfach, caller, owner) -> result[0] = action.run(postfach, caller, owner));
        return refused != null ? refused
                : Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(result[0]).cacheControl(noStore()).build();
    }

    private Response noContent(String scope, String box, VoidAction action) {
        Response refused = authenticated(scope, box, (postfach, caller, owner) -> {
            action.run(postfach, caller, owner);
            return null;
        });
        return refused != null ? refused : Response.noContent().cacheControl(noStore()).build();
    }

    private interface VoidAction {
        void run(Postfach postfach, Caller caller, Party owner);
    }

    /** Runs the action for an authenticated, authorized caller; returns the refusal, or null when it ran. */
    private Response authenticated(String scope, String box, Action action) {
        RealmModel realm = session.getContext().getRealm();
        try {
            Caller caller = caller(realm);
            if (!caller.scopes().contains(scope)) {
                throw new PostfachException(403, "insufficient_scope", "the token lacks scope " + scope);
            }
            Postfach postfach = KeycloakPostfach.of(session, realm);
            Party owner = postfach.access().authorize(caller, postfach.access().mailbox(caller, box));
            action.run(postfach, caller, owner);
            return null;
        } catch (PostfachException e) {
            session.getTransactionManager().setRollbackOnly();
            return error(e);
        } catch (UncheckedIOException e) {
            session.getTransactionManager().setRollbackOnly();
            return error(new PostfachException(400, "invalid_request", "the request could not be read"));
        } catch (jakarta.ws.rs.WebApplicationException e) {
            throw e;
        } catch (RuntimeException e) {
            // A fault of ours: logged with a reference, answered as JSON without detail, nothing kept.
            session.getTransactionManager().setRollbackOnly();
            String reference = java.util.UUID.randomUUID().toString();
            LOG.errorf(e, "Postfach request failed (reference %s)", reference);
            return error(new PostfachException(500, "server_error", "internal error, reference " + reference));
        }
    }

    private Caller caller(RealmModel realm) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setAudience(AUDIENCE).authenticate();
        Set<String> scopes = new HashSet<>();
        if (auth == null) {
            auth = accountConsole();
            if (auth != null) {
                // The person's own account console is the Postfach's first-party screen: it reads and writes the
                // person's mailboxes as the person. The trust level per message is checked as for any token.
                scopes.addAll(List.of(Caller.READ, Caller.SEND));
            }
        }
        if (auth == null || auth.user() == null || auth.token() == null) {
            throw new PostfachException(401, "unauthorized", "a valid bearer token of this realm for the Postfach is required");
        }
        String scope = auth.token().getScope();
        if (scope != null) {
            scopes.addAll(List.of(scope.trim().split(" +")));
        }
        String serviceAccountOf = auth.user().getServiceAccountClientLink();
        if (serviceAccountOf != null) {
            ClientModel client = realm.getClientById(serviceAccountOf);
            if (!FachverfahrenToken.isOwn(client == null ? null : client.getClientId(), auth.token().getIssuedFor())) {
                // The service account's user in a token another client holds (e.g. by token exchange) is not the
                // Fachverfahren: only the client's own token (azp = the client) acts for the authority.
                throw new PostfachException(403, "foreign_service_account_token",
                        "a service account acts only with a token issued to its own client");
            }
            String authority = session.getProvider(de.servicekonto.postfach.spi.AuthorityDirectory.class)
                    .authorityOfServiceAccount(realm, client).orElseThrow(() ->
                            new PostfachException(403, "forbidden", "this client is not bound to an authority"));
            return new Caller(auth.user().getId(), authority, 0, scopes);
        }
        if (!auth.user().isEnabled()) {
            throw new PostfachException(401, "unauthorized", "the account is disabled");
        }
        return new Caller(auth.user().getId(), null, Loa.ofAcr(auth.token().getAcr()), scopes);
    }

    /**
     * A token of Keycloak's account console ({@code azp} {@value Constants#ACCOUNT_CONSOLE_CLIENT_ID}, audience
     * {@value Constants#ACCOUNT_MANAGEMENT_CLIENT_ID}, role manage-account) of a person, or null. No other client is
     * accepted this way: portals and Fachverfahren need the Postfach scopes (audience {@value #AUDIENCE}).
     */
    private AuthenticationManager.AuthResult accountConsole() {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setAudience(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID).authenticate();
        if (auth == null || auth.user() == null || auth.token() == null
                || !Constants.ACCOUNT_CONSOLE_CLIENT_ID.equals(auth.token().getIssuedFor())
                || auth.user().getServiceAccountClientLink() != null) {
            return null;
        }
        AccessToken.Access account = auth.token().getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        return account != null && account.isUserInRole(AccountRoles.MANAGE_ACCOUNT) ? auth : null;
    }

    private Object deliver(Postfach postfach, Caller caller, Party owner, JsonNode json, Party to, String inReplyTo) {
        String subject = text(json, "subject", true);
        String body = text(json, "body", true);
        boolean notice = json.path("notice").asBoolean(false);
        if (json.has("notice") && !json.get("notice").isBoolean()) {
            throw PostfachException.invalid("notice must be true or false");
        }
        List<String> attachments = new ArrayList<>();
        JsonNode list = json.get("attachments");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > 20) {
                throw PostfachException.invalid("attachments: an array of at most 20 ids");
            }
            list.forEach(node -> attachments.add(node.isTextual() ? node.asText() : ""));
        }
        int minLoa = Loa.minimum(text(json, "minimumTrustLevel", false));
        Delivery.Sent sent = postfach.delivery().send(caller, owner,
                new Delivery.Draft(to, subject, body, attachments, minLoa, notice, inReplyTo));
        // Tell the recipient (an e-mail without content) once this transaction has committed.
        PostfachMails.afterCommit(session, sent, retry);
        return postfach.view(caller, sent);
    }

    private static Party recipient(JsonNode to) {
        if (to == null || !to.isObject()) {
            throw PostfachException.invalid("to: {\"kind\": \"authority\"|\"user\"|\"organisation\", \"id\": ...}");
        }
        String kind = to.path("kind").asText("");
        String id = to.path("id").asText("");
        if (!Party.isId(id)) {
            throw new PostfachException(400, "unknown_recipient", "no such recipient");
        }
        return switch (kind) {
            case "authority" -> new Party(Party.Kind.AUTHORITY, id);
            case "user" -> new Party(Party.Kind.USER, id);
            case "organisation" -> new Party(Party.Kind.ORGANISATION, id);
            default -> throw PostfachException.invalid("to.kind: authority, user or organisation");
        };
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw PostfachException.invalid(field + " is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw PostfachException.invalid(field + " must be a string");
        }
        return node.asText();
    }

    /**
     * The request's JSON object, read up to {@value #MAX_JSON_BYTES} bytes. The media type is checked here rather
     * than by {@code @Consumes}, so a caller first learns whether its token is good (401) and then gets a stable
     * error code for a body that is not JSON ({@code unsupported_media_type}).
     */
    private JsonNode readJson(InputStream body) {
        MediaType type = session.getContext().getHttpRequest().getHttpHeaders().getMediaType();
        if (type == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            throw new PostfachException(415, "unsupported_media_type", "the body must be application/json");
        }
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_JSON_BYTES + 1);
        } catch (IOException e) {
            throw new PostfachException(400, "invalid_request", "the request body could not be read");
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw new PostfachException(413, "request_too_large", "at most " + MAX_JSON_BYTES + " bytes of JSON");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new PostfachException(400, "malformed_json", "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PostfachException(400, "malformed_json", "the body is not valid JSON");
        } catch (IOException e) {
            throw new PostfachException(400, "malformed_json", "the body is not valid JSON");
        }
    }

    private static int bounded(String value, int fallback, int min, int max, String name) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw PostfachException.invalid(name + ": " + min + " to " + max);
    }

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** An ISO date (start of that day, UTC) or instant. */
    private static long time(String value, long fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.length() > 40) {
            throw PostfachException.invalid(name + ": an ISO date or instant");
        }
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw PostfachException.invalid(name + ": an ISO date or instant");
        }
        // Years 1970 to 9999: what a mailbox can hold, and far from the overflow of epoch milliseconds.
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw PostfachException.invalid(name + ": a date between 1970 and 9999");
        }
        return instant.toEpochMilli();
    }

    static Response error(PostfachException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("error_description", e.getMessage());
        body.putAll(e.extra());
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .cacheControl(noStore());
        if ("step_up_required".equals(e.code())) {
            // RFC 9470 (OAuth 2.0 Step Up Authentication Challenge): a new token of a stronger login is needed.
            response.header("WWW-Authenticate", "Bearer realm=\"postfach\", error=\"insufficient_user_authentication\", "
                    + "error_description=\"A stronger login is required\", acr_values=\"" + e.extra().get("acr") + "\"");
        } else if (e.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"postfach\"");
        }
        return response.build();
    }

    private static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }

    @Override
    public void close() {
    }
}
