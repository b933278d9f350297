package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunLifecycle.NewRun;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before recovery reads the runs: the runs an earlier process created and answered for, which its
 * {@link RunJournal} holds but the database lost (H2 writes commits to its file up to {@code WRITE_DELAY} later, and
 * the process was killed in between), are inserted again as they were created. Recovery then finds them unfinished
 * like any run the killed process had under way. Runs the database has are left as they are, so replaying a record
 * twice changes nothing. Once applied, the database is forced to its file and the journal's old segments deleted.
 */
final class JournalReplay {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private final Jdbi jdbi;
    private final RunJournal journal;
    private final RunCreationRecord records;
    private final JdbiRunLifecycle lifecycle;
    private final GroupCommit durability;

    JournalReplay(
            Jdbi jdbi,
            RunJournal journal,
            RunCreationRecord records,
            JdbiRunLifecycle lifecycle,
            GroupCommit durability) {
        this.jdbi = jdbi;
        this.journal = journal;
        this.records = records;
        this.lifecycle = lifecycle;
        this.durability = durability;
    }

    /** @return the ids of the runs inserted again */
    List<String> replay() {
        Map<String, NewRun> journaled = new LinkedHashMap<>();
        for (byte[] record : journal.found()) {
            records.read(record).forEach(run -> journaled.putIfAbsent(run.run().runId(), run));
        }
        if (journaled.isEmpty()) {
            journal.deleteFound(); // none, or only a torn record: nothing to apply, nothing to force
            return List.of();
        }
        List<String> inserted = new ArrayList<>();
        jdbi.useTransaction(handle -> {
            Set<String> present = new HashSet<>();
            List<String> ids = List.copyOf(journaled.keySet());
            for (int from = 0; from < ids.size(); from += 500) {
                present.addAll(handle.createQuery("SELECT run_id FROM runs WHERE run_id IN (<ids>)")
                        .bindList("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                        .mapTo(String.class)
                        .list());
            }
            List<NewRun> missing = journaled.values().stream()
                    .filter(run -> !present.contains(run.run().runId()))
                    .toList();
            lifecycle.insert(handle, missing);
            missing.forEach(run -> inserted.add(run.run().runId()));
        });
        if (!inserted.isEmpty()) {
            LOG.warn(
                    "the database had lost {} run(s) created just before the agent was killed; inserted them "
                            + "again from the run journal: {}",
                    inserted.size(),
                    inserted);
        }
        durability.await(); // what was inserted is on disk before the records that tell of it are gone
        journal.deleteFound();
        return inserted;
    }
}
