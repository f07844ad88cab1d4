package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static de.servicekonto.it.support.ServicekontoServer.REALM;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Mails;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.TestPaths;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Our pages and e-mails come with their providers (templates and messages under {@code theme-resources/} of each
 * jar), not with the {@code servicekonto} theme: a realm on Keycloak's own login and e-mail themes still shows the
 * eID page and sends the Postfach's e-mail, in German. The shared realm is switched to {@code keycloak.v2} (login)
 * and {@code keycloak} (e-mail) for this test and back afterwards.
 */
@ServicekontoServerTest
class StockThemeIT {

    private static final String HIGH = "http://eidas.europa.eu/LoA/high";

    @Test
    void givenRealmOnKeycloaksOwnThemesThenTheEidPageAndThePostfachEmailAreOursInGerman(ServicekontoServer server)
            throws Exception {
        PostfachFixture pf = new PostfachFixture(server);
        String[] clerk = pf.account("Sachbearbeiterin");
        String authority = pf.authority("Ordnungsamt", true, clerk[1]);
        String[] citizen = pf.account("Theodor");
        String clerkToken = pf.token(clerk[0]);

        themes(server, "keycloak.v2", "keycloak");
        try {
            // The eID page: our template and texts inside Keycloak's own page frame, no trace of our theme.
            OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
            HttpResponse<String> page = flow.authorize(Map.of("acr_values", HIGH));
            assertThat(EidLogin.isEidPage(page)).as(page.body()).isTrue();
            assertThat(page.body()).contains("/login/keycloak.v2/").doesNotContain("/login/servicekonto/");
            Document document = Jsoup.parse(page.body());
            assertThat(document.selectFirst("html").attr("lang")).isEqualTo("de");
            assertThat(document.selectFirst("a#sk-eid-start").text()).isEqualTo("Mit Online-Ausweis anmelden");
            assertThat(document.text()).contains("Halten Sie Ihren Ausweis und Ihre sechsstellige PIN bereit.",
                    "Mit Benutzername und Passwort anmelden").doesNotContain("skEid");

            // A Postfach e-mail: our template and texts, rendered in Keycloak's e-mail theme.
            pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", "Ihr Antrag", "body", "Inhalt"));
            List<MimeMessage> mails = Mails.await(server, citizen[0] + "@example.org", 1);
            assertThat(mails).hasSize(1);
            assertThat(mails.get(0).getSubject()).isEqualTo("Neue Nachricht in Ihrem Servicekonto-Postfach");
            String text = GreenMailUtil.getWholeMessage(mails.get(0)).replace("=\r\n", "");
            assertThat(text).contains("In Ihrem Postfach ist eine neue Nachricht eingegangen.", "Zum Postfach:")
                    .doesNotContain("skPostfach").doesNotContain("Ihr Antrag");
        } finally {
            themes(server, "servicekonto", "servicekonto");
        }
    }

    /** Only a provider's jar makes a template of ours independent of the realm's theme; the theme keeps none. */
    @Test
    void givenTheServicekontoThemeThenItHoldsNoTemplateOfOurs() throws IOException {
        try (Stream<Path> files = Files.walk(TestPaths.projectDir().resolve("themes/servicekonto"))) {
            assertThat(files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("sk-") && name.endsWith(".ftl")))
                    .as("sk-*.ftl belong in the provider's src/main/resources/theme-resources/templates").isEmpty();
        }
    }

    private static void themes(ServicekontoServer server, String login, String email) {
        HttpResponse<String> updated = server.admin().put("/realms/" + REALM,
                Map.of("loginTheme", login, "emailTheme", email));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }
}
