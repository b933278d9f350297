package dev.orchestrator.desktop.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.orchestrator.testsupport.IntegrationTest;
import java.util.concurrent.Callable;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Needs the toolkit for its fonts. */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class LabelFitterTest {

    private static final double FONT_SIZE = 12;

    @Test
    void keepsALabelThatFits() {
        assertThat(onFx(() -> new LabelFitter(Font.font(FONT_SIZE)).fit("load_orders", 200)))
                .isEqualTo("load_orders");
    }

    @Test
    void shortensALabelThatDoesNotFitWithAnEllipsisWithinTheWidth() {
        String fitted = onFx(() -> new LabelFitter(Font.font(FONT_SIZE)).fit("transform_customer_payments_0042", 100));

        assertThat(fitted).startsWith("transform").endsWith("…");
        assertThat(onFx(() -> measured(fitted))).isLessThanOrEqualTo(100.5);
    }

    @Test
    void addsUpCharacterWidthsToCloseToTheWidthOfTheWholeText() {
        String label = "aggregate_sessions_0137";

        double summed = onFx(() -> new LabelFitter(Font.font(FONT_SIZE)).width(label));

        assertThat(summed).isCloseTo(onFx(() -> measured(label)), offset(2.0));
    }

    private static double measured(String text) {
        Text node = new Text(text);
        node.setFont(Font.font(FONT_SIZE));
        return node.getLayoutBounds().getWidth();
    }

    private static <T> T onFx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get();
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
    }
}
