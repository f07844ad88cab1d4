package de.servicekonto.dokumentensafe.rest;

import de.servicekonto.dokumentensafe.ContentReads;
import de.servicekonto.dokumentensafe.Dokumentensafe;
import de.servicekonto.dokumentensafe.OrganisationSafeAccess;
import de.servicekonto.dokumentensafe.Owner;
import de.servicekonto.dokumentensafe.SafeLevel;
import de.servicekonto.dokumentensafe.keycloak.KeycloakSafe;
import de.servicekonto.dokumentensafe.keycloak.OrganisationMembership;
import de.servicekonto.rest.ApiException;
import de.servicekonto.rest.ApiResponses;
import de.servicekonto.rest.BearerCaller;
import de.servicekonto.rest.JsonBody;
import de.servicekonto.rest.RequestRunner;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One call on a safe: the caller's own ({@code me}) or an organisation's ({@code organisations/{orgId}}), run by the
 * shared {@link RequestRunner} (flush, JSON errors, rollback of everything the call wrote, {@code no-store}). Who may
 * call: a bearer token of this realm for audience {@value #AUDIENCE} with scope {@value #READ} or {@value #WRITE},
 * or the person's own account console token (which reads and writes as the person). A client's service account has
 * no personal safe and acts for no organisation. On an organisation's safe the caller must be a member to read and
 * one of its administrators to write ({@link OrganisationSafeAccess}).
 */
final class SafeRequest {

    static final String AUDIENCE = "dokumentensafe";
    static final String READ = "dokumentensafe:read";
    static final String WRITE = "dokumentensafe:write";

    /** JSON bodies are a name or an id: a few KiB at most. */
    private static final int MAX_JSON_BYTES = 16 * 1024;

    interface Action {
        Object run(Dokumentensafe safe, Owner owner);
    }

    interface ResponseAction {
        Response run(Dokumentensafe safe, Owner owner);
    }

    private final KeycloakSession session;
    private final RequestRunner<Response> runner;
    /** The organisation whose safe is used; null: the caller's own. */
    private final String organisation;
    /** The caller's user id, once the token was checked. */
    private String callerId;

    SafeRequest(KeycloakSession session, String organisation) {
        this.session = session;
        this.runner = RequestRunner.forSession(session, AUDIENCE);
        this.organisation = organisation;
    }

    Response ok(String scope, Action action) {
        return respond(scope, (safe, owner) -> ApiResponses.ok(action.run(safe, owner)));
    }

    Response created(String scope, Action action) {
        return respond(scope, (safe, owner) -> ApiResponses.created(action.run(safe, owner)));
    }

    Response noContent(String scope, Action action) {
        return respond(scope, (safe, owner) -> {
            action.run(safe, owner);
            return ApiResponses.noContent();
        });
    }

    Response respond(String scope, ResponseAction action) {
        return runner.run(() -> {
            RealmModel realm = session.getContext().getRealm();
            Optional<BearerCaller> bearer = BearerCaller.find(session, AUDIENCE);
            boolean console = false;
            if (bearer.isEmpty()) {
                bearer = BearerCaller.find(session, Constants.ACCOUNT_MANAGEMENT_CLIENT_ID).filter(BearerCaller::isAccountConsole);
                console = bearer.isPresent();
            }
            BearerCaller caller = bearer.orElseThrow(() ->
                    ApiException.unauthorized("a valid bearer token of this realm for the Dokumentensafe is required"));
            caller.requireEnabled().requirePersonal("personal_account_required", "a service account has no Dokumentensafe");
            if (!console) {
                caller.requireScope(scope);
            }
            callerId = caller.user().getId();
            Owner owner = Owner.person(caller.user().getId());
            if (organisation != null) {
                OrganisationSafeAccess.require(OrganisationMembership.of(session, realm, caller.user(), organisation),
                        WRITE.equals(scope));
                owner = Owner.organisation(organisation);
            }
            // Documents copied from the Postfach keep the message's trust level: the session's is checked per document.
            return action.run(KeycloakSafe.of(session, realm, caller.user()).at(SafeLevel.ofAcr(caller.acr())), owner);
        });
    }

    /**
     * Reads for a response written after this request's transaction: each piece in a transaction of its own, after
     * checking again that the caller may read: the account still enabled (a help desk's lock disables it) and, for an
     * organisation's safe, still a member of the active organisation. A download that has started thus breaks off
     * (the connection closes before {@code Content-Length} bytes) within one piece (at most 1 MiB) of a lock, as it
     * does when the document is deleted.
     */
    ContentReads ownTransactions() {
        String realmId = session.getContext().getRealm().getId();
        String userId = callerId;
        String orgId = organisation;
        return KeycloakSafe.ownTransactions(session, own -> {
            RealmModel realm = own.realms().getRealm(realmId);
            if (realm == null || userId == null) {
                throw new AccessEnded();
            }
            own.getContext().setRealm(realm); // Keycloak's user and organization providers read it from the context
            UserModel user = own.users().getUserById(realm, userId);
            if (user == null || !user.isEnabled()) {
                throw new AccessEnded();
            }
            if (orgId != null) {
                try {
                    OrganisationSafeAccess.require(OrganisationMembership.of(own, realm, user, orgId), false);
                } catch (ApiException e) {
                    throw new AccessEnded();
                }
            }
        });
    }

    /** The caller may no longer read the document being downloaded. */
    static final class AccessEnded extends java.io.IOException {
        AccessEnded() {
            super("the caller may no longer read the document");
        }
    }

    /**
     * Ends the request's transaction now: commits what the call wrote (the activity log's entry), or rolls back a
     * refused call. Keycloak 26.7.3 closes a request's session only after a {@code StreamingOutput} has been written
     * ({@code CloseSessionFilter}), so without this the transaction, and the database connection it holds, would
     * last as long as the client takes to read the whole document. The stream then reads in transactions of its own.
     */
    void endTransaction() {
        KeycloakTransactionManager transaction = session.getTransactionManager();
        if (transaction.isActive()) {
            if (transaction.getRollbackOnly()) {
                transaction.rollback();
            } else {
                transaction.commit();
            }
        }
    }

    /** The JSON object of the body; 415 for another type, after the caller learnt whether its token is good. */
    JsonBody json(InputStream body) {
        MediaType type = session.getContext().getHttpRequest().getHttpHeaders().getMediaType();
        if (type == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            throw new ApiException(415, "unsupported_media_type", "the body must be application/json");
        }
        return JsonBody.read(body, MAX_JSON_BYTES, "malformed_json");
    }

    /** The member {@code size} of an upload session's body: a whole number of bytes. */
    static long size(JsonBody json) {
        var value = json.object().get("size");
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.invalid("size must be a whole number of bytes");
        }
        return value.longValue();
    }

    /** The request's Content-Length, or -1 when it has none. */
    static long length(String header) {
        if (header == null) {
            return -1;
        }
        try {
            long length = header.length() > 19 ? -2 : Long.parseLong(header.strip());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "invalid_request", "Content-Length is not a length");
    }
}
