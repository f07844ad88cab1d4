package de.servicekonto.postfach;

import de.servicekonto.crypto.DataKey;
import java.util.Map;

/**
 * The Postfach of one realm for one request: its collaborators, each with one responsibility, on one
 * {@link PostfachContext}. In the server {@code keycloak.KeycloakPostfach} builds the context; unit tests build it on
 * the in-memory store.
 */
public final class Postfach {

    private final PostfachContext context;
    private final MailboxAccess access;
    private final Views views;
    private final Reading reading;
    private final MessageActions actions;
    private final Notices notices;
    private final Attachments attachments;
    private final Outbox outbox;
    private final Delivery delivery;
    private final Retention retention;

    public Postfach(PostfachContext context) {
        this.context = context;
        this.access = new MailboxAccess(context);
        this.views = new Views(context.crypto(), context.settings().undoPeriod());
        this.notices = new Notices(context, access);
        this.reading = new Reading(context, access, views, notices);
        this.actions = new MessageActions(context, access, views, notices);
        this.attachments = new Attachments(context, access, notices);
        this.outbox = new Outbox(context);
        this.delivery = new Delivery(context, access, attachments, notices, outbox);
        this.retention = new Retention(context);
    }

    public PostfachSettings settings() {
        return context.settings();
    }

    public MailboxAccess access() {
        return access;
    }

    public Reading reading() {
        return reading;
    }

    public MessageActions actions() {
        return actions;
    }

    public Notices notices() {
        return notices;
    }

    public Attachments attachments() {
        return attachments;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Delivery delivery() {
        return delivery;
    }

    public Retention retention() {
        return retention;
    }

    /** The answer to a send: the sender's copy as listed, with the recipient's name and the message reference. */
    public Map<String, Object> view(Caller caller, Delivery.Sent sent) {
        DataKey key = context.crypto().keyForWriting(sent.from());
        Map<String, Object> view = views.summary(caller, sent.from(), sent.senderCopy(), java.util.Optional.of(key));
        view.put("recipientName", sent.recipientName());
        view.put("messageRef", sent.messageRef());
        return view;
    }
}
