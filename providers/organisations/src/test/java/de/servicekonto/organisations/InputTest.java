package de.servicekonto.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Organisation data, authority applications and favourites as callers send them. */
class InputTest {

    private static Map<String, String> organisation() {
        Map<String, String> input = new HashMap<>();
        input.put("name", " Beispiel GmbH ");
        input.put("legalForm", "GmbH");
        input.put("registerType", "hrb");
        input.put("registerNumber", "HRB 12345");
        input.put("registerCourt", "Amtsgericht München");
        input.put("street", "Musterstraße 1");
        input.put("postalCode", "80331");
        input.put("city", "München");
        input.put("contactEmail", "Kontakt@Example.org");
        return input;
    }

    @Test
    void givenCompleteOrganisationDataThenTrimmedAndNormalised() {
        OrganisationData data = OrganisationData.from(organisation());
        assertThat(data.name()).isEqualTo("Beispiel GmbH");
        assertThat(data.registerType()).isEqualTo(RegisterType.HRB);
        assertThat(data.contactEmail()).isEqualTo("kontakt@example.org");
        assertThat(data.contactPhone()).isNull();
    }

    @Test
    void givenMissingTooLongOrMalformedFieldsThenRefused() {
        List<Map<String, String>> bad = new ArrayList<>();
        for (String[] change : new String[][] {{"name", null}, {"name", "x".repeat(201)}, {"postalCode", "8033"},
                {"postalCode", "8033a"}, {"contactEmail", "no-address"}, {"registerType", "XYZ"},
                {"registerNumber", null}, {"registerNumber", "HRB <script>"}, {"city", "Mün\nchen"}, {"street", " "}}) {
            Map<String, String> input = organisation();
            input.put(change[0], change[1]);
            bad.add(input);
        }
        Map<String, String> noRegisterButNumber = organisation();
        noRegisterButNumber.put("registerType", "NONE");
        bad.add(noRegisterButNumber);
        for (Map<String, String> input : bad) {
            assertThatThrownBy(() -> OrganisationData.from(input)).as(input.toString()).isInstanceOfSatisfying(
                    OrganisationException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void givenNoRegisterThenNoNumberOrCourtNeeded() {
        Map<String, String> input = organisation();
        input.remove("registerType");
        input.remove("registerNumber");
        input.remove("registerCourt");
        assertThat(OrganisationData.from(input).registerType()).isEqualTo(RegisterType.NONE);
    }

    @Test
    void givenAuthorityApplicationThenAgencyKeyAndResponsiblePersonChecked() {
        Map<String, String> input = new HashMap<>(Map.of("name", "Landratsamt", "street", "Amtsweg 2", "postalCode", "83022",
                "city", "Rosenheim", "responsiblePerson", "Max Muster", "agencyKey", "09187000",
                "contactEmail", "poststelle@example.org"));
        assertThat(AuthorityApplication.from(input).agencyKey()).isEqualTo("09187000");
        input.put("agencyKey", "9187000");
        assertThatThrownBy(() -> AuthorityApplication.from(input)).isInstanceOf(OrganisationException.class);
        input.put("agencyKey", "09187000");
        input.remove("responsiblePerson");
        assertThatThrownBy(() -> AuthorityApplication.from(input)).isInstanceOf(OrganisationException.class);
    }

    @Test
    void givenFavouritesThenOrderKeptRepeatsDroppedAndBounded() {
        assertThat(Favourites.of(List.of("b", "a", "b"))).containsExactly("b", "a");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= Favourites.MAX; i++) {
            many.add("c" + i);
        }
        assertThatThrownBy(() -> Favourites.of(many)).isInstanceOfSatisfying(OrganisationException.class,
                e -> assertThat(e.code()).isEqualTo("too_many_favourites"));
        assertThatThrownBy(() -> Favourites.of(List.of(1, 2))).isInstanceOf(OrganisationException.class);
        assertThatThrownBy(() -> Favourites.of(List.of("x".repeat(256)))).isInstanceOf(OrganisationException.class);
        assertThatThrownBy(() -> Favourites.of(null)).isInstanceOf(OrganisationException.class);
    }

    @Test
    void givenRoleTextThenParsed() {
        assertThat(MemberRole.parse("admin")).isEqualTo(MemberRole.ADMIN);
        assertThat(MemberRole.USER.claim()).isEqualTo("user");
        assertThatThrownBy(() -> MemberRole.parse("OWNER")).isInstanceOf(OrganisationException.class);
    }

    @Test
    void givenInvisibleFormattingOrControlCharactersThenEveryFreeTextIsRefused() {
        // U+202E right-to-left override, zero-width space, zero-width joiner, BOM, soft hyphen, C1 control, line separator.
        for (String sneaky : List.of("Bank\u202Egnalf", "Amt\u200Bx", "A\u200DB", "\uFEFFFirma", "Fir\u00ADma", "Fir\u0085ma",
                "Erste\u2028Zeile")) {
            for (String field : List.of("name", "legalForm", "city", "street", "registerCourt")) {
                Map<String, String> input = organisation();
                input.put(field, sneaky);
                assertThatThrownBy(() -> OrganisationData.from(input)).as(field + " " + sneaky.codePoints().boxed().toList())
                        .isInstanceOfSatisfying(OrganisationException.class, e -> assertThat(e.code()).isEqualTo("invalid_request"));
            }
            assertThatThrownBy(() -> Text.field("reason", sneaky, 500, false)).isInstanceOf(OrganisationException.class);
        }
        assertThat(Text.field("city", "Köln-Mülheim (Straße ß)", 100, true)).isEqualTo("Köln-Mülheim (Straße ß)");
    }

    @Test
    void givenWebAddressInNameThenRefusedButOrdinaryNamesPass() {
        for (String name : List.of("https://phish.example", "Firma hxxp://x", "Gewinn www.example.org", "Klick HTTP:abc",
                "javascript:alert(1)")) {
            Map<String, String> input = organisation();
            input.put("name", name);
            assertThatThrownBy(() -> OrganisationData.from(input)).as(name).isInstanceOf(OrganisationException.class);
        }
        for (String name : List.of("Müller & Söhne GmbH", "Web.de Dienste AG", "Stadtwerke Ulm/Neu-Ulm GmbH")) {
            Map<String, String> input = organisation();
            input.put("name", name);
            assertThat(OrganisationData.from(input).name()).isEqualTo(name);
        }
    }

    @Test
    void givenKeycloakInternalClientsThenNoFavourites() {
        for (String internal : List.of("realm-management", "admin-cli", "security-admin-console", "account", "account-console", "broker")) {
            assertThat(Favourites.isInternal(internal)).as(internal).isTrue();
        }
        for (String service : List.of("demo-portal", "accounting-app", "brokerage")) {
            assertThat(Favourites.isInternal(service)).as(service).isFalse();
        }
    }
}
