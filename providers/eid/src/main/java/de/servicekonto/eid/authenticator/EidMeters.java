package de.servicekonto.eid.authenticator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Counts eID logins that did not complete, as {@value #METER} by realm and reason. An operator sees from it whether
 * citizens cancel (normal) or the eID-Server fails (an outage): the login page shows both to the citizen alike.
 * Reasons come from a fixed set (the {@link de.servicekonto.eid.EidResult} names in lower case and
 * {@value #CARD_BUSY}), never from request data.
 */
final class EidMeters {

    static final String METER = "servicekonto_eid_failures";
    static final String CARD_BUSY = "card_busy";

    private EidMeters() {
    }

    static void failure(String realm, String reason) {
        failure(Metrics.globalRegistry, realm, reason);
    }

    static void failure(MeterRegistry registry, String realm, String reason) {
        Counter.builder(METER)
                .description("eID logins that did not complete, by reason")
                .tag("realm", realm)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
