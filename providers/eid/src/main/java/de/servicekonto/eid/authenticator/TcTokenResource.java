package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.EidClientLink;
import de.servicekonto.rest.ApiException;
import de.servicekonto.rest.RequestRunner;
import de.servicekonto.eid.TcToken;
import de.servicekonto.eid.server.EidServerException;
import de.servicekonto.eid.server.UseIdResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * {@code GET /realms/{realm}/sk-eid/tc-token?ref=…}: the TC Token (BSI TR-03124-1) for the eID-Client. Opens the
 * eID session at the eID-Server ({@code useID}) only now, when a citizen's eID-Client actually asks, and binds it to
 * the authentication session the reference names.
 *
 * <p>Answers without a stable error body on purpose: the caller is a program (AusweisApp), which shows its own
 * message; errors carry a short code in {@code text/plain} (the shared {@code RequestRunner.plainText}).
 */
public final class TcTokenResource implements RealmResourceProvider {

    static final String PATH = "tc-token";
    /** Authentication-session note: how many eID sessions this login opened. */
    static final String NOTE_USE_ID_COUNT = "sk-eid.use-id-count";
    static final int MAX_USE_ID_PER_LOGIN = 5;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(TcTokenResource.class);

    private final KeycloakSession session;
    private final EidServers servers;

    TcTokenResource(KeycloakSession session, EidServers servers) {
        this.session = session;
        this.servers = servers;
    }

    /** The TC Token URL of a reference, under the realm's public address. */
    static URI url(UriInfo uriInfo, RealmModel realm, String ref) {
        return UriBuilder.fromUri(uriInfo.getBaseUri()).path("realms").path(realm.getName())
                .path(TcTokenResourceFactory.ID).path(PATH).queryParam("ref", ref).build();
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Path(PATH)
    @Produces(MediaType.TEXT_XML)
    public Response tcToken(@QueryParam("ref") String ref) {
        RequestRunner<Response> runner = RequestRunner.plainText(session);
        return runner.run(() -> {
            RealmModel realm = session.getContext().getRealm();
            // Refusals are answered, not thrown: the ticket is single use and the count of eID sessions must stay,
            // so nothing is rolled back.
            ApiException unknown = new ApiException(404, "unknown_tc_token", "no such TC Token");
            java.util.Optional<TcTokenTickets.Ticket> redeemed = TcTokenTickets.redeem(session, realm, ref);
            if (redeemed.isEmpty()) {
                return runner.refuse(unknown);
            }
            TcTokenTickets.Ticket ticket = redeemed.get();
            ClientModel client = realm.getClientById(ticket.clientUuid());
            RootAuthenticationSessionModel root = session.authenticationSessions().getRootAuthenticationSession(realm, ticket.rootSessionId());
            AuthenticationSessionModel authSession = client == null || root == null ? null
                    : root.getAuthenticationSession(client, ticket.tabId());
            // Only the reference the login page shows right now counts; an older one of the same session does not.
            if (authSession == null || !ref.equals(authSession.getAuthNote(TcTokenTickets.NOTE_REF))) {
                return runner.refuse(unknown);
            }
            // Each TC Token opens a session at the eID-Server (which counts them, and may bill them): a few per login.
            int opened = parseCount(authSession.getAuthNote(NOTE_USE_ID_COUNT));
            if (opened >= MAX_USE_ID_PER_LOGIN) {
                return runner.refuse(new ApiException(429, "too_many_eid_sessions", "too many eID sessions for this login"));
            }
            authSession.setAuthNote(NOTE_USE_ID_COUNT, String.valueOf(opened + 1));
            AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(ticket.configId());
            try {
                EidSettings settings = EidSettings.parse(config == null ? java.util.Map.of() : config.getConfig())
                        .orElseThrow(() -> new IllegalArgumentException("no eID-Server configured"));
                // The RefreshAddress carries a nonce only the eID-Client that fetches this token learns.
                String nonce = randomNonce();
                URI refresh = UriBuilder.fromUri(ticket.refreshAddress()).queryParam(EidAuthenticator.NONCE_PARAMETER, nonce).build();
                if (!EidClientLink.acceptable(refresh)) {
                    throw new IllegalArgumentException("the public address of the realm is not https");
                }
                UseIdResponse eidSession = servers.client(session, settings, config.getConfig()).useId(settings.useIdRequest());
                URI serverAddress = eidSession.ecardServerAddress() != null ? eidSession.ecardServerAddress() : settings.serverUrl();
                TcToken token = new TcToken(serverAddress, eidSession.sessionId(), refresh, null, eidSession.pskKey());
                authSession.setAuthNote(EidAuthenticator.NOTE_SESSION, eidSession.sessionId());
                authSession.setAuthNote(EidAuthenticator.NOTE_NONCE, sha256(nonce));
                return Response.ok(token.toXml(), TcToken.MEDIA_TYPE).cacheControl(noStore())
                        .header("Referrer-Policy", "no-referrer").build();
            } catch (EidServerException e) {
                LOG.warnf("eID-Server of realm %s refused or failed useID: %s", realm.getName(), e.getMessage());
                authSession.setAuthNote(EidAuthenticator.NOTE_ERROR, e.result() == null ? "SERVER_BUSY" : e.result().name());
                return runner.refuse(new ApiException(502, "eid_server_unavailable", "the eID-Server failed"));
            } catch (RuntimeException e) {
                LOG.errorf("eID settings of realm %s are not usable: %s", realm.getName(), e.getMessage());
                return runner.refuse(new ApiException(503, "eid_not_configured", "the eID login is not configured"));
            }
        });
    }

    /** Whether a nonce from a RefreshAddress is the one whose hash the authentication session holds. */
    static boolean nonceMatches(String nonce, String expectedHash) {
        return MessageDigest.isEqual(sha256(nonce).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String randomNonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int parseCount(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return MAX_USE_ID_PER_LOGIN;
        }
    }

    /** The shared {@code no-store}, and {@code no-cache} too: the eID-Client must never reuse a TC Token. */
    private static CacheControl noStore() {
        CacheControl cache = RequestRunner.noStore();
        cache.setNoCache(true);
        return cache;
    }

    @Override
    public void close() {
    }
}
