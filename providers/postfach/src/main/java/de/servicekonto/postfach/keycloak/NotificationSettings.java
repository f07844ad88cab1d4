package de.servicekonto.postfach.keycloak;

import de.servicekonto.postfach.Caller;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.postfach.Views;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The personal mailbox's e-mail settings, kept as the account's attribute {@value KeycloakParties#NOTIFY_ATTRIBUTE}:
 * only for {@code me}, the caller's own account. E-mails about official notices cannot be turned off.
 */
public final class NotificationSettings {

    private NotificationSettings() {
    }

    public static Map<String, Object> read(KeycloakSession session, RealmModel realm, Caller caller, Party owner) {
        UserModel user = personalAccount(session, realm, caller, owner);
        return Views.ordered("newMessageEmails", !"false".equalsIgnoreCase(user.getFirstAttribute(KeycloakParties.NOTIFY_ATTRIBUTE)),
                "noticeEmails", true,
                "emailVerified", user.getEmail() != null && user.isEmailVerified());
    }

    public static Map<String, Object> update(KeycloakSession session, RealmModel realm, Caller caller, Party owner,
                                             boolean newMessageEmails) {
        UserModel user = personalAccount(session, realm, caller, owner);
        if (newMessageEmails) {
            user.removeAttribute(KeycloakParties.NOTIFY_ATTRIBUTE);
        } else {
            user.setSingleAttribute(KeycloakParties.NOTIFY_ATTRIBUTE, "false");
        }
        return read(session, realm, caller, owner);
    }

    private static UserModel personalAccount(KeycloakSession session, RealmModel realm, Caller caller, Party owner) {
        if (owner.kind() != Party.Kind.USER || caller.isServiceAccount()) {
            throw new PostfachException(404, "not_found", "settings exist for the personal mailbox (me) only");
        }
        return session.users().getUserById(realm, caller.userId());
    }
}
