package de.servicekonto.postfach;

import de.servicekonto.postfach.spi.PostfachStore;
import java.time.Instant;

/**
 * How many of a realm's official notices wait for their recipient: provided, never retrieved, and either still
 * within the period after which they count as notified ({@code pending}) or past it ({@code deemed}: notified by the
 * rule stored with each notice, OZG §9(1), although nobody opened them). Notices under the retrieval-based rule
 * (VwVfG §41(2a)) are never deemed and stay pending until retrieved.
 *
 * <p>Counted from the store, one count per rule and state, by a periodic task, never per request or per scrape of
 * the metrics: the numbers are the database's, so they survive restarts and agree on every node.
 */
public final class NoticeCensus {

    /** The counts of one realm at one moment. */
    public record Counts(long pending, long deemed) {
    }

    private NoticeCensus() {
    }

    public static Counts count(PostfachStore store, String realmId, Instant now) {
        long pending = 0;
        long deemed = 0;
        for (NoticeRule rule : NoticeRule.values()) {
            long unretrieved = store.countNotRetrieved(realmId, rule.name(), Long.MAX_VALUE);
            if (unretrieved == 0) {
                continue;
            }
            long past = rule.deemedIfProvidedBefore(now)
                    .map(before -> store.countNotRetrieved(realmId, rule.name(), before.toEpochMilli())).orElse(0L);
            deemed += past;
            pending += unretrieved - past;
        }
        return new Counts(pending, deemed);
    }
}
