package dev.orchestrator.desktop.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the editor offers at the cursor, and which columns an offer replaces. */
class CompletionsTest {

    private static final String TEXT = """
            pipelines:
              - id: load
                tasks:
                  - id: fetch
                    connector: shell
                  - id: store
                    depen: [fetch]
                    conn
            """;

    private final Completions completions = new Completions(List.of());

    @Test
    void aKeyTypedBeforeAnExistingColonIsOfferedWithoutASecondColon() {
        Completions.Offer offer = completions.at(TEXT, 6, "        depen".length());

        assertThat(offer.words()).containsExactly("depends_on");
        assertThat(offer.from()).isEqualTo(8);
        assertThat(offer.to()).isEqualTo("        depen".length());
    }

    @Test
    void aKeyCompletedInTheMiddleOfItsWordReplacesTheWholeWord() {
        Completions.Offer offer = completions.at(TEXT, 6, "        dep".length());

        assertThat(offer.words()).contains("depends_on");
        assertThat(offer.from()).isEqualTo(8);
        assertThat(offer.to()).as("up to the colon").isEqualTo("        depen".length());
    }

    @Test
    void aKeyWithoutAColonYetIsOfferedWithOne() {
        Completions.Offer offer = completions.at(TEXT, 7, "        conn".length());

        assertThat(offer.words()).containsExactly("connector: ", "connector_config: ");
        assertThat(offer.to()).isEqualTo("        conn".length());
    }
}
