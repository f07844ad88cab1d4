package de.servicekonto.postfach.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's counterpart of the PostgreSQL trigger function {@code sk_pf_refuse_evidence_update}: a row trigger on
 * {@code SK_PF_NOTICE} and {@code SK_PF_NOTICE_EVENT} (change set {@code 2026-12-02-sk-postfach-h2-evidence-immutable})
 * that refuses every UPDATE, so notice evidence is written once on the dev-file database too, whoever connects.
 * H2 loads this class from the server's class path when the database opens; deletes stay possible (realm removal).
 */
public final class H2EvidenceGuard implements Trigger {

    /** SQL state {@code restrict_violation}, as on PostgreSQL. */
    static final String SQL_STATE = "23001";

    private String table;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("notice evidence in " + table + " is written once and cannot be changed", SQL_STATE);
    }
}
