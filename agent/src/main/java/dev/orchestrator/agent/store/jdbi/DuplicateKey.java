package dev.orchestrator.agent.store.jdbi;

import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Recognises an insert that met a row with its key already there: the same SQLSTATE on H2 and PostgreSQL, so a
 * store can take it as the answer "there before" (a claim another agent made, a row inserted at the same moment).
 */
final class DuplicateKey {

    /** SQLSTATE of a duplicate key, on H2 and PostgreSQL alike. */
    private static final String SQL_STATE = "23505";

    private DuplicateKey() {}

    /**
     * Runs {@code insert}, one statement committed alone (on PostgreSQL a failed statement inside a longer
     * transaction would void the rest of it): false when a row with its key was there before.
     */
    static boolean insertOnce(Runnable insert) {
        try {
            insert.run();
            return true;
        } catch (StatementException e) {
            if (causedFailure(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the statement failed because a row with its key was there. */
    static boolean causedFailure(StatementException e) {
        return e.getCause() instanceof SQLException cause && SQL_STATE.equals(cause.getSQLState());
    }
}
