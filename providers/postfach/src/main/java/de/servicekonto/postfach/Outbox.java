package de.servicekonto.postfach;

import de.servicekonto.postfach.spi.PendingMail;
import java.util.List;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * The e-mails about delivered messages until a mail server accepts them ({@code SK_PF_PENDING_MAIL}): which delivery
 * is followed by an e-mail, the row written with the message, and what a failed attempt leads to ({@link MailRetry}).
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private final PostfachContext context;

    Outbox(PostfachContext context) {
        this.context = context;
    }

    /**
     * Whether a delivery to {@code to} is followed by an e-mail: to an organisation (its administrators, each checked
     * when mailed), for a notice to an account always, for a new message to an account that may be mailed; never to
     * an authority.
     */
    public boolean emailFollows(Party to, boolean notice) {
        return switch (to.kind()) {
            case ORGANISATION -> true;
            case USER -> notice || context.parties().account(to.id()).map(a -> a.mayMail(false)).orElse(false);
            case AUTHORITY -> false;
        };
    }

    /**
     * Until a mail server accepts the e-mail: the first attempt runs after the commit; this row is for the retry task
     * should the node stop before ({@link MailRetry#UNREPORTED_ATTEMPT}).
     */
    void pending(String messageRef, Party to, boolean notice, long now) {
        context.store().addPendingMail(new PendingMail(messageRef, context.realmId(), to.kind().name(), to.id(), notice, 0,
                now + MailRetry.UNREPORTED_ATTEMPT.toMillis()));
    }

    /** Nothing more to do for the message's e-mail: accepted, or nobody to mail. */
    public void done(String messageRef) {
        context.store().removePendingMail(context.realmId(), messageRef);
    }

    /**
     * The message's e-mail was not accepted: when to try again, by {@code retry}; after the last attempt the row goes
     * and a warning is logged (a notice then keeps {@code notifiedAt} empty, which its receipt shows).
     */
    public void failed(String messageRef, MailRetry retry) {
        context.store().pendingMail(context.realmId(), messageRef).ifPresent(mail -> {
            OptionalLong next = retry.next(mail.attempts() + 1, context.now());
            if (next.isPresent()) {
                context.store().mailAttemptFailed(context.realmId(), messageRef, next.getAsLong());
            } else {
                context.store().removePendingMail(context.realmId(), messageRef);
                LOG.warnf("E-mail about %s %s in realm %s not accepted after %d attempts; no further attempt",
                        mail.notice() ? "official notice" : "message", messageRef, context.realmName(),
                        mail.attempts() + 1);
            }
        });
    }

    /** E-mails due for another attempt now, oldest first. */
    public List<PendingMail> due(int limit) {
        return context.store().duePendingMails(context.realmId(), context.now(), limit);
    }
}
