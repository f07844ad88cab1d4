package de.servicekonto.trustlevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustLevelTest {

    @ParameterizedTest(name = "{0} is {1}/{2}")
    @CsvSource({
            "http://eidas.europa.eu/LoA/low,           NIEDRIG,      EIDAS",
            "http://eidas.europa.eu/LoA/substantial,   SUBSTANZIELL, EIDAS",
            "http://eidas.europa.eu/LoA/high,          HOCH,         EIDAS",
            "http://bsi.bund.de/eID/LoA/normal,        NIEDRIG,      BSI",
            "http://bsi.bund.de/eID/LoA/substantiell,  SUBSTANZIELL, BSI",
            "http://bsi.bund.de/eID/LoA/hoch,          HOCH,         BSI",
            "STORK-QAA-Level-1,                        NIEDRIG,      STORK",
            "STORK-QAA-Level-3,                        SUBSTANZIELL, STORK",
            "STORK-QAA-Level-4,                        HOCH,         STORK"
    })
    void givenKnownIdentifierThenParsedToLevelAndVocabulary(String identifier, TrustLevel level, Vocabulary vocabulary) {
        assertThat(TrustLevelIdentifier.parse(identifier))
                .contains(new TrustLevelIdentifier(level, vocabulary));
        assertThat(level.identifier(vocabulary)).isEqualTo(identifier);
        assertThat(TrustLevel.fromIdentifier(vocabulary, identifier)).contains(level);
    }

    @ParameterizedTest
    @EnumSource(TrustLevel.class)
    void givenAnyLevelThenEveryVocabularyRoundTrips(TrustLevel level) {
        for (Vocabulary vocabulary : Vocabulary.values()) {
            String identifier = level.identifier(vocabulary);
            assertThat(TrustLevelIdentifier.parse(identifier).map(TrustLevelIdentifier::level)).contains(level);
            assertThat(new TrustLevelIdentifier(level, vocabulary).value()).isEqualTo(identifier);
        }
        assertThat(TrustLevel.fromLoa(level.loa())).contains(level);
        assertThat(TrustLevel.fromGermanName(level.germanName())).contains(level);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "http://eidas.europa.eu/LoA/LOW",          // URIs are case-sensitive
            "https://eidas.europa.eu/LoA/high",        // another scheme is another URI
            "http://eidas.europa.eu/LoA/high/",
            "STORK-QAA-Level-2",                       // not used by the BundID profile and not asserted by us
            "STORK-QAA-Level-5",
            "stork-qaa-level-4",
            "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
            "3",
            "hoch"                                      // German names are not protocol identifiers
    })
    void givenUnknownIdentifierThenRejected(String identifier) {
        assertThat(TrustLevelIdentifier.parse(identifier)).isEmpty();
    }

    @Test
    void givenOversizedInputThenRejectedBeforeComparison() {
        String padded = " ".repeat(TrustLevel.MAX_IDENTIFIER_LENGTH) + "STORK-QAA-Level-4";
        assertThat(TrustLevelIdentifier.parse(padded)).isEmpty();
        assertThat(TrustLevel.fromGermanName(padded)).isEmpty();
    }

    @Test
    void givenSurroundingWhitespaceThenStillParsed() {
        assertThat(TrustLevelIdentifier.parse("  http://eidas.europa.eu/LoA/substantial\n"))
                .contains(new TrustLevelIdentifier(TrustLevel.SUBSTANZIELL, Vocabulary.EIDAS));
    }

    @Test
    void givenIdentifierOfOtherVocabularyThenNotAcceptedForThisVocabulary() {
        assertThat(TrustLevel.fromIdentifier(Vocabulary.STORK, "http://eidas.europa.eu/LoA/high")).isEmpty();
    }

    @Test
    void givenLoaOutsideOneToThreeThenNoLevel() {
        assertThat(TrustLevel.fromLoa(0)).isEmpty();
        assertThat(TrustLevel.fromLoa(4)).isEmpty();
        assertThat(TrustLevel.fromLoa(-1)).isEmpty();
    }

    @Test
    void givenLevelsThenOrderedByLoaAndHigherSatisfiesLower() {
        assertThat(Arrays.stream(TrustLevel.values()).mapToInt(TrustLevel::loa)).containsExactly(1, 2, 3);
        assertThat(TrustLevel.HOCH.satisfies(TrustLevel.SUBSTANZIELL)).isTrue();
        assertThat(TrustLevel.SUBSTANZIELL.satisfies(TrustLevel.SUBSTANZIELL)).isTrue();
        assertThat(TrustLevel.NIEDRIG.satisfies(TrustLevel.SUBSTANZIELL)).isFalse();
        assertThat(TrustLevel.SUBSTANZIELL.satisfies(TrustLevel.HOCH)).isFalse();
    }

    @Test
    void givenBuildThenVersionsAreWrittenIntoTheJar() {
        assertThat(ServicekontoVersion.version()).isNotBlank().doesNotContain("${");
        assertThat(ServicekontoVersion.keycloakVersion()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
