package de.servicekonto.postfach.rest;

import de.servicekonto.postfach.Caller;
import de.servicekonto.postfach.MailRetry;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.Postfach;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.postfach.keycloak.KeycloakPostfach;
import de.servicekonto.rest.ApiResponses;
import de.servicekonto.rest.JsonBody;
import de.servicekonto.rest.RequestRunner;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One call on one mailbox ({@code mailboxes/{box}}): run by the shared {@link RequestRunner} (flush, errors as JSON,
 * rollback, {@code no-store}), for a caller with the scope the operation needs who may use the mailbox
 * ({@code MailboxAccess}), before anything else happens.
 */
final class PostfachRequest {

    /** Request bodies of JSON calls: a maximal body (64 Ki characters, each escaped as 6) still fits. */
    static final int MAX_JSON_BYTES = 512 * 1024;

    /** What an operation does once the caller may use the mailbox. */
    interface Action {
        Object run(Postfach postfach, Caller caller, Party owner);
    }

    interface VoidAction {
        void run(Postfach postfach, Caller caller, Party owner);
    }

    /** An operation that writes its own response (the attachment download). */
    interface ResponseAction {
        Response run(Postfach postfach, Caller caller, Party owner);
    }

    final KeycloakSession session;
    final MailRetry retry;
    private final String box;
    private final RequestRunner<Response> runner;

    PostfachRequest(KeycloakSession session, MailRetry retry, String box) {
        this.session = session;
        this.retry = retry;
        this.box = box;
        this.runner = RequestRunner.forSession(session, PostfachCaller.AUDIENCE);
    }

    Response ok(String scope, Action action) {
        return respond(scope, (postfach, caller, owner) -> ApiResponses.ok(action.run(postfach, caller, owner)));
    }

    Response created(String scope, Action action) {
        return respond(scope, (postfach, caller, owner) -> ApiResponses.created(action.run(postfach, caller, owner)));
    }

    Response noContent(String scope, VoidAction action) {
        return respond(scope, (postfach, caller, owner) -> {
            action.run(postfach, caller, owner);
            return ApiResponses.noContent();
        });
    }

    /** Authenticates, checks the scope, resolves and authorizes the mailbox, then runs the action. */
    Response respond(String scope, ResponseAction action) {
        return runner.run(() -> {
            RealmModel realm = session.getContext().getRealm();
            Caller caller = PostfachCaller.authenticate(session, realm);
            if (!caller.scopes().contains(scope)) {
                throw new PostfachException(403, "insufficient_scope", "the token lacks scope " + scope);
            }
            Postfach postfach = KeycloakPostfach.of(session, realm);
            Party owner = postfach.access().authorize(caller, postfach.access().mailbox(caller, box));
            return action.run(postfach, caller, owner);
        });
    }

    /**
     * The request's JSON object, read up to {@value #MAX_JSON_BYTES} bytes. The media type is checked here rather
     * than by {@code @Consumes}, so a caller first learns whether its token is good (401) and then gets a stable
     * error code for a body that is not JSON ({@code unsupported_media_type}).
     */
    JsonBody json(InputStream body) {
        MediaType type = session.getContext().getHttpRequest().getHttpHeaders().getMediaType();
        if (type == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            throw new PostfachException(415, "unsupported_media_type", "the body must be application/json");
        }
        return JsonBody.read(body, MAX_JSON_BYTES, "malformed_json");
    }
}
