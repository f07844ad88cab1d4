package de.servicekonto.eid.account;

import static de.servicekonto.eid.account.SamePerson.Verdict.DIFFERENT;
import static de.servicekonto.eid.account.SamePerson.Verdict.SAME;
import static de.servicekonto.eid.account.SamePerson.Verdict.UNVERIFIABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamePersonTest {

    /** ERIKA MUSTERMANN, née GABLER, 12.08.1964, as the simulator's card "erika" delivers her. */
    private static final Map<String, String> ERIKA = chip("ERIKA", "MUSTERMANN", "GABLER", "1964-08-12");
    /** DR. JONAS BEISPIEL, 14.03.1987, no birth name (simulator card "jonas"). */
    private static final Map<String, String> JONAS = chip("JONAS", "BEISPIEL", null, "1987-03-14");
    /** A card with umlauts, a hyphenated family name and two given names. */
    private static final Map<String, String> JUERGEN = chip("JÜRGEN HANS", "MÜLLER-LÜDENSCHEIDT", "GROß", "1975-06-30");

    private static Map<String, String> chip(String givenNames, String familyNames, String birthName, String birthdate) {
        Map<String, String> chip = new HashMap<>();
        chip.put(EidAttributes.FIRST_NAME, givenNames);
        chip.put(EidAttributes.LAST_NAME, familyNames);
        if (birthName != null) {
            chip.put(EidAttributes.BIRTH_NAME, birthName);
        }
        chip.put(EidAttributes.BIRTHDATE, birthdate);
        chip.put(EidAttributes.LOCALITY, "KÖLN");
        return chip;
    }

    private static Map<String, String> account(String firstName, String lastName, String birthdate) {
        Map<String, String> account = new HashMap<>();
        if (firstName != null) {
            account.put(EidAttributes.FIRST_NAME, firstName);
        }
        if (lastName != null) {
            account.put(EidAttributes.LAST_NAME, lastName);
        }
        if (birthdate != null) {
            account.put(EidAttributes.BIRTHDATE, birthdate);
        }
        return account;
    }

    @Nested
    class TheAttackOfIssue14 {

        @Test
        void givenAnnaBeispielsAccountAndJonasBeispielsCardThenDifferentPersonDespiteTheSameFamilyName() {
            assertThat(SamePerson.compare(account("Anna", "Beispiel", "1990-01-01"), JONAS)).isEqualTo(DIFFERENT);
            assertThat(SamePerson.confirmed(account("Anna", "Beispiel", "1990-01-01"), JONAS)).isEmpty();
        }

        @Test
        void givenSameNameButOtherBirthdayThenDifferent() {
            assertThat(SamePerson.compare(account("Jonas", "Beispiel", "1987-03-15"), JONAS)).isEqualTo(DIFFERENT);
            assertThat(SamePerson.compare(account("Jonas", "Beispiel", "1988-03-14"), JONAS)).isEqualTo(DIFFERENT);
        }

        @Test
        void givenSameBirthdayButOtherFamilyNameThenDifferent() {
            assertThat(SamePerson.compare(account("Jonas", "Beispielmann", "1987-03-14"), JONAS)).isEqualTo(DIFFERENT);
            assertThat(SamePerson.compare(account("Jonas", "Beispie", "1987-03-14"), JONAS)).isEqualTo(DIFFERENT);
        }

        @Test
        void givenTwinsWithTheSameFamilyNameAndBirthdayThenTheGivenNameTellsThemApart() {
            assertThat(SamePerson.compare(account("Lena", "Beispiel", "1987-03-14"), JONAS)).isEqualTo(DIFFERENT);
        }
    }

    @Nested
    class SpellingsOfOneName {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "Erika         | Mustermann            | 1964-08-12",
                "ERIKA         | MUSTERMANN            | 1964-08-12",
                "erika         | mustermann            | 1964-08-12",
                "' Erika '     | ' Mustermann '        | ' 1964-08-12 '",
                "Erika         | Muster-Mann           | 1964-08-12",
                "Erika         | Muster Mann           | 1964-08-12",
                "Erika         | Gabler                | 1964-08-12",
                "Erika         | gabler                | 1964-08-12",
                "Erika Maria   | Mustermann            | 1964-08-12"})
        void givenErikasAccountInAnySpellingThenSame(String firstName, String lastName, String birthdate) {
            assertThat(SamePerson.compare(account(firstName, lastName, birthdate), ERIKA)).isEqualTo(SAME);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "Jürgen        | Müller-Lüdenscheidt",
                "Juergen       | Mueller-Luedenscheidt",
                "JUERGEN       | MUELLER LUEDENSCHEIDT",
                "Jurgen        | Muller Ludenscheidt",
                "Hans          | Müller Lüdenscheidt",
                "Hans-Jürgen   | MüllerLüdenscheidt",
                "Jürgen        | Mueller–Lüdenscheidt",
                "Jürgen        | Groß",
                "Jürgen        | Gross",
                "Jürgen        | GROSS",
                "J\u0075\u0308rgen | M\u0075\u0308ller-L\u0075\u0308denscheidt"})
        void givenUmlautsTransliteratedOrDecomposedThenSame(String firstName, String lastName) {
            assertThat(SamePerson.compare(account(firstName, lastName, "1975-06-30"), JUERGEN)).isEqualTo(SAME);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "Mueller     | MÜLLER      | true",
                "Muller      | MÜLLER      | true",
                "Mueller     | Muller      | false",
                "Weiß        | WEISS       | true",
                "Weiss       | WEIẞ        | true",
                "José        | JOSE        | true",
                "Çelik       | CELIK       | true",
                "Øster       | OESTER      | true",
                "Ærø         | AEROE       | true",
                "Łukasz      | LUKASZ      | true",
                "O'Brien     | OBRIEN      | true",
                "Dvořák      | DVORAK      | true",
                "Meier       | Maier       | false",
                "Schmidt     | Schmitt     | false",
                "Ann         | Anna        | false"})
        void givenTwoSpellingsThenOneNameOrNot(String a, String b, boolean same) {
            assertThat(SamePerson.sameName(a, b)).isEqualTo(same);
            assertThat(SamePerson.sameName(b, a)).isEqualTo(same);
        }

        @Test
        void givenNothingOrOnlyPunctuationThenNoName() {
            assertThat(SamePerson.sameName(null, "MÜLLER")).isFalse();
            assertThat(SamePerson.sameName("", "")).isFalse();
            assertThat(SamePerson.sameName("  ", "  ")).isFalse();
            assertThat(SamePerson.sameName("-", "-")).isFalse();
            assertThat(SamePerson.sameName("'", "-")).isFalse();
        }
    }

    @Nested
    class BirthName {

        @Test
        void givenTheChipsBirthNameAsTheAccountsFamilyNameThenSameButTheFamilyNameIsNotConfirmed() {
            Map<String, String> gabler = account("Erika", "Gabler", "1964-08-12");

            assertThat(SamePerson.compare(gabler, ERIKA)).isEqualTo(SAME);
            assertThat(SamePerson.confirmed(gabler, ERIKA))
                    .containsExactlyInAnyOrder(EidAttributes.FIRST_NAME, EidAttributes.BIRTHDATE);
        }

        @Test
        void givenChipWithoutBirthNameThenOnlyTheFamilyNameCounts() {
            Map<String, String> noBirthName = new HashMap<>(ERIKA);
            noBirthName.remove(EidAttributes.BIRTH_NAME);

            assertThat(SamePerson.compare(account("Erika", "Gabler", "1964-08-12"), noBirthName)).isEqualTo(DIFFERENT);
            assertThat(SamePerson.compare(account("Erika", "Mustermann", "1964-08-12"), noBirthName)).isEqualTo(SAME);
        }
    }

    @Nested
    class GivenNames {

        @Test
        void givenOneOfTheChipsGivenNamesThenSameButNotConfirmedAsAll() {
            Map<String, String> hans = account("Hans", "Müller-Lüdenscheidt", "1975-06-30");

            assertThat(SamePerson.compare(hans, JUERGEN)).isEqualTo(SAME);
            assertThat(SamePerson.confirmed(hans, JUERGEN))
                    .containsExactlyInAnyOrder(EidAttributes.LAST_NAME, EidAttributes.BIRTHDATE);
        }

        @Test
        void givenAllGivenNamesAndTheFamilyNameThenAllConfirmed() {
            assertThat(SamePerson.confirmed(account("Jürgen Hans", "Mueller Luedenscheidt", "1975-06-30"), JUERGEN))
                    .containsExactlyInAnyOrderElementsOf(SamePerson.IDENTITY);
        }

        @Test
        void givenNoGivenNameInCommonOrOnlyAnInitialThenDifferent() {
            assertThat(SamePerson.compare(account("Peter", "Müller-Lüdenscheidt", "1975-06-30"), JUERGEN)).isEqualTo(DIFFERENT);
            assertThat(SamePerson.compare(account("J.", "Müller-Lüdenscheidt", "1975-06-30"), JUERGEN)).isEqualTo(DIFFERENT);
        }

        @Test
        void givenChipWithoutGivenNamesThenDifferent() {
            Map<String, String> noGivenNames = new HashMap<>(JONAS);
            noGivenNames.remove(EidAttributes.FIRST_NAME);

            assertThat(SamePerson.compare(account("Jonas", "Beispiel", "1987-03-14"), noGivenNames)).isEqualTo(DIFFERENT);
        }
    }

    @Nested
    class MissingData {

        @ParameterizedTest
        @CsvSource(delimiter = '|', nullValues = "NULL", value = {
                "Jonas | Beispiel | NULL",
                "Jonas | Beispiel | ''",
                "Jonas | Beispiel | 14.03.1987",
                "Jonas | Beispiel | 1987-02-30",
                "Jonas | Beispiel | 1987-3-14",
                "Jonas | NULL     | 1987-03-14",
                "Jonas | '  '     | 1987-03-14",
                "NULL  | Beispiel | 1987-03-14"})
        void givenAccountWithoutGivenNameFamilyNameOrReadableBirthDateThenUnverifiable(String firstName, String lastName,
                                                                                       String birthdate) {
            assertThat(SamePerson.compare(account(firstName, lastName, birthdate), JONAS)).isEqualTo(UNVERIFIABLE);
            assertThat(SamePerson.confirmed(account(firstName, lastName, birthdate), JONAS)).isEmpty();
        }

        @Test
        void givenChipWithoutBirthDateThenDifferent() {
            Map<String, String> noBirthdate = new HashMap<>(JONAS);
            noBirthdate.remove(EidAttributes.BIRTHDATE);

            assertThat(SamePerson.compare(account("Jonas", "Beispiel", "1987-03-14"), noBirthdate)).isEqualTo(DIFFERENT);
        }

        @Test
        void givenOnlyIdentityAttributesThenOthersDoNotMatter() {
            Map<String, String> account = account("Jonas", "Beispiel", "1987-03-14");
            account.put(EidAttributes.LOCALITY, "Bonn");
            account.put(EidAttributes.BIRTH_NAME, "Anders");

            assertThat(SamePerson.compare(account, JONAS)).isEqualTo(SAME);
        }
    }
}
