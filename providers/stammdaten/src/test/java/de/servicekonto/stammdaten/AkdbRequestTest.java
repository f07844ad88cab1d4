package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.stammdaten.saml.AkdbRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class AkdbRequestTest {

    private static final String AKDB = "xmlns:akdb=\"https://www.akdb.de/request/2018/09\"";

    @Test
    void givenRequestedAttributesThenNamesAndRequiredFlagsAreRead() throws Exception {
        AkdbRequest request = AkdbRequest.of(element("<akdb:AuthenticationRequest " + AKDB + " Version=\"2\">"
                + "<akdb:RequestedAttributes>"
                + "<akdb:RequestedAttribute Name=\"urn:oid:2.5.4.42\" RequiredAttribute=\"true\"/>"
                + "<akdb:RequestedAttribute Name=\"urn:oid:2.5.4.4\"/>"
                + "</akdb:RequestedAttributes></akdb:AuthenticationRequest>")).orElseThrow();

        assertThat(request.requested()).isEqualTo(Map.of("urn:oid:2.5.4.42", true, "urn:oid:2.5.4.4", false));
        assertThat(AkdbRequest.fromNote(request.toNote())).contains(request);
    }

    @Test
    void givenOtherExtensionThenNotOurs() throws Exception {
        assertThat(AkdbRequest.of(element("<x:Other xmlns:x=\"urn:other\"/>"))).isEmpty();
        assertThat(AkdbRequest.of(element("<AuthenticationRequest xmlns=\"urn:other\"/>"))).isEmpty();
    }

    @Test
    void givenTooManyOrMalformedNamesThenRefused() throws Exception {
        StringBuilder many = new StringBuilder("<akdb:AuthenticationRequest " + AKDB + "><akdb:RequestedAttributes>");
        for (int i = 0; i < 65; i++) {
            many.append("<akdb:RequestedAttribute Name=\"urn:oid:1.").append(i).append("\"/>");
        }
        many.append("</akdb:RequestedAttributes></akdb:AuthenticationRequest>");
        assertThatThrownBy(() -> AkdbRequest.of(element(many.toString()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AkdbRequest.of(element("<akdb:AuthenticationRequest " + AKDB + "><akdb:RequestedAttributes>"
                + "<akdb:RequestedAttribute Name=\"a=b;c\"/></akdb:RequestedAttributes></akdb:AuthenticationRequest>")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Element element(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }
}
