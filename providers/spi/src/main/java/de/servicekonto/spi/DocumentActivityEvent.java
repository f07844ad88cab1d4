package de.servicekonto.spi;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Something happened to a document in a person's Dokumentensafe that belongs in their activity log: an upload, a
 * download or a deletion. Published by the Dokumentensafe in the request that did it (so a listener writes in that
 * request's transaction); the activity log listens. Names and content are never part of it, only the document's id.
 *
 * @param action     {@value #UPLOAD}, {@value #DOWNLOAD} or {@value #DELETE}
 * @param documentId the document's id in the safe
 */
public record DocumentActivityEvent(KeycloakSession session, RealmModel realm, UserModel user, String action,
                                    String documentId) implements ProviderEvent {

    public static final String UPLOAD = "upload";
    public static final String DOWNLOAD = "download";
    public static final String DELETE = "delete";

    @Override
    public KeycloakSession getKeycloakSession() {
        return session;
    }
}
