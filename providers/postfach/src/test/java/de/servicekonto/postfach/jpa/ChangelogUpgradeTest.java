package de.servicekonto.postfach.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * The Postfach change log applied to a database of the previous version: H2 in memory (the dev-file database's
 * engine), first up to the change set that created {@code SK_PF_NOTICE_MAIL}, with rows in it, then the rest.
 */
class ChangelogUpgradeTest {

    private static final String CHANGELOG = "META-INF/sk-postfach-changelog.xml";
    /** The change sets of the version that introduced SK_PF_NOTICE_MAIL (those for PostgreSQL do not apply to H2). */
    private static final int CHANGE_SETS_OF_PREVIOUS_VERSION = 3;

    @Test
    void givenNoticeMailsWaitingThenTheyMoveToThePendingMailsAndUsedUpOnesGo() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(db));
            liquibase.update(CHANGE_SETS_OF_PREVIOUS_VERSION, "");
            try (Statement st = db.createStatement()) {
                st.executeUpdate("insert into SK_PF_NOTICE_MAIL (NOTICE_ID, REALM_ID, MESSAGE_REF, RECIPIENT_KIND,"
                        + " RECIPIENT_ID, ATTEMPTS, NEXT_AT) values ('n1', 'r1', 'm1', 'USER', 'u1', 3, 1000)");
                st.executeUpdate("insert into SK_PF_NOTICE_MAIL (NOTICE_ID, REALM_ID, MESSAGE_REF, RECIPIENT_KIND,"
                        + " RECIPIENT_ID, ATTEMPTS, NEXT_AT) values ('n2', 'r1', 'm2', 'ORGANISATION', 'o1', 10, null)");
            }

            liquibase.update("");

            try (Statement st = db.createStatement();
                 ResultSet rows = st.executeQuery("select MESSAGE_REF, REALM_ID, RECIPIENT_KIND, RECIPIENT_ID, NOTICE,"
                         + " ATTEMPTS, NEXT_AT from SK_PF_PENDING_MAIL")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("m1");
                assertThat(rows.getString(2)).isEqualTo("r1");
                assertThat(rows.getString(3)).isEqualTo("USER");
                assertThat(rows.getString(4)).isEqualTo("u1");
                assertThat(rows.getBoolean(5)).isTrue();
                assertThat(rows.getInt(6)).isEqualTo(3);
                assertThat(rows.getLong(7)).isEqualTo(1000);
                assertThat(rows.next()).as("the row whose attempts were used up").isFalse();
            }
            try (Statement st = db.createStatement();
                 ResultSet tables = st.executeQuery("select count(*) from INFORMATION_SCHEMA.TABLES"
                         + " where TABLE_NAME = 'SK_PF_NOTICE_MAIL'")) {
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }
        }
    }

    @Test
    void givenTheChangeLogOnH2ThenNoticeEvidenceCannotBeUpdatedButCanBeDeleted() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(db)).update("");
            try (Statement st = db.createStatement()) {
                st.executeUpdate("insert into SK_PF_NOTICE (ID, REALM_ID, MESSAGE_REF, AUTHORITY_ID, RECIPIENT_ID, RULE_NAME,"
                        + " PROVIDED_AT) values ('n1', 'r1', 'm1', 'a1', 'u1', 'FOURTH_DAY_AFTER_PROVISION', 1000)");
                st.executeUpdate("insert into SK_PF_NOTICE_EVENT (ID, NOTICE_ID, TYPE, EVENT_TIME)"
                        + " values ('n1:NOTIFIED', 'n1', 'NOTIFIED', 2000)");

                assertThatThrownBy(() -> st.executeUpdate("update SK_PF_NOTICE set PROVIDED_AT = 0"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("written once");
                assertThatThrownBy(() -> st.executeUpdate("update SK_PF_NOTICE_EVENT set EVENT_TIME = 0"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("written once");
                assertThat(st.executeUpdate("delete from SK_PF_NOTICE_EVENT")).isEqualTo(1);
                assertThat(st.executeUpdate("delete from SK_PF_NOTICE")).isEqualTo(1);
            }
        }
    }
}
