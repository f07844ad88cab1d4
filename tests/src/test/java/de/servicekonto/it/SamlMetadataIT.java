package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.io.StringReader;
import java.net.http.HttpResponse;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

@ServicekontoServerTest
class SamlMetadataIT {

    private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";

    @Test
    void givenRealmThenSamlIdpMetadataIsServedWithSigningKeyAndEndpoints(ServicekontoServer server) throws Exception {
        HttpResponse<String> response = new BrowserlessClient().get(
                server.realmUri().resolve("/realms/servicekonto/protocol/saml/descriptor"));

        assertThat(response.statusCode()).isEqualTo(200);
        Document metadata = parse(response.body());
        Element entity = metadata.getDocumentElement();
        assertThat(entity.getLocalName()).isEqualTo("EntityDescriptor");
        assertThat(entity.getAttribute("entityID")).isEqualTo(server.realmUri().toString());
        Element idp = (Element) entity.getElementsByTagNameNS(MD, "IDPSSODescriptor").item(0);
        assertThat(idp).isNotNull();
        assertThat(idp.getAttribute("protocolSupportEnumeration")).contains("urn:oasis:names:tc:SAML:2.0:protocol");
        assertThat(idp.getElementsByTagNameNS(MD, "KeyDescriptor").getLength()).isPositive();
        assertThat(idp.getElementsByTagNameNS(MD, "SingleSignOnService").getLength()).isPositive();
        assertThat(idp.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate").item(0)
                .getTextContent()).isNotBlank();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
