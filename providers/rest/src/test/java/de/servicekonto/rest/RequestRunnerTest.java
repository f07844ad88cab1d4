package de.servicekonto.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.EntityExistsException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;

class RequestRunnerTest {

    private final List<String> log = new ArrayList<>();

    private final RequestRunner<String> runner = runner(() -> log.add("flush"));

    /** A runner whose answers are "status code" strings, completed with " no-store"; rollbacks go to the log. */
    private RequestRunner<String> runner(Runnable flush) {
        return new RequestRunner<>(new RequestRunner.Transaction() {
            @Override
            public void flush() {
                flush.run();
            }

            @Override
            public void rollback() {
                log.add("rollback");
            }
        }, new RequestRunner.Answers<>() {
            @Override
            public String error(ApiException e) {
                return e.status() + " " + e.code();
            }

            @Override
            public String success(String answer) {
                return answer + " no-store";
            }
        });
    }

    @Test
    void givenASuccessfulCallThenFlushedAndCompletedNotRolledBack() {
        assertThat(runner.run(() -> "200")).isEqualTo("200 no-store");
        assertThat(log).containsExactly("flush");
    }

    @Test
    void givenARefusalThenItsAnswerAndRolledBack() {
        assertThat(runner.run(() -> {
            throw ApiException.forbidden("admin_required", "no");
        })).isEqualTo("403 admin_required");
        assertThat(log).containsExactly("rollback");
    }

    @Test
    void givenARefusalWhoseWritesMustStayThenAnsweredWithoutRollback() {
        assertThat(runner.run(() -> runner.refuse(new ApiException(502, "eid_server_unavailable", "busy"))))
                .isEqualTo("502 eid_server_unavailable no-store");
        assertThat(log).containsExactly("flush");
    }

    @Test
    void givenAConflictAtFlushThen409AndRolledBack() {
        RequestRunner<String> failingFlush = runner(() -> {
            throw new OptimisticLockException("version");
        });

        assertThat(failingFlush.run(() -> "200")).isEqualTo("409 conflict");
        assertThat(log).containsExactly("rollback");
    }

    @Test
    void givenKeycloakAndDatabaseExceptionsThenStableClientErrors() {
        assertThat(RequestRunner.classify(new ModelDuplicateException("dup")).code()).isEqualTo("conflict");
        assertThat(RequestRunner.classify(new ModelDuplicateException("dup")).status()).isEqualTo(409);
        assertThat(RequestRunner.classify(new ModelException("other realm")).status()).isEqualTo(404);
        assertThat(RequestRunner.classify(new OptimisticLockException()).status()).isEqualTo(409);
        assertThat(RequestRunner.classify(new UncheckedIOException(new IOException("reset"))).code())
                .isEqualTo("invalid_request");
    }

    @Test
    void givenAUniqueKeyRaceThen409ButOtherDatabaseFailuresAre500() {
        PersistenceException unique = new PersistenceException("constraint",
                new SQLException("duplicate key", "23505"));
        assertThat(RequestRunner.classify(unique).status()).isEqualTo(409);
        assertThat(RequestRunner.classify(new EntityExistsException("twice")).status()).isEqualTo(409);

        PersistenceException tooLong = new PersistenceException("data", new SQLException("value too long", "22001"));
        PersistenceException connection = new PersistenceException("gone", new SQLException("closed", "08003"));
        assertThat(RequestRunner.classify(tooLong).code()).isEqualTo("server_error");
        assertThat(RequestRunner.classify(connection).status()).isEqualTo(500);
        assertThat(RequestRunner.classify(new PersistenceException("no cause")).status()).isEqualTo(500);
    }

    @Test
    void givenAFaultOfOursThen500WithAReferenceAndNoDetail() {
        ApiException e = RequestRunner.classify(new IllegalStateException("secret detail"));

        assertThat(e.status()).isEqualTo(500);
        assertThat(e.code()).isEqualTo("server_error");
        assertThat(e.description()).startsWith("internal error, reference ").doesNotContain("secret");
    }
}
