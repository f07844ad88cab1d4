package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.account.EidAttributes;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The chip's data as rows for the confirmation page: message key of the label, value as a German reader expects. */
public final class EidDataView {

    /** One row: {@code label} is a theme message key. A bean (not a record) so FreeMarker reads its properties. */
    public static final class Row {
        private final String label;
        private final String value;

        Row(String label, String value) {
            this.label = label;
            this.value = value;
        }

        public String getLabel() {
            return label;
        }

        public String getValue() {
            return value;
        }
    }

    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final List<String> SHOWN = List.of(EidAttributes.ACADEMIC_TITLE, EidAttributes.FIRST_NAME,
            EidAttributes.LAST_NAME, EidAttributes.BIRTH_NAME, EidAttributes.ARTISTIC_NAME, EidAttributes.BIRTHDATE,
            EidAttributes.PLACE_OF_BIRTH, EidAttributes.NATIONALITY, EidAttributes.STREET, EidAttributes.POSTAL_CODE,
            EidAttributes.LOCALITY, EidAttributes.REGION, EidAttributes.COUNTRY, EidAttributes.DOCUMENT_TYPE,
            EidAttributes.ISSUING_STATE, EidAttributes.DOCUMENT_EXPIRY, EidAttributes.COMMUNITY_ID);

    private EidDataView() {
    }

    static List<Row> of(Map<String, String> chip) {
        List<Row> rows = new ArrayList<>();
        for (String name : SHOWN) {
            String value = chip.get(name);
            if (value != null) {
                if (name.equals(EidAttributes.BIRTHDATE) || name.equals(EidAttributes.DOCUMENT_EXPIRY)) {
                    value = LocalDate.parse(value).format(GERMAN_DATE);
                }
                rows.add(new Row("skEidField." + name, value));
            }
        }
        return rows;
    }
}
