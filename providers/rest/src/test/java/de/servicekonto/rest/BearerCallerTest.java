package de.servicekonto.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

class BearerCallerTest {

    /** A model object answering only the named methods (by name; a function receives the first argument). */
    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("equals")) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            Object answer = answers.get(method.getName());
            if (answer instanceof Function<?, ?> function) {
                return ((Function<Object, Object>) function).apply(args == null ? null : args[0]);
            }
            if (answer == null && method.getReturnType() == boolean.class) {
                return false;
            }
            return answer;
        });
    }

    private final RoleModel reviewer = stub(RoleModel.class, Map.of("getName", "sk-authority-reviewer"));
    private final ClientModel fachverfahren = stub(ClientModel.class, Map.of("getClientId", "fachverfahren", "getId", "c-1"));
    private final RealmModel realm = stub(RealmModel.class, Map.of(
            "getClientById", (Function<String, ClientModel>) id -> "c-1".equals(id) ? fachverfahren : null,
            "getRole", (Function<String, RoleModel>) name -> "sk-authority-reviewer".equals(name) ? reviewer : null));

    private static UserModel person(boolean enabled, RoleModel... roles) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("isEnabled", enabled);
        answers.put("hasRole", (Function<RoleModel, Boolean>) role -> List.of(roles).contains(role));
        return stub(UserModel.class, answers);
    }

    private static UserModel serviceAccountOf(String clientUuid) {
        return stub(UserModel.class, Map.of("getServiceAccountClientLink", clientUuid, "isEnabled", true));
    }

    private static AccessToken token(String azp, String scope) {
        AccessToken token = new AccessToken();
        token.issuedFor(azp);
        token.setScope(scope);
        return token;
    }

    @Test
    void givenScopesThenEachIsKnownAndAMissingOneIs403() {
        BearerCaller caller = new BearerCaller(realm, person(true), token("portal", " openid  postfach:read "));

        assertThat(caller.scopes()).containsExactlyInAnyOrder("openid", "postfach:read");
        assertThat(caller.requireScope("postfach:read")).isSameAs(caller);
        assertThatThrownBy(() -> caller.requireScope("postfach:send")).isInstanceOf(ApiException.class)
                .extracting("code").isEqualTo("insufficient_scope");
        assertThat(new BearerCaller(realm, person(true), token("portal", null)).scopes()).isEmpty();
    }

    @Test
    void givenTheServiceAccountsOwnTokenThenItsClient() {
        BearerCaller caller = new BearerCaller(realm, serviceAccountOf("c-1"), token("fachverfahren", null));

        assertThat(caller.isServiceAccount()).isTrue();
        assertThat(caller.serviceClient()).contains(fachverfahren);
        assertThat(caller.requireOwnServiceAccount()).isSameAs(fachverfahren);
    }

    @Test
    void givenAServiceAccountInAnotherClientsTokenThenNoClientAnd403() {
        BearerCaller caller = new BearerCaller(realm, serviceAccountOf("c-1"), token("exchanger", null));

        assertThat(caller.serviceClient()).isEmpty();
        assertThatThrownBy(caller::requireOwnServiceAccount).extracting("code").isEqualTo("foreign_service_account_token");
    }

    @Test
    void givenAPersonThenNoServiceClientAndPersonalPasses() {
        BearerCaller caller = new BearerCaller(realm, person(true), token("fachverfahren", null));

        assertThat(caller.serviceClient()).isEmpty();
        assertThat(caller.requirePersonal("personal_account_required", "persons only")).isSameAs(caller);
        BearerCaller client = new BearerCaller(realm, serviceAccountOf("c-1"), token("fachverfahren", null));
        assertThatThrownBy(() -> client.requirePersonal("personal_account_required", "persons only"))
                .extracting("status", "code").containsExactly(403, "personal_account_required");
    }

    @Test
    void givenADisabledAccountThen401() {
        assertThatThrownBy(() -> new BearerCaller(realm, person(false), token("portal", null)).requireEnabled())
                .extracting("status").isEqualTo(401);
    }

    @Test
    void givenRealmRolesThenOnlyHeldOnesAndUnknownOnesNot() {
        BearerCaller operator = new BearerCaller(realm, person(true, reviewer), token("sk-operator-console", null));

        assertThat(operator.hasRealmRole("sk-authority-reviewer")).isTrue();
        assertThat(operator.hasRealmRole("sk-organisation-verifier")).isFalse();
        assertThat(new BearerCaller(realm, person(true), token("x", null)).hasRealmRole("sk-authority-reviewer")).isFalse();
    }

    @Test
    void givenTheAccountConsolesTokenWithManageAccountThenAccountConsole() {
        AccessToken token = token("account-console", null);
        token.addAccess("account").addRole("manage-account");
        BearerCaller console = new BearerCaller(realm, person(true), token);

        assertThat(console.isAccountConsole()).isTrue();
        assertThat(console.hasAccountRole("view-profile", "manage-account")).isTrue();
        assertThat(console.issuedTo(List.of("account-console", "portal"))).isTrue();
    }

    @Test
    void givenAnotherClientOrNoAccountRoleThenNoAccountConsole() {
        AccessToken portal = token("portal", null);
        portal.addAccess("account").addRole("manage-account");
        assertThat(new BearerCaller(realm, person(true), portal).isAccountConsole()).isFalse();

        AccessToken viewOnly = token("account-console", null);
        viewOnly.addAccess("account").addRole("view-profile");
        BearerCaller caller = new BearerCaller(realm, person(true), viewOnly);
        assertThat(caller.isAccountConsole()).isFalse();
        assertThat(caller.hasAccountRole("view-profile")).isTrue();
        assertThat(new BearerCaller(realm, person(true), token("account-console", null)).hasAccountRole("view-profile"))
                .isFalse();
    }
}
