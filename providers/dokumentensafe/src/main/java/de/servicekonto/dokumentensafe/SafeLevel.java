package de.servicekonto.dokumentensafe;

import de.servicekonto.rest.ApiException;
import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.TrustLevelIdentifier;
import de.servicekonto.trustlevel.Vocabulary;
import java.util.Map;

/**
 * Trust levels in the safe (1 niedrig, 2 substanziell, 3 hoch): a document needs the level of its source (own
 * uploads the lowest; a copy of a Postfach message or notice the message's), and a session below it may not read,
 * rename or move it; the list shows it without name, locked, so the client can offer a step-up login.
 */
public final class SafeLevel {

    /** Own uploads, and every document stored before levels existed. */
    public static final int LOWEST = TrustLevel.NIEDRIG.loa();

    private SafeLevel() {
    }

    /**
     * The session's level from the token's {@code acr} (any vocabulary the realm maps); a token without a known one
     * is a login with password, the lowest level (what any authenticated session reaches: its own uploads).
     */
    public static int ofAcr(String acr) {
        return acr == null ? LOWEST : TrustLevelIdentifier.parse(acr).map(id -> id.level().loa()).orElse(LOWEST);
    }

    /** A source's level for a stored document: within 1..3 (a value out of range counts as hoch, never lower). */
    static int checked(int minLoa) {
        return TrustLevel.fromLoa(minLoa).map(TrustLevel::loa).orElse(TrustLevel.HOCH.loa());
    }

    static TrustLevel level(int minLoa) {
        return TrustLevel.fromLoa(minLoa).orElse(TrustLevel.HOCH);
    }

    /** 401 {@code step_up_required} with the RFC 9470 challenge, as the Postfach answers for a message. */
    static void require(int sessionLoa, int minLoa) {
        if (sessionLoa < minLoa) {
            TrustLevel needed = level(minLoa);
            throw ApiException.stepUp(needed.identifier(Vocabulary.EIDAS),
                    "this document needs a login at trust level " + needed.germanName(),
                    Map.of("trustLevel", needed.germanName()));
        }
    }
}
