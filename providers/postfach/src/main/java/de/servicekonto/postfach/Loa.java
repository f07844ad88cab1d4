package de.servicekonto.postfach;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.TrustLevelIdentifier;
import de.servicekonto.trustlevel.Vocabulary;

/** The trust levels of the Postfach: a session's level from its token, a message's minimum, the step-up answer. */
public final class Loa {

    private Loa() {
    }

    /** The session's level from the access token's {@code acr} (any vocabulary the realm maps), or 0. */
    public static int ofAcr(String acr) {
        if (acr == null) {
            return 0;
        }
        return TrustLevelIdentifier.parse(acr).map(id -> id.level().loa()).orElse(0);
    }

    /** A minimum level given by a client: a German name, an identifier of any vocabulary, or absent (niedrig). */
    public static int minimum(String value) {
        if (value == null) {
            return TrustLevel.NIEDRIG.loa();
        }
        return TrustLevel.fromGermanName(value).or(() -> TrustLevelIdentifier.parse(value).map(TrustLevelIdentifier::level))
                .map(TrustLevel::loa)
                .orElseThrow(() -> PostfachException.invalid("minimumTrustLevel: niedrig, substanziell, hoch or an acr"));
    }

    /** Refuses a caller whose session does not reach {@code minLoa}. */
    public static void require(Caller caller, int minLoa) {
        if (!caller.reaches(minLoa)) {
            TrustLevel needed = TrustLevel.fromLoa(minLoa).orElse(TrustLevel.HOCH);
            // RFC 9470: 401 with a challenge naming the acr to ask for (the resource's own code in the body).
            throw PostfachException.stepUp(needed.identifier(Vocabulary.EIDAS),
                    "this message needs a login at trust level " + needed.germanName(),
                    Views.ordered("trustLevel", needed.germanName()));
        }
    }
}
