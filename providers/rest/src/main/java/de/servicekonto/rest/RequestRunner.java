package de.servicekonto.rest;

import jakarta.persistence.EntityExistsException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;

/**
 * Runs one REST call the same way for every Servicekonto API:
 * <ol>
 *   <li>runs it, then flushes the database, so that a constraint or version conflict surfaces here and not at
 *   commit (where Keycloak would answer 500);</li>
 *   <li>maps a refusal to its answer: {@link ApiException} as itself, input that could not be read to
 *   {@code 400 invalid_request}, Keycloak's "no such model" (e.g. another realm's id) to {@code 404 not_found}, a
 *   duplicate, an integrity-constraint violation (SQL state 23) or a concurrent change to {@code 409 conflict}; any
 *   other database failure and anything else is a fault of
 *   ours, logged with a reference and answered {@code 500 server_error} without detail;</li>
 *   <li>on any error rolls back what the call wrote;</li>
 *   <li>answers {@code Cache-Control: no-store} unless the call set its own cache header.</li>
 * </ol>
 * The rules are plain ({@link #classify}, the order of steps); {@link #forSession} binds them to Keycloak's
 * transaction and to JSON answers.
 *
 * @param <R> the answer type ({@link Response} in the server; anything in a unit test)
 */
public final class RequestRunner<R> {

    private static final Logger LOG = Logger.getLogger(RequestRunner.class);

    /** What the runner does to the call's transaction. */
    public interface Transaction {
        void flush();

        void rollback();
    }

    /** How answers are written. */
    public interface Answers<R> {
        /** The refusal as an answer. */
        R error(ApiException e);

        /** The call's own answer, completed (e.g. with {@code no-store}). */
        R success(R answer);
    }

    private final Transaction transaction;
    private final Answers<R> answers;

    public RequestRunner(Transaction transaction, Answers<R> answers) {
        this.transaction = transaction;
        this.answers = answers;
    }

    /**
     * A runner for a resource of {@code session}, answering JSON errors; {@code challengeRealm} names the API in
     * {@code WWW-Authenticate} ({@code postfach}, {@code sk-organisations}).
     */
    public static RequestRunner<Response> forSession(KeycloakSession session, String challengeRealm) {
        return new RequestRunner<>(transaction(session), new JsonAnswers(challengeRealm));
    }

    /**
     * A runner for an endpoint whose caller is a program that shows its own message (the eID-Client): errors are
     * the bare code in {@code text/plain}, {@code no-store, no-cache}.
     */
    public static RequestRunner<Response> plainText(KeycloakSession session) {
        return new RequestRunner<>(transaction(session), new PlainTextAnswers());
    }

    /** Keycloak's transaction of {@code session}: flush through JPA, rollback through the transaction manager. */
    public static Transaction transaction(KeycloakSession session) {
        return new Transaction() {
            @Override
            public void flush() {
                JpaConnectionProvider jpa = session.getProvider(JpaConnectionProvider.class);
                if (jpa != null) {
                    jpa.getEntityManager().flush();
                }
            }

            @Override
            public void rollback() {
                session.getTransactionManager().setRollbackOnly();
            }
        };
    }

    /** Runs {@code call}; see the class comment for what happens around it. */
    public R run(Supplier<R> call) {
        try {
            R answer = call.get();
            transaction.flush();
            return answers.success(answer);
        } catch (WebApplicationException e) {
            // The framework's own answer (e.g. 406 from content negotiation): kept, but nothing is written.
            transaction.rollback();
            throw e;
        } catch (RuntimeException e) {
            transaction.rollback();
            return answers.error(classify(e));
        }
    }

    /**
     * Answers a refusal from inside a call without rolling back: for a call whose writes must stay although it
     * fails (e.g. a counter of attempts at a remote service).
     */
    public R refuse(ApiException e) {
        return answers.error(e);
    }

    /** The answer to an exception a call threw; see the class comment. */
    public static ApiException classify(RuntimeException e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof UncheckedIOException) {
            return ApiException.invalid("the request could not be read");
        }
        if (e instanceof ModelDuplicateException) {
            return new ApiException(409, "conflict", "this conflicts with existing data");
        }
        if (e instanceof ModelException) {
            return ApiException.notFound("no such object");
        }
        if (e instanceof OptimisticLockException || e instanceof EntityExistsException || integrityViolation(e)) {
            LOG.debugf("Conflict in a REST call: %s", e.getClass().getName());
            return new ApiException(409, "conflict", "changed concurrently; read again and retry");
        }
        // Any other database failure (lost connection, value too long, …) is ours to fix, not the client's to retry:
        // it falls through to the 500 with a logged reference.
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "REST call failed (reference %s)", reference);
        return new ApiException(500, "server_error", "internal error, reference " + reference);
    }

    /**
     * Whether the database refused a write for an integrity constraint (a unique key two requests raced for): SQL
     * state class 23 anywhere in the cause chain, as every JDBC driver reports it.
     */
    static boolean integrityViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** {@code Cache-Control: no-store}: answers of our APIs hold personal data and are never cached. */
    public static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }

    /** Errors as the bare code in {@code text/plain}, never cached. */
    public static final class PlainTextAnswers implements Answers<Response> {

        @Override
        public Response error(ApiException e) {
            CacheControl cache = noStore();
            cache.setNoCache(true);
            return Response.status(e.status()).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).entity(e.code() + "\n")
                    .cacheControl(cache).build();
        }

        @Override
        public Response success(Response answer) {
            return JsonAnswers.withNoStore(answer);
        }
    }

    /** JSON errors {@code {"error","error_description",...}} with {@code no-store}, and the challenge of a 401. */
    public static final class JsonAnswers implements Answers<Response> {

        private final String challengeRealm;

        public JsonAnswers(String challengeRealm) {
            this.challengeRealm = challengeRealm;
        }

        @Override
        public Response error(ApiException e) {
            Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(e.body()).cacheControl(noStore());
            String challenge = e.challenge(challengeRealm);
            if (challenge != null) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
            }
            return response.build();
        }

        @Override
        public Response success(Response answer) {
            return withNoStore(answer);
        }

        static Response withNoStore(Response answer) {
            if (!answer.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
                answer.getHeaders().add(HttpHeaders.CACHE_CONTROL, noStore());
            }
            return answer;
        }
    }
}
