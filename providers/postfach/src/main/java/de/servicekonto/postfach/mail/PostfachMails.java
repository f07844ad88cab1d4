package de.servicekonto.postfach.mail;

import de.servicekonto.postfach.MailRetry;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.Delivery;
import de.servicekonto.postfach.Postfach;
import de.servicekonto.postfach.keycloak.KeycloakParties;
import de.servicekonto.postfach.keycloak.KeycloakPostfach;
import de.servicekonto.postfach.keycloak.PostfachMeters;
import de.servicekonto.postfach.spi.AuthorityDirectory;
import de.servicekonto.postfach.spi.PendingMail;
import de.servicekonto.spi.AfterCommitMail;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.urls.UrlType;

/**
 * E-mails to an account about its Postfach, or to the administrators of an organisation about the organisation's
 * (each to a verified address): never with content (no subject, no sender name, no body), only that
 * something arrived and where to read it. New messages: unless the account turned it off (user attribute
 * {@value KeycloakParties#NOTIFY_ATTRIBUTE}={@code false}). Official notices (OZG §9): always, and the time the mail server took the
 * e-mail is recorded as {@code notifiedAt}. An e-mail the mail server does not accept is tried again
 * ({@link MailRetry}, rows {@code SK_PF_PENDING_MAIL}).
 */
public final class PostfachMails {

    /**
     * Realm attribute: the address of the citizens' Postfach page, put into the e-mail as the only link. Without it
     * the link is the account console's Postfach page, {@value #CONSOLE_PAGE} below the realm's public address.
     */
    public static final String LINK_ATTRIBUTE = "sk.postfach.link";
    /** The Postfach page of the account console, relative to the realm's address {@code /realms/{realm}/}. */
    public static final String CONSOLE_PAGE = "account/postfach";
    static final String MESSAGE_TEMPLATE = "sk-postfach-new-message.ftl";
    static final String NOTICE_TEMPLATE = "sk-postfach-notice.ftl";

    private PostfachMails() {
    }

    /** What became of one message's e-mail. */
    enum Outcome {
        /** A mail server accepted it (for an organisation: at least one administrator's). */
        SENT,
        /** Nobody to mail: no verified address, e-mails turned off, account gone or disabled. */
        NOBODY,
        /** The mail server was unreachable or refused it. */
        FAILED
    }

    /**
     * After the sending transaction commits: e-mail the recipient if it is an account, or an organisation's
     * administrators. The message's pending-mail row (written with it) is removed on success or retried later.
     */
    public static void afterCommit(KeycloakSession session, Delivery.Sent sent, MailRetry retry) {
        // The same decision as the one that wrote (or did not write) the pending-mail row.
        if (!sent.emailFollows()) {
            return;
        }
        String recipientId = sent.to().id();
        boolean organisation = sent.to().kind() == Party.Kind.ORGANISATION;
        boolean notice = sent.notice();
        String messageRef = sent.messageRef();
        // The public address is known here, in the API request; the delivery runs in a session of its own.
        String link = link(session.getContext().getRealm(), requestBase(session));
        AfterCommitMail.afterCommit(session,
                (s, realm) -> deliver(s, realm, recipientId, organisation, messageRef, notice, retry, link, false));
    }

    /**
     * Tries again the e-mails of a realm that are due (the mail server refused or was unreachable before, or the node
     * stopped before its first attempt); each in a transaction of its own. Returns how many were tried.
     */
    public static int retryDue(KeycloakSessionFactory factory, String realmId, MailRetry retry, int limit) {
        List<PendingMail> due = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            if (realm == null) {
                return List.<PendingMail>of();
            }
            s.getContext().setRealm(realm);
            return KeycloakPostfach.of(s, realm).outbox().due(limit);
        });
        for (PendingMail mail : due) {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel realm = s.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                s.getContext().setRealm(realm);
                deliver(s, realm, mail.recipientId(), Party.Kind.ORGANISATION.name().equals(mail.recipientKind()),
                        mail.messageRef(), mail.notice(), retry, link(realm, configuredBase(realm)), true);
            });
        }
        return due.size();
    }

    /**
     * Mails one message's recipient in {@code session}, whose context's realm is {@code realm}; {@code again} for a
     * retry by the timer (counted apart from first attempts).
     */
    private static void deliver(KeycloakSession session, RealmModel realm, String recipientId, boolean organisation,
                                String messageRef, boolean notice, MailRetry retry, String link, boolean again) {
        Postfach postfach = KeycloakPostfach.of(session, realm);
        Outcome outcome = Outcome.NOBODY;
        if (organisation) {
            // Each administrator with a verified address, as for an account; the opt-out is each administrator's.
            for (UserModel admin : session.getProvider(AuthorityDirectory.class).organisationAdministrators(realm, recipientId)) {
                Outcome one = mail(session, realm, admin, notice, link);
                outcome = one == Outcome.SENT || outcome == Outcome.SENT ? Outcome.SENT
                        : one == Outcome.FAILED ? Outcome.FAILED : outcome;
            }
        } else {
            UserModel user = session.users().getUserById(realm, recipientId);
            outcome = user == null ? Outcome.NOBODY : mail(session, realm, user, notice, link);
        }
        PostfachMeters.mailed(realm.getName(), again, outcome);
        if (notice && outcome == Outcome.SENT) {
            // notifiedAt: when the mail server took the (first) e-mail.
            postfach.notices().notice(messageRef).ifPresent(n -> postfach.notices().notified(n.id()));
        }
        // A notice is mailed until someone can receive it (an address may be confirmed later); a new message only
        // while the mail server refuses.
        if (outcome == Outcome.SENT || (outcome == Outcome.NOBODY && !notice)) {
            postfach.outbox().done(messageRef);
        } else {
            postfach.outbox().failed(messageRef, retry);
        }
    }

    /**
     * The link of the e-mails: the realm's {@value #LINK_ATTRIBUTE} if set, otherwise the console's Postfach page
     * below {@code base} (the server's public address), otherwise (no address known) none.
     */
    static String link(RealmModel realm, String base) {
        String configured = realm.getAttribute(LINK_ATTRIBUTE);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return consolePage(base, realm.getName());
    }

    /** The console's Postfach page below the server's public address {@code base}, or null without one. */
    static String consolePage(String base, String realmName) {
        if (base == null || base.isBlank()) {
            return null;
        }
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return root + "/realms/" + URLEncoder.encode(realmName, StandardCharsets.UTF_8).replace("+", "%20") + "/"
                + CONSOLE_PAGE;
    }

    /** The public address of the request being served (the realm's frontend URL if it has one), or the configured. */
    private static String requestBase(KeycloakSession session) {
        try {
            return session.getContext().getUri(UrlType.FRONTEND).getBaseUri().toString();
        } catch (RuntimeException noRequest) {
            return configuredBase(session.getContext().getRealm());
        }
    }

    /**
     * Outside a request (the retries): the realm's frontend URL, or the server's {@code --hostname} when it is a
     * full address; null when neither is set (the e-mail then has no link).
     */
    private static String configuredBase(RealmModel realm) {
        String frontend = realm.getAttribute("frontendUrl");
        if (frontend != null && !frontend.isBlank()) {
            return frontend;
        }
        String hostname = Config.scope("hostname", "v2").get("hostname");
        return hostname != null && hostname.matches("(?i)https?://.+") ? hostname : null;
    }

    /** What the templates read besides their messages: the link (or none) and that no browser chooses the language. */
    private static Map<String, Object> attributes(String link) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", link);
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, Boolean.TRUE);
        return attributes;
    }

    /**
     * One e-mail through Keycloak's {@code EmailTemplateProvider} ({@link AfterCommitMail#send}): the realm's e-mail theme, its SMTP settings, the
     * subject from the theme's messages, the language Keycloak chooses for the account (its own language, else the
     * realm's default; not the sending browser's Accept-Language, {@value Constants#IGNORE_ACCEPT_LANGUAGE_HEADER}).
     * Known limit: Keycloak's locale selector still reads the sending request's language cookie, so a recipient who
     * chose no language can get the sender's console language.
     */
    private static Outcome mail(KeycloakSession session, RealmModel realm, UserModel user, boolean notice,
                                String link) {
        if (!KeycloakParties.account(user).mayMail(notice)) {
            return Outcome.NOBODY;
        }
        // A failure is logged without the address; a notice without notifiedAt shows the authority that the e-mail
        // did not go out.
        return AfterCommitMail.send(session, realm, user, "Postfach e-mail", mail -> mail.send(
                notice ? "skPostfachNoticeSubject" : "skPostfachMessageSubject", List.of(),
                notice ? NOTICE_TEMPLATE : MESSAGE_TEMPLATE, attributes(link))) ? Outcome.SENT : Outcome.FAILED;
    }
}
