package dev.orchestrator.desktop.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.api.PipelineRevisionDto;
import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.LiveAgent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pipeline's history against a real agent: the versions, the diff of one against the current, and a restore. */
class PipelineHistoryModelTest {

    private static String version(String word) {
        return """
                pipelines:
                  - id: edited
                    tasks:
                      - { id: step, connector: shell, action: run, action_kwargs: { command: echo, args: ["%s"] } }
                """.formatted(word);
    }

    /** The restore confirmation as the user answers it. */
    private static final class Answers implements PipelineDialogs {

        boolean restore;
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<Map<String, Object>> askParameters(PipelinesModel.Item item) {
            throw new AssertionError("not asked here");
        }

        @Override
        public Optional<Days> askBackfillDays(PipelinesModel.Item item, LocalDate from, LocalDate to) {
            throw new AssertionError("not asked here");
        }

        @Override
        public boolean confirmRestore(String pipelineId, PipelineRevisionDto revision, String diff) {
            asked.add("restore " + revision.revision() + " of " + pipelineId + ":\n" + diff);
            return restore;
        }
    }

    private static void save(AgentClient client, String text) {
        client.saveSource("edited", text, client.source("edited").version());
    }

    @Test
    void listsTheVersionsShowsTheDiffToTheCurrentAndRestoresTheOldestOnceConfirmed() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("edited.yaml", version("v1")))) {
            AgentSession session = agent.session("prod");
            save(session.client(), version("v2"));
            save(session.client(), version("v3"));
            Answers answers = new Answers();
            List<String> reported = new ArrayList<>();
            PipelineHistoryModel model = new PipelineHistoryModel(answers, reported::add);
            assertThat(model.canRestoreProperty().get()).isFalse();

            model.show(session, "edited");

            assertThat(model.revisions()).hasSize(3);
            assertThat(model.revisions().get(0).current()).isTrue();
            assertThat(model.revisions())
                    .extracting(PipelineRevisionDto::source)
                    .containsExactly("api", "api", "file");
            PipelineRevisionDto oldest = model.revisions().get(2);
            model.selection().setAll(oldest);
            assertThat(model.diffProperty().get())
                    .contains("-      - { id: step, connector: shell, action: run, action_kwargs: { command: echo, "
                            + "args: [\"v1\"] } }")
                    .contains("+      - { id: step, connector: shell, action: run, action_kwargs: { command: echo, "
                            + "args: [\"v3\"] } }");
            assertThat(model.diffTitleProperty().get())
                    .isEqualTo("Changes from revision " + oldest.revision() + " to "
                            + model.revisions().get(0).revision() + " (current)");
            assertThat(model.canRestoreProperty().get()).isTrue();

            model.restore();
            assertThat(answers.asked).singleElement().asString().contains("restore " + oldest.revision());
            assertThat(session.client().source("edited").text())
                    .as("not confirmed")
                    .isEqualTo(version("v3"));

            answers.restore = true;
            model.restore();

            assertThat(session.client().source("edited").text()).isEqualTo(version("v1"));
            assertThat(model.revisions()).hasSize(4);
            assertThat(model.revisions().get(0).revision()).isEqualTo(oldest.revision());
            assertThat(model.revisions().get(0).current()).isTrue();
            assertThat(reported).contains("Restored revision " + oldest.revision() + " of edited: it runs from now on");

            model.selection().setAll(model.revisions().get(0));
            assertThat(model.canRestoreProperty().get()).as("the current one").isFalse();
        }
    }

    @Test
    void aRestoreIsRefusedWhenTheFileChangedSinceTheHistoryWasRead() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("edited.yaml", version("v1")))) {
            AgentSession session = agent.session("prod");
            save(session.client(), version("v2"));
            Answers answers = new Answers();
            answers.restore = true;
            List<String> reported = new ArrayList<>();
            PipelineHistoryModel model = new PipelineHistoryModel(answers, reported::add);
            model.show(session, "edited");
            model.selection().setAll(model.revisions().get(1));
            save(session.client(), version("v3")); // someone else's edit, after the history was read

            model.restore();

            assertThat(session.client().source("edited").text()).isEqualTo(version("v3"));
            assertThat(reported.get(reported.size() - 1))
                    .startsWith("Restore revision ")
                    .contains("failed: ");
            assertThat(model.revisions()).as("read again: what the file is now").hasSize(3);
        }
    }
}
