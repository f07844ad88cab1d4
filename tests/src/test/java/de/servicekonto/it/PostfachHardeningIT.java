package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static de.servicekonto.it.support.PostfachFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security hardening of the Postfach (issue #14): actions on a message need its level, suspended authorities do
 * nothing, removal paths that skip Keycloak's UserRemovedEvent, service-account tokens of other clients, content
 * bound to level and notice flag, invisible characters in subjects and file names.
 */
@ServicekontoServerTest
class PostfachHardeningIT {

    private static PostfachFixture pf;
    private static ServicekontoServer server;
    private static String[] clerk;
    private static String authority;
    private static String system;

    @BeforeAll
    static void anAuthorityWithAClerkAndItsFachverfahren(ServicekontoServer running) {
        server = running;
        pf = new PostfachFixture(running);
        clerk = pf.account("Sachbearbeiterin");
        authority = pf.authority("Landratsamt", true, clerk[1]);
        system = pf.fachverfahren(authority);
    }

    // --- item 8: every removal path shreds ---

    @Test
    void givenManagedMemberRemovedThroughKeycloaksOrganizationsApiThenItsPostfachAndActivityLogAreGone() throws Exception {
        String[] member = pf.account("Mirko");
        String token = pf.token(member[0]);
        pf.send(token, "me", Map.of("to", Map.of("kind", "authority", "id", authority), "subject", "Antrag", "body", "b"));
        String org = pf.authority("Stadtwerke", true, member[1]);
        assertThat(server.count("select count(*) from SK_PF_DATA_KEY where OWNER_ID = ?", "u:" + member[1])).isEqualTo(1);
        assertThat(server.count("select count(*) from SK_PF_MAILBOX where OWNER_ID = ?", member[1])).isEqualTo(1);
        assertThat(server.count("select count(*) from SK_ACTIVITY where USER_ID = ?", member[1])).isPositive();
        // A managed membership is what an organisation's identity provider creates at a broker login; made here
        // directly, since the test server has no such provider. Keycloak deletes a managed member's account on removal
        // through session.users().removeUser, which publishes UserPreRemovedEvent but no UserRemovedEvent.
        try (Connection db = server.writableDatabase(); PreparedStatement update = db.prepareStatement(
                "update USER_GROUP_MEMBERSHIP set MEMBERSHIP_TYPE = 'MANAGED' where USER_ID = ?"
                        + " and GROUP_ID = (select GROUP_ID from ORG where ID = ?)")) {
            update.setString(1, member[1]);
            update.setString(2, org);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        HttpResponse<String> removed = server.admin().delete("/realms/servicekonto/organizations/" + org + "/members/"
                + member[1]);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(server.count("select count(*) from USER_ENTITY where ID = ?", member[1])).as("account deleted").isZero();

        assertThat(server.count("select count(*) from SK_PF_DATA_KEY where OWNER_ID = ?", "u:" + member[1])).isZero();
        assertThat(server.count("select count(*) from SK_PF_MAILBOX where OWNER_ID = ?", member[1])).isZero();
        assertThat(server.count("select count(*) from SK_ACTIVITY where USER_ID = ?", member[1])).isZero();
    }

    // --- item 6b: no invisible characters in subjects and file names ---

    @Test
    void givenBidiControlOrZeroWidthCharacterInSubjectOrFileNameThenRefusedAndNothingStored() throws Exception {
        String[] citizen = pf.account("Rita");
        String token = pf.token(citizen[0]);
        // The last one as an HTML entity: the HTML reduction turns it into the character, and then it is refused.
        for (String subject : List.of("Rechnung \u202Efdp.exe", "Bescheid\u200B", "\u2066Antrag\u2069",
                "<b>&#x202E;Antrag</b>")) {
            refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                    "subject", subject, "body", "b")), 400, "invisible_characters");
        }
        for (String filename : List.of("Rechnung\u202Efdp.exe.pdf", "Bescheid\uFEFF.pdf", "Antrag\u200F.pdf")) {
            refused(pf.upload(token, "me", filename, "application/pdf", PostfachIT.pdf(100)), 400, "invisible_characters");
        }
        assertThat(server.count("select count(*) from SK_PF_MAILBOX where OWNER_ID = ?", citizen[1])).isZero();
        // Right-to-left text itself is fine.
        pf.send(token, "me", Map.of("to", Map.of("kind", "authority", "id", authority), "subject", "طلب Antrag",
                "body", "b"));
    }
}
