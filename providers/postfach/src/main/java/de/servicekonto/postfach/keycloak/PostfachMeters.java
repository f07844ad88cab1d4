package de.servicekonto.postfach.keycloak;

import de.servicekonto.postfach.Delivery;
import de.servicekonto.postfach.NoticeCensus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * The Postfach's meters: {@value #SENDS} (messages and notices that reached a mailbox, by realm and kind) and
 * {@value #MAILS} (the e-mails that tell of them, by realm, first attempt or retry, and outcome). Together they show
 * an operator a mail server that stopped accepting before citizens miss their notices. {@value #NOTICES} (gauge, by
 * realm and state {@code pending} or {@code deemed}) is what the notice census task counted last ({@link
 * NoticeCensus}). Label values come from fixed sets only; realms are the server's own.
 */
public final class PostfachMeters {

    static final String SENDS = "servicekonto_postfach_sends";
    static final String MAILS = "servicekonto_postfach_mails";
    static final String NOTICES = "servicekonto_postfach_notices";

    /** The gauges by realm name and state; a gauge reads its value at each scrape. */
    private static final Map<List<String>, NoticeGauge> NOTICE_GAUGES = new ConcurrentHashMap<>();

    private record NoticeGauge(AtomicLong value, Gauge gauge) {
    }

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

    /** The realm's notice counts as the census task found them; the gauges show them until the next count. */
    public static void noticesCounted(String realm, NoticeCensus.Counts counts) {
        noticesCounted(Metrics.globalRegistry, realm, counts);
    }

    static void noticesCounted(MeterRegistry registry, String realm, NoticeCensus.Counts counts) {
        noticeGauge(registry, realm, "pending").set(counts.pending());
        noticeGauge(registry, realm, "deemed").set(counts.deemed());
    }

    private static AtomicLong noticeGauge(MeterRegistry registry, String realm, String state) {
        return NOTICE_GAUGES.computeIfAbsent(List.of(realm, state), key -> {
            AtomicLong value = new AtomicLong();
            Gauge gauge = Gauge.builder(NOTICES, value, AtomicLong::get)
                    .description("Official notices not retrieved: pending (within the period) or deemed notified")
                    .tag("realm", realm).tag("state", state).strongReference(true).register(registry);
            return new NoticeGauge(value, gauge);
        }).value();
    }

    /** A removed realm's gauges go with it, rather than showing its last count for ever. */
    public static void realmRemoved(String realm) {
        NOTICE_GAUGES.entrySet().removeIf(entry -> {
            if (!entry.getKey().get(0).equals(realm)) {
                return false;
            }
            Metrics.globalRegistry.remove(entry.getValue().gauge());
            return true;
        });
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
