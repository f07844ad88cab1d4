package de.servicekonto.eid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class TcTokenTest {

    private static final URI SERVER = URI.create("https://eid.example.org/paos");
    private static final URI REFRESH = URI.create("https://konto.example.org/realms/servicekonto/eid/refresh?state=a&b=c%3Cd%3E");

    @Test
    void givenSessionThenXmlCarriesEveryTr03124ElementWithHexPsk() throws Exception {
        TcToken token = new TcToken(SERVER, "session-1", REFRESH, null, new byte[] {0x0a, (byte) 0xff, 0x01});

        Document xml = parse(token.toXml());

        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("TCTokenType");
        assertThat(text(xml, "ServerAddress")).isEqualTo(SERVER.toString());
        assertThat(text(xml, "SessionIdentifier")).isEqualTo("session-1");
        assertThat(text(xml, "RefreshAddress")).isEqualTo(REFRESH.toString());
        assertThat(xml.getElementsByTagName("CommunicationErrorAddress").getLength()).isZero();
        assertThat(text(xml, "Binding")).isEqualTo("urn:liberty:paos:2006-08");
        assertThat(text(xml, "PathSecurity-Protocol")).isEqualTo("urn:ietf:rfc:4279");
        assertThat(text(xml, "PSK")).isEqualTo("0AFF01");
        assertThat(xml.getElementsByTagName("PSK").item(0).getParentNode().getNodeName()).isEqualTo("PathSecurity-Parameters");
    }

    @Test
    void givenCommunicationErrorAddressThenItIsIncluded() throws Exception {
        URI error = URI.create("https://konto.example.org/eid/error");
        TcToken token = new TcToken(SERVER, "s", REFRESH, error, new byte[] {1});

        assertThat(text(parse(token.toXml()), "CommunicationErrorAddress")).isEqualTo(error.toString());
    }

    @Test
    void givenPlainHttpOrMissingPartsThenRefused() {
        assertThatThrownBy(() -> new TcToken(URI.create("http://eid.example.org"), "s", REFRESH, null, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcToken(SERVER, " ", REFRESH, null, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcToken(SERVER, "s", REFRESH, null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void givenPskArrayChangedAfterwardsThenTokenIsUnaffected() {
        byte[] psk = {1, 2};
        TcToken token = new TcToken(SERVER, "s", REFRESH, null, psk);
        psk[0] = 9;
        token.psk()[1] = 9;

        assertThat(token.psk()).containsExactly(1, 2);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Document xml, String tag) {
        return xml.getElementsByTagName(tag).item(0).getTextContent();
    }
}
