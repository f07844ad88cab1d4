package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_PASSWORD;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.AdminClient;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step-up within one browser session and the maximum age of a level, on a copy of the shipped browser flow in which
 * the test-only means {@code sk-test-means} stands in for the ID card, so the periods can be shortened and many
 * logins made without cards. The shipped flow is left as it is; EidLoginIT covers the real means.
 */
@ServicekontoServerTest
class StepUpIT {

    private static final String LOW = "http://eidas.europa.eu/LoA/low";
    private static final String SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    /** The shortened hoch period "by configuration" (shipped: 1800 s). */
    private static final int HOCH_MAX_AGE_SECONDS = 4;

    /** The shortened hoch idle limit "by configuration" (shipped: 300 s). */
    private static final int HOCH_IDLE_SECONDS = 4;

    private static String maxAgeClient;
    private static String idleClient;

    @BeforeAll
    static void portalsOnFlowsWithTestMeansForHigherLevels(ServicekontoServer server) {
        maxAgeClient = portalOnCopiedFlow(server.admin(), HOCH_MAX_AGE_SECONDS, null);
        idleClient = portalOnCopiedFlow(server.admin(), null, HOCH_IDLE_SECONDS);
    }

    /** A copy of the shipped flow with stand-in means for substanziell and hoch, and a portal bound to it. */
    private static String portalOnCopiedFlow(AdminClient admin, Integer hochMaxAge, Integer hochIdle) {
        String flow = "sk-test-step-up-" + UUID.randomUUID().toString().substring(0, 8);
        expect(admin.post("/realms/servicekonto/authentication/flows/servicekonto-browser/copy", Map.of("newName", flow)), 201);

        // Keycloak's levels are cumulative (a request for 3 passes the conditions of 2 and 3), so both higher
        // levels get a stand-in: "Elster" for substanziell, "eID" for hoch.
        standIn(admin, flow, "servicekonto-level-substanziell", 2, "Elster", null);
        standIn(admin, flow, "servicekonto-level-hoch", 3, "eID", hochMaxAge);
        if (hochIdle != null) {
            for (JsonNode execution : admin.get("/realms/servicekonto/authentication/flows/" + encode(flow) + "/executions")) {
                if ("sk-trust-level-idle".equals(execution.path("providerId").asText())) {
                    updateConfig(admin, execution, Map.of("idle-1", "3600", "idle-2", "1800", "idle-3", String.valueOf(hochIdle)));
                }
            }
        }

        String flowId = null;
        for (JsonNode topLevel : admin.get("/realms/servicekonto/authentication/flows")) {
            if (flow.equals(topLevel.path("alias").asText())) {
                flowId = topLevel.path("id").asText();
            }
        }
        String clientId = "step-up-portal-" + UUID.randomUUID().toString().substring(0, 8);
        expect(admin.post("/realms/servicekonto/clients", Map.of(
                "clientId", clientId, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + clientId,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "authenticationFlowBindingOverrides", Map.of("browser", flowId),
                "attributes", Map.of("pkce.code.challenge.method", "S256"))), 201);
        return clientId;
    }

    private static void updateConfig(AdminClient admin, JsonNode execution, Map<String, String> values) {
        String configId = execution.path("authenticationConfig").asText();
        @SuppressWarnings("unchecked")
        Map<String, Object> config = Json.MAPPER.convertValue(
                admin.get("/realms/servicekonto/authentication/config/" + configId), Map.class);
        config.put("config", values);
        expect(admin.put("/realms/servicekonto/authentication/config/" + configId, config), 204);
    }

    /** In the copied sub-flow of a level: disable the eID, add sk-test-means, set the max age. */
    private static void standIn(AdminClient admin, String flow, String levelFlow, int level, String means, Integer maxAge) {
        String executions = "/realms/servicekonto/authentication/flows/" + encode(flow) + "/executions";
        String subFlow = null;
        for (JsonNode execution : admin.get(executions)) {
            if (execution.path("authenticationFlow").asBoolean() && execution.path("displayName").asText().endsWith(levelFlow)) {
                subFlow = execution.path("displayName").asText();
            }
        }
        assertThat(subFlow).as("copy of " + levelFlow).isNotNull();
        for (JsonNode execution : admin.get(executions)) {
            if (!isChildOf(admin, flow, execution, subFlow)) {
                continue;
            }
            String provider = execution.path("providerId").asText();
            if ("sk-eid".equals(provider)) {
                expect(admin.put(executions, Map.of("id", execution.path("id").asText(), "requirement", "DISABLED")), 202, 204);
            }
            if ("conditional-level-of-authentication".equals(provider) && maxAge != null) {
                updateConfig(admin, execution, Map.of("loa-condition-level", String.valueOf(level), "loa-max-age", String.valueOf(maxAge)));
            }
        }
        expect(admin.post("/realms/servicekonto/authentication/flows/" + encode(subFlow) + "/executions/execution",
                Map.of("provider", "sk-test-means")), 201);
        for (JsonNode execution : admin.get(executions)) {
            if ("sk-test-means".equals(execution.path("providerId").asText()) && isChildOf(admin, flow, execution, subFlow)) {
                expect(admin.put(executions, Map.of("id", execution.path("id").asText(), "requirement", "REQUIRED")), 202, 204);
                expect(admin.post("/realms/servicekonto/authentication/executions/" + execution.path("id").asText() + "/config",
                        Map.of("alias", flow + "-" + level, "config", Map.of("sk.test.means", means, "sk.test.level", String.valueOf(level)))), 201);
            }
        }
    }

    @Test
    void givenPasswordSessionWhenServiceNeedsHochThenHigherMeansIsAskedWithoutNewPasswordAndSessionIsKept(
            ServicekontoServer server) throws Exception {
        OidcFlow first = new OidcFlow(server.realmUri(), maxAgeClient, "secret-" + maxAgeClient, DEMO_OIDC_REDIRECT);
        JsonNode low = Json.jwtClaims(first.exchange(first.callback(
                first.login(first.authorize(Map.of()), DEMO_USER, DEMO_PASSWORD)).get("code")).path("id_token").asText());
        assertThat(low.path("acr").asText()).isEqualTo(LOW);

        // Same browser, a service that needs hoch: no password form, the level's means only (the stand-in succeeds).
        OidcFlow stepUp = first.again();
        JsonNode highTokens = stepUp.exchange(stepUp.callback(stepUp.authorize(Map.of("acr_values", HIGH))).get("code"));
        JsonNode high = Json.jwtClaims(highTokens.path("id_token").asText());
        assertThat(high.path("acr").asText()).isEqualTo(HIGH);
        assertThat(high.path("sid").asText()).as("same SSO session").isEqualTo(low.path("sid").asText());

        // Once the hoch period is over, the session falls back to what it may still assert: in refreshed tokens ...
        Thread.sleep((HOCH_MAX_AGE_SECONDS + 2) * 1000L);
        JsonNode refreshed = stepUp.refresh(highTokens.path("refresh_token").asText());
        assertThat(Json.jwtClaims(refreshed.path("access_token").asText()).path("acr").asText()).isEqualTo(SUBSTANTIAL);
        assertThat(Json.jwtClaims(refreshed.path("id_token").asText()).path("acr").asText()).isEqualTo(SUBSTANTIAL);

        // ... and in the next login over the same SSO session.
        OidcFlow later = first.again();
        JsonNode afterExpiry = Json.jwtClaims(later.exchange(later.callback(
                later.authorize(Map.of())).get("code")).path("id_token").asText());
        assertThat(afterExpiry.path("sid").asText()).isEqualTo(low.path("sid").asText());
        assertThat(afterExpiry.path("acr").asText()).as("hoch no longer asserted, substanziell still valid")
                .isEqualTo(SUBSTANTIAL);

        // And a service needing hoch asks for the means again instead of trusting the expired level.
        OidcFlow again = first.again();
        JsonNode renewed = Json.jwtClaims(again.exchange(again.callback(
                again.authorize(Map.of("acr_values", HIGH))).get("code")).path("id_token").asText());
        assertThat(renewed.path("acr").asText()).isEqualTo(HIGH);
    }

    @Test
    void givenHochUnusedLongerThanItsIdleLimitThenItIsNeitherReusedNorAssertedButUseKeepsItAlive(
            ServicekontoServer server) throws Exception {
        OidcFlow first = new OidcFlow(server.realmUri(), idleClient, "secret-" + idleClient, DEMO_OIDC_REDIRECT);
        first.callback(first.login(first.authorize(Map.of()), DEMO_USER, DEMO_PASSWORD));
        OidcFlow stepUp = first.again();
        JsonNode tokens = stepUp.exchange(stepUp.callback(stepUp.authorize(Map.of("acr_values", HIGH))).get("code"));
        assertThat(Json.jwtClaims(tokens.path("id_token").asText()).path("acr").asText()).isEqualTo(HIGH);

        // Used within the idle limit, twice, until past the limit counted from reaching hoch: still hoch, since
        // each use starts the idle period anew.
        Thread.sleep(2500);
        tokens = stepUp.refresh(tokens.path("refresh_token").asText());
        assertThat(Json.jwtClaims(tokens.path("access_token").asText()).path("acr").asText()).isEqualTo(HIGH);
        Thread.sleep(2500);
        tokens = stepUp.refresh(tokens.path("refresh_token").asText());
        assertThat(Json.jwtClaims(tokens.path("access_token").asText()).path("acr").asText())
                .as("5 s after reaching hoch, 2.5 s after the last use").isEqualTo(HIGH);

        // Then left alone for longer than the limit: refreshed tokens and the next SSO login fall back.
        Thread.sleep((HOCH_IDLE_SECONDS + 2) * 1000L);
        JsonNode refreshed = stepUp.refresh(tokens.path("refresh_token").asText());
        assertThat(Json.jwtClaims(refreshed.path("access_token").asText()).path("acr").asText()).isEqualTo(SUBSTANTIAL);

        OidcFlow later = first.again();
        JsonNode afterIdle = Json.jwtClaims(later.exchange(later.callback(
                later.authorize(Map.of())).get("code")).path("id_token").asText());
        assertThat(afterIdle.path("acr").asText()).isEqualTo(SUBSTANTIAL);
    }

    private static boolean isChildOf(AdminClient admin, String flow, JsonNode execution, String subFlow) {
        // Executions are listed depth-first; the parent of a level-2 execution is the last level-1 flow above it.
        String parent = null;
        for (JsonNode candidate : admin.get("/realms/servicekonto/authentication/flows/" + encode(flow) + "/executions")) {
            if (candidate.path("id").asText().equals(execution.path("id").asText())) {
                return subFlow.equals(parent);
            }
            if (candidate.path("authenticationFlow").asBoolean()
                    && candidate.path("level").asInt() == execution.path("level").asInt() - 1) {
                parent = candidate.path("displayName").asText();
            }
        }
        return false;
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isIn(
                java.util.Arrays.stream(statuses).boxed().toArray());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
