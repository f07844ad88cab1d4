package de.servicekonto.eid.account;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether an ID card belongs to the person of an existing account: the only way a card is linked to an account
 * that was not created from it (Hochstufung) or gets a new card (re-link). See docs/eid.md, "Which card fits which
 * account".
 *
 * <p>The account's <b>identity</b> ({@link #IDENTITY}: given names, family name, date of birth) must match the chip:
 * <ul>
 *   <li><b>date of birth</b> equal (ISO {@code YYYY-MM-DD} in the account; an account without one, or with an
 *       unreadable one, cannot be matched);</li>
 *   <li><b>family name</b> of the account equal to the chip's family name or to its birth name (Geburtsname);</li>
 *   <li><b>given names</b>: at least one given name of the account is one of the chip's (so "Anna" fits
 *       "ANNA MARIA", and twins with the same family name and birthday stay apart).</li>
 * </ul>
 * Names are compared as {@linkplain #sameName spellings of one name}: case, umlauts written as ae/oe/ue or without
 * dots, ß as ss, accents, spaces, hyphens, apostrophes and other punctuation do not matter.
 *
 * <p>A card link never replaces the identity (the account stays the person it was, whatever it received at level
 * hoch in between); {@link #confirmed} tells which of its identity attributes the card confirms as they stand.
 */
public final class SamePerson {

    /** The attributes that say who an account is. A card link compares them, never overwrites them. */
    public static final List<String> IDENTITY = List.of(EidAttributes.FIRST_NAME, EidAttributes.LAST_NAME,
            EidAttributes.BIRTHDATE);

    public enum Verdict {
        /** The chip names the person of the account. */
        SAME,
        /** The chip names someone else (or lacks its birth date). */
        DIFFERENT,
        /** The account lacks given name, family name or a readable date of birth: nothing to compare with. */
        UNVERIFIABLE
    }

    /** Characters between the parts of a name: whitespace and every kind of hyphen or dash. */
    private static final Pattern NAME_PARTS = Pattern.compile("[\\s\\p{Pd}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private SamePerson() {
    }

    /**
     * @param account the account's values by attribute name ({@link #IDENTITY}; others are ignored)
     * @param chip    the chip's values by attribute name ({@link EidAttributes#of})
     */
    public static Verdict compare(Map<String, String> account, Map<String, String> chip) {
        String givenNames = text(account.get(EidAttributes.FIRST_NAME));
        String familyName = text(account.get(EidAttributes.LAST_NAME));
        LocalDate birth = date(account.get(EidAttributes.BIRTHDATE));
        if (givenNames == null || familyName == null || birth == null) {
            return Verdict.UNVERIFIABLE;
        }
        if (!birth.equals(date(chip.get(EidAttributes.BIRTHDATE)))) {
            return Verdict.DIFFERENT;
        }
        if (!sameName(familyName, chip.get(EidAttributes.LAST_NAME))
                && !sameName(familyName, chip.get(EidAttributes.BIRTH_NAME))) {
            return Verdict.DIFFERENT;
        }
        return shareGivenName(givenNames, chip.get(EidAttributes.FIRST_NAME)) ? Verdict.SAME : Verdict.DIFFERENT;
    }

    /**
     * The identity attributes of the account that the chip confirms as they are written in the account: the date
     * of birth, the family name if it is the chip's family name (not only its birth name), the given names if they
     * are all of the chip's. Empty unless {@link #compare} says {@link Verdict#SAME}.
     */
    public static Set<String> confirmed(Map<String, String> account, Map<String, String> chip) {
        Set<String> confirmed = new LinkedHashSet<>();
        if (compare(account, chip) != Verdict.SAME) {
            return confirmed;
        }
        if (sameName(account.get(EidAttributes.FIRST_NAME), chip.get(EidAttributes.FIRST_NAME))) {
            confirmed.add(EidAttributes.FIRST_NAME);
        }
        if (sameName(account.get(EidAttributes.LAST_NAME), chip.get(EidAttributes.LAST_NAME))) {
            confirmed.add(EidAttributes.LAST_NAME);
        }
        confirmed.add(EidAttributes.BIRTHDATE);
        return confirmed;
    }

    /**
     * Whether two texts are spellings of the same name: equal once case, accents, spaces, hyphens and punctuation
     * are left aside, with ä, ö, ü written either as ae, oe, ue (German transliteration, ICAO 9303) or as a, o, u,
     * and ß as ss. "Müller-Lüdenscheidt", "MUELLER LUEDENSCHEIDT" and "Muller Ludenscheidt" are one name;
     * "Mueller" and "Muller" are not.
     */
    public static boolean sameName(String a, String b) {
        if (text(a) == null || text(b) == null) {
            return false;
        }
        String[] left = keys(a);
        String[] right = keys(b);
        if (left[0].isEmpty() || right[0].isEmpty()) {
            return false;
        }
        return left[0].equals(right[0]) || left[1].equals(right[1]);
    }

    /** Whether one of the given names of {@code account} is one of those of {@code chip}. */
    static boolean shareGivenName(String account, String chip) {
        if (text(chip) == null) {
            return false;
        }
        if (sameName(account, chip)) {
            return true;
        }
        List<String> chipNames = parts(chip);
        for (String name : parts(account)) {
            for (String other : chipNames) {
                if (sameName(name, other)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> parts(String names) {
        List<String> parts = new ArrayList<>();
        for (String part : NAME_PARTS.split(names.strip())) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    /**
     * The comparison keys of a name: [0] with umlauts transliterated (Ä → AE), [1] with their dots dropped (Ä → A).
     * Both: upper case, ß → SS, letters without a decomposition written in Latin (Ø → OE, Æ → AE, Ł → L, …), other
     * accents dropped, only letters and digits kept.
     */
    static String[] keys(String name) {
        // NFKC first: ligatures and full-width forms become ordinary letters; umlauts become single characters.
        String upper = Normalizer.normalize(name, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).replace("ẞ", "SS");
        upper = latin(upper);
        String transliterated = upper.replace("Ä", "AE").replace("Ö", "OE").replace("Ü", "UE");
        return new String[] {plain(transliterated), plain(upper)};
    }

    private static String latin(String upper) {
        StringBuilder out = new StringBuilder(upper.length());
        upper.codePoints().forEach(c -> out.append(switch (c) {
            case 'Æ' -> "AE";
            case 'Ø' -> "OE";
            case 'Œ' -> "OE";
            case 'Þ' -> "TH";
            case 'Ł' -> "L";
            case 'Đ', 'Ð' -> "D";
            case 'Ħ' -> "H";
            case 'Ŧ' -> "T";
            case 'Ŀ' -> "L";
            case 'ı', 'İ' -> "I";
            default -> new String(Character.toChars(c));
        }));
        return out.toString();
    }

    private static String plain(String upper) {
        String decomposed = Normalizer.normalize(upper, Normalizer.Form.NFD);
        return NOT_LETTER_OR_DIGIT.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll("");
    }

    private static LocalDate date(String value) {
        String text = text(value);
        if (text == null || !ISO_DATE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
