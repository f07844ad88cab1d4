package de.servicekonto.trustlevel;

import java.util.Optional;

/**
 * A trust level as a relying party named it: the level and the vocabulary the name came from, so an answer can be
 * given in the vocabulary the request used.
 *
 * @param level      the level named
 * @param vocabulary the vocabulary of the name
 */
public record TrustLevelIdentifier(TrustLevel level, Vocabulary vocabulary) {

    /** The identifier's text, e.g. {@code http://eidas.europa.eu/LoA/high}. */
    public String value() {
        return level.identifier(vocabulary);
    }

    /**
     * Parses an eIDAS URI, a BSI URI or a STORK level. Identifiers are compared exactly (after trimming surrounding
     * white space, which SAML and form encoding may add): URIs are case-sensitive and a near miss must not be
     * mistaken for a level.
     *
     * @return the parsed identifier, or empty for {@code null}, unknown and oversized input
     */
    public static Optional<TrustLevelIdentifier> parse(String identifier) {
        if (identifier == null || identifier.length() > TrustLevel.MAX_IDENTIFIER_LENGTH) {
            return Optional.empty();
        }
        String candidate = identifier.trim();
        for (Vocabulary vocabulary : Vocabulary.values()) {
            for (TrustLevel level : TrustLevel.values()) {
                if (level.identifier(vocabulary).equals(candidate)) {
                    return Optional.of(new TrustLevelIdentifier(level, vocabulary));
                }
            }
        }
        return Optional.empty();
    }
}
