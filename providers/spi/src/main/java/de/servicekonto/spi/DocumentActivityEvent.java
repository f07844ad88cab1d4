package de.servicekonto.spi;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Something happened to a document in a Dokumentensafe that belongs in the activity log of the person who did it: an
 * upload, a download, a share into the Postfach, a save from the Postfach or a deletion, in their own safe or in an
 * organisation's. Published by the Dokumentensafe in the request that did it (so a listener writes in that request's
 * transaction); the activity log listens. Names and content are never part of it, only the document's id.
 *
 * @param user         who did it: the safe's owner, or the member acting in an organisation's safe
 * @param action       {@value #UPLOAD}, {@value #SAVE_FROM_POSTFACH}, {@value #DOWNLOAD}, {@value #SHARE} or
 *                     {@value #DELETE}
 * @param documentId   the document's id in the safe
 * @param organisation the organisation's name when the safe is an organisation's; null for the person's own
 */
public record DocumentActivityEvent(KeycloakSession session, RealmModel realm, UserModel user, String action,
                                    String documentId, String organisation) implements ProviderEvent {

    public static final String UPLOAD = "upload";
    /** Stored from a Postfach message (an attachment, a notice with its receipt, a delivery into the safe). */
    public static final String SAVE_FROM_POSTFACH = "save-from-postfach";
    public static final String DOWNLOAD = "download";
    /** Read to be attached to a Postfach message: a copy goes to the recipient. */
    public static final String SHARE = "share";
    public static final String DELETE = "delete";

    @Override
    public KeycloakSession getKeycloakSession() {
        return session;
    }
}
