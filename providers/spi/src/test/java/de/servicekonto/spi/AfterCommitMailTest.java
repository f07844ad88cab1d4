package de.servicekonto.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;
import org.keycloak.models.UserModel;

class AfterCommitMailTest {

    private static final String ADDRESS = "erika.mustermann@example.org";

    private final List<String> calls = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(AfterCommitMail.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    @Test
    void givenTheMailServerAcceptsThenSentWithTheProviderSetToRealmAndRecipient() {
        RealmModel realm = realm("r1", "buerger");
        KeycloakSession session = session(realm, provider(null));
        boolean sent = AfterCommitMail.send(session, realm, user("u1"), "Test mail", mail -> mail.send("s", List.of(), "t.ftl", Map.of()));
        assertThat(sent).isTrue();
        assertThat(calls).containsExactly("setRealm buerger", "setUser u1", "send t.ftl");
    }

    @Test
    void givenTheMailServerRefusesThenNotSentAndLoggedWithoutTheAddress() {
        RealmModel realm = realm("r1", "buerger");
        for (Exception failure : List.of(new EmailException("550 no such mailbox " + ADDRESS),
                new IllegalStateException("template failed for " + ADDRESS))) {
            KeycloakSession session = session(realm, provider(failure));
            assertThat(AfterCommitMail.send(session, realm, user("u1"), "Test mail",
                    mail -> mail.send("s", List.of(), "t.ftl", Map.of()))).isFalse();
        }
        assertThat(logged).containsExactly("Test mail to account u1 of realm buerger not sent (EmailException)",
                "Test mail to account u1 of realm buerger not sent (IllegalStateException)");
    }

    @Test
    void givenARollbackThenNothingRuns() {
        RealmModel realm = realm("r1", "buerger");
        KeycloakSession session = session(realm, null);
        AfterCommitMail.afterCommit(session, (s, r) -> calls.add("job"));
        assertThat(enlisted).hasSize(1);
        enlisted.get(0).begin();
        enlisted.get(0).rollback();
        assertThat(calls).doesNotContain("job");
    }

    // The work after a commit runs in KeycloakModelUtils.runJobInTransaction, which needs JTA on the class path: the
    // ITs that receive these mails prove that path (EidCardLinkIT: the card-link mail, OrganisationsIT: invitations,
    // PostfachIT and PostfachNoticeIT: notifications).

    // ---- stand-ins for Keycloak's session, only what the helper uses ----

    private final List<KeycloakTransaction> enlisted = new ArrayList<>();
    private final HttpRequest request = proxy(HttpRequest.class, Map.of());
    private final Map<String, RealmModel> realms = new HashMap<>();

    private RealmModel realm(String id, String name) {
        RealmModel realm = proxy(RealmModel.class, Map.of("getId", id, "getName", name));
        if (!"gone".equals(id)) {
            realms.put(id, realm);
        }
        return realm;
    }

    private static UserModel user(String id) {
        return proxy(UserModel.class, Map.of("getId", id, "getEmail", ADDRESS));
    }

    private EmailTemplateProvider provider(Exception failure) {
        return (EmailTemplateProvider) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EmailTemplateProvider.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setRealm" -> calls.add("setRealm " + ((RealmModel) args[0]).getName());
                        case "setUser" -> calls.add("setUser " + ((UserModel) args[0]).getId());
                        case "send" -> {
                            if (failure != null) {
                                throw failure;
                            }
                            calls.add("send " + args[2]);
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return proxy;
                });
    }

    private KeycloakSession session(RealmModel realm, EmailTemplateProvider provider) {
        Map<String, Object> context = new HashMap<>();
        context.put("realm", realm);
        context.put("request", request);
        KeycloakSessionFactory factory = (KeycloakSessionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("create")) {
                        calls.add("factory.create");
                        return newSession(new HashMap<>(), null, null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return newSession(context, provider, factory);
    }

    private KeycloakSession newSession(Map<String, Object> context, EmailTemplateProvider provider,
                                       KeycloakSessionFactory factory) {
        KeycloakContext keycloakContext = (KeycloakContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeycloakContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRealm" -> context.get("realm");
                    case "setRealm" -> context.put("realm", args[0]);
                    case "getHttpRequest" -> context.get("request");
                    case "setHttpRequest" -> context.put("request", args[0]);
                    default -> null;
                });
        boolean[] active = {false};
        KeycloakTransactionManager transactions = (KeycloakTransactionManager) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KeycloakTransactionManager.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "enlistAfterCompletion" -> enlisted.add((KeycloakTransaction) args[0]);
                            case "begin" -> active[0] = true;
                            case "isActive" -> active[0];
                            case "getRollbackOnly" -> false;
                            case "commit" -> {
                                calls.add("tx.commit");
                                active[0] = false;
                                yield null;
                            }
                            case "rollback" -> active[0] = false;
                            default -> null;
                        });
        RealmProvider realmProvider = (RealmProvider) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RealmProvider.class}, (proxy, method, args) ->
                        method.getName().equals("getRealm") ? realms.get((String) args[0]) : null);
        return (KeycloakSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContext" -> keycloakContext;
                    case "getTransactionManager" -> transactions;
                    case "getKeycloakSessionFactory" -> factory;
                    case "realms" -> realmProvider;
                    case "getProvider" -> provider;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> answers.get(method.getName());
                });
    }
}
