package de.servicekonto.trustlevel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.Vocabulary;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What our AuthnRequest asks a partner for. */
class BrokerRequestTest {

    private static final Map<String, String> FINK = Map.of("sk.trust.max", "substanziell");
    private static final Map<String, String> EIDAS = Map.of("sk.trust.max", "hoch", "sk.trust.means", "eIDAS");

    @Test
    void givenAPortalAskingSubstanziellThenTheFinkPartnerIsAskedForStorkLevel3() {
        BrokerRequest.Plan plan = BrokerRequest.plan(FINK, 2, List.of("STORK-QAA-Level-1")).orElseThrow();
        assertThat(plan.classRef()).isEqualTo("STORK-QAA-Level-3");
        assertThat(plan.eidas()).isFalse();
    }

    @Test
    void givenNoLevelAskedThenTheConfiguredFloorOrNiedrig() {
        assertThat(BrokerRequest.plan(FINK, 0, List.of()).orElseThrow().classRef()).isEqualTo("STORK-QAA-Level-1");
        assertThat(BrokerRequest.plan(FINK, 1, List.of("STORK-QAA-Level-3")).orElseThrow().level())
                .isEqualTo(TrustLevel.SUBSTANZIELL);
    }

    @Test
    void givenTheVocabularySettingThenTheLevelIsNamedInIt() {
        assertThat(BrokerRequest.plan(Map.of("sk.trust.max", "hoch", "sk.trust.vocabulary", "bsi"), 3, List.of())
                .orElseThrow().classRef()).isEqualTo("http://bsi.bund.de/eID/LoA/hoch");
        assertThat(BrokerRequest.plan(Map.of("sk.trust.max", "hoch", "sk.trust.vocabulary", "x".repeat(100)), 1, List.of())
                .orElseThrow().vocabulary()).isEqualTo(Vocabulary.STORK);
    }

    @Test
    void givenEidasThenNeverBelowSubstantialAndExtensionsGoAlong() {
        BrokerRequest.Plan low = BrokerRequest.plan(EIDAS, 1, List.of("http://eidas.europa.eu/LoA/low")).orElseThrow();
        assertThat(low.classRef()).isEqualTo("http://eidas.europa.eu/LoA/substantial");
        assertThat(low.eidas()).isTrue();
        assertThat(BrokerRequest.plan(EIDAS, 3, List.of()).orElseThrow().classRef())
                .isEqualTo("http://eidas.europa.eu/LoA/high");
    }

    @Test
    void givenAnUnreadableRequestedLevelThenHoch() {
        assertThat(BrokerRequest.plan(FINK, Integer.MAX_VALUE, List.of()).orElseThrow().level()).isEqualTo(TrustLevel.HOCH);
    }

    @Test
    void givenAnIdentityProviderNotOursThenKeycloaksRequestStays() {
        assertThat(BrokerRequest.plan(Map.of(), 2, List.of())).isEmpty();
        assertThat(BrokerRequest.plan(null, 2, List.of())).isEmpty();
    }

    @Test
    void theAliasComesFromTheAssertionConsumerServiceOfOurRealmOnly() {
        assertThat(BrokerRequest.alias(URI.create("https://sk.example/realms/servicekonto/broker/fink-nrw/endpoint"),
                "servicekonto")).contains("fink-nrw");
        assertThat(BrokerRequest.alias(URI.create("https://sk.example/realms/other/broker/fink-nrw/endpoint"),
                "servicekonto")).isEmpty();
        assertThat(BrokerRequest.alias(URI.create("https://sk.example/realms/servicekonto/broker/fink-nrw/endpoint/x"),
                "servicekonto")).isEmpty();
        assertThat(BrokerRequest.alias(URI.create("https://sk.example/broker/endpoint"), "servicekonto")).isEmpty();
        assertThat(BrokerRequest.alias(null, "servicekonto")).isEmpty();
    }

    @Test
    void theEidasExtensionsNameTheMinimumDataSetAsRequired() {
        var elements = EidasRequestExtensions.elements();
        assertThat(elements).hasSize(2);
        assertThat(elements.get(0).getLocalName()).isEqualTo("SPType");
        assertThat(elements.get(0).getNamespaceURI()).isEqualTo("http://eidas.europa.eu/saml-extensions");
        assertThat(elements.get(0).getTextContent()).isEqualTo("public");
        var requested = elements.get(1).getElementsByTagNameNS("http://eidas.europa.eu/saml-extensions", "RequestedAttribute");
        assertThat(requested.getLength()).isEqualTo(4);
        assertThat(((org.w3c.dom.Element) requested.item(0)).getAttribute("Name"))
                .isEqualTo("http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier");
        assertThat(((org.w3c.dom.Element) requested.item(3)).getAttribute("isRequired")).isEqualTo("true");
    }
}
