package de.servicekonto.postfach;

/**
 * Who may write to whom. Citizens write to authorities and authorities to citizens; accounts do not write to each
 * other (the Postfach is not a chat between citizens) and authorities do not use it among themselves. Only an
 * authority delivers official notices, and only to an account. An authority cannot delete what it delivered: its
 * sent copy is the record of the delivery.
 */
public final class DeliveryRules {

    private DeliveryRules() {
    }

    /** @return null if allowed, else the stable error code */
    public static String refusal(Party from, Party to, boolean notice) {
        if (from.kind() == to.kind()) {
            return "recipient_not_allowed";
        }
        if (notice && from.kind() != Party.Kind.AUTHORITY) {
            return "notice_not_allowed";
        }
        return null;
    }

    /** Whether the owner of a mailbox may delete this copy. */
    public static boolean mayDelete(Party owner, boolean outgoing) {
        return !(owner.kind() == Party.Kind.AUTHORITY && outgoing);
    }
}
