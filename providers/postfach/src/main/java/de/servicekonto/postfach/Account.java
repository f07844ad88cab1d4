package de.servicekonto.postfach;

/**
 * An account as the Postfach needs it: the name the other side sees and what decides whether it may be mailed.
 *
 * @param displayName      first and last name without invisible characters, or the username
 * @param verifiedEmail    an address exists and is verified
 * @param newMessageEmails the account did not turn off e-mails about ordinary messages
 */
public record Account(String id, String displayName, boolean enabled, boolean serviceAccount, boolean verifiedEmail,
                      boolean newMessageEmails) {

    /** Takes part in the Postfach: an enabled person (service accounts are Fachverfahren, not recipients). */
    public boolean active() {
        return enabled && !serviceAccount;
    }

    /**
     * Whether an e-mail about the Postfach may go to this account: a verified address (a notice's {@code notifiedAt}
     * must not rest on an address nobody confirmed), enabled, not a service account, and for an ordinary message not
     * turned off.
     */
    public boolean mayMail(boolean notice) {
        return verifiedEmail && active() && (notice || newMessageEmails);
    }
}
