package de.servicekonto.postfach.keycloak;

import de.servicekonto.postfach.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Locale;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * The Postfach's meters: {@value #SENDS} (messages and notices that reached a mailbox, by realm and kind) and
 * {@value #MAILS} (the e-mails that tell of them, by realm, first attempt or retry, and outcome). Together they show
 * an operator a mail server that stopped accepting before citizens miss their notices. Label values come from fixed
 * sets only.
 */
public final class PostfachMeters {

    static final String SENDS = "servicekonto_postfach_sends";
    static final String MAILS = "servicekonto_postfach_mails";

    private PostfachMeters() {
    }

    /** Counts {@code sent} once its transaction has committed: a rolled-back send reached no mailbox. */
    public static void sentOnCommit(KeycloakSession session, Delivery.Sent sent) {
        String realm = session.getContext().getRealm().getName();
        String kind = sent.notice() ? "notice" : "message";
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                sent(Metrics.globalRegistry, realm, kind);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    static void sent(MeterRegistry registry, String realm, String kind) {
        Counter.builder(SENDS).description("Messages and notices delivered into a mailbox")
                .tag("realm", realm).tag("kind", kind).register(registry).increment();
    }

    /** One e-mail attempt: {@code retry} false for the attempt right after the send, true for the timer's. */
    public static void mailed(String realm, boolean retry, Enum<?> outcome) {
        mailed(Metrics.globalRegistry, realm, retry, outcome);
    }

    static void mailed(MeterRegistry registry, String realm, boolean retry, Enum<?> outcome) {
        Counter.builder(MAILS).description("E-mails telling of a new message or notice, by attempt and outcome")
                .tag("realm", realm).tag("attempt", retry ? "retry" : "first")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }
}
