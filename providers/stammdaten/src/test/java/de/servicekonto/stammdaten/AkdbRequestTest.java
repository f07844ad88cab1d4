package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.stammdaten.saml.AkdbRequest;
import de.servicekonto.trustlevel.means.PortalRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void givenAuthnMethodsAndDisplayInformationThenEnabledMeansAndNameAreRead() throws Exception {
        AkdbRequest request = AkdbRequest.of(element("<akdb:AuthenticationRequest " + AKDB + " Version=\"2\">"
                + "<akdb:AuthnMethods>"
                + "<akdb:Benutzername><akdb:Enabled>false</akdb:Enabled></akdb:Benutzername>"
                + "<akdb:eID><akdb:Enabled> true </akdb:Enabled></akdb:eID>"
                + "<akdb:Elster><akdb:Enabled>true</akdb:Enabled></akdb:Elster>"
                + "<akdb:FINK/>"
                + "</akdb:AuthnMethods>"
                + "<akdb:DisplayInformation><ui:Version xmlns:ui=\"urn:example:ui\">"
                + "<ui:OrganizationDisplayName>Stadt\n  Musterstadt</ui:OrganizationDisplayName>"
                + "</ui:Version></akdb:DisplayInformation>"
                + "</akdb:AuthenticationRequest>")).orElseThrow();

        assertThat(request.enabledMeans()).contains(Set.of("eID", "Elster"));
        PortalRequest portal = request.portalRequest();
        assertThat(portal.allows("eID")).isTrue();
        assertThat(portal.allows("Benutzername")).isFalse();
        assertThat(portal.restricts(List.of("Benutzername", "eID"))).isTrue();
        assertThat(portal.displayName()).contains("Stadt Musterstadt");
    }

    @Test
    void givenNoAuthnMethodsThenEveryMeansIsAllowed() throws Exception {
        AkdbRequest request = AkdbRequest.of(element("<akdb:AuthenticationRequest " + AKDB + " Version=\"2\"/>")).orElseThrow();
        assertThat(request.enabledMeans()).isEmpty();
        assertThat(request.portalRequest().allows("Benutzername")).isTrue();
        assertThat(request.portalRequest().restricts(List.of("Benutzername", "eID"))).isFalse();
    }

    @Test
    void givenAuthnMethodsWithNothingEnabledThenNothingIsAllowed() throws Exception {
        AkdbRequest request = AkdbRequest.of(element("<akdb:AuthenticationRequest " + AKDB + ">"
                + "<akdb:AuthnMethods><akdb:eID><akdb:Enabled>false</akdb:Enabled></akdb:eID></akdb:AuthnMethods>"
                + "</akdb:AuthenticationRequest>")).orElseThrow();
        assertThat(request.portalRequest().allows("eID")).isFalse();
        assertThat(request.portalRequest().allows("Benutzername")).isFalse();
    }

    @Test
    void givenOverlongDisplayNameThenRefused() throws Exception {
        String name = "x".repeat(4 * PortalRequest.MAX_DISPLAY_NAME + 1);
        assertThatThrownBy(() -> AkdbRequest.of(element("<akdb:AuthenticationRequest " + AKDB + "><akdb:DisplayInformation>"
                + "<OrganizationDisplayName>" + name + "</OrganizationDisplayName></akdb:DisplayInformation>"
                + "</akdb:AuthenticationRequest>"))).isInstanceOf(IllegalArgumentException.class);
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
