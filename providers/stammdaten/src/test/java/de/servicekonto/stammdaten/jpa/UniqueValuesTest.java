package de.servicekonto.stammdaten.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

class UniqueValuesTest {

    private final RealmModel realm = proxy(RealmModel.class, "realm-1");
    private final List<Object[]> searches = new ArrayList<>();

    @Test
    void givenAValueThenKeycloakIsAskedForExactlyThatValueIgnoringCaseInThisRealmServiceAccountsIncluded() {
        UniqueValues.heldByOther(users(), realm, "deMail", "  Erika@Example.De-Mail.de ", null);
        assertThat(searches).hasSize(1);
        Object[] search = searches.get(0);
        assertThat(search[0]).isSameAs(realm);
        assertThat(search[1]).isEqualTo(Map.of("deMail", "erika@example.de-mail.de",
                UserModel.EXACT, "true", UserModel.INCLUDE_SERVICE_ACCOUNT, "true"));
        assertThat(search[2]).isEqualTo(0);
        assertThat(search[3]).isEqualTo(2);
    }

    @Test
    void givenNoHolderThenFree() {
        assertThat(UniqueValues.heldByOther(users(), realm, "deMail", "a@b.de-mail.de", null)).isFalse();
        assertThat(UniqueValues.heldByOther(users(), realm, "deMail", "a@b.de-mail.de", "u1")).isFalse();
    }

    @Test
    void givenOnlyTheAccountBeingChangedHoldsItThenFree() {
        assertThat(UniqueValues.heldByOther(users("u1"), realm, "deMail", "a@b.de-mail.de", "u1")).isFalse();
    }

    @Test
    void givenAnotherAccountHoldsItThenTakenForARegistrationAndForAnyOtherAccount() {
        assertThat(UniqueValues.heldByOther(users("u2"), realm, "deMail", "a@b.de-mail.de", null)).isTrue();
        assertThat(UniqueValues.heldByOther(users("u2"), realm, "deMail", "a@b.de-mail.de", "u1")).isTrue();
        assertThat(UniqueValues.heldByOther(users("u1", "u2"), realm, "deMail", "a@b.de-mail.de", "u1")).isTrue();
    }

    private UserProvider users(String... holders) {
        return (UserProvider) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UserProvider.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("searchForUserStream") && args.length == 4 && args[1] instanceof Map) {
                        searches.add(args);
                        return Stream.of(holders).map(id -> proxy(UserModel.class, id));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, String id) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getId" -> id;
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
