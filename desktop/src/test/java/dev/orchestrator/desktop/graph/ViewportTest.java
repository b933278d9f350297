package dev.orchestrator.desktop.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {

    private final Viewport viewport = new Viewport();

    @Test
    void keepsThePointUnderThePointerInPlaceWhileZooming() {
        viewport.panBy(30, -20);
        double graphX = viewport.toGraphX(200);
        double graphY = viewport.toGraphY(150);

        viewport.zoomAt(1.5, 200, 150);

        assertThat(viewport.scale()).isEqualTo(1.5);
        assertThat(viewport.toLocalX(graphX)).isCloseTo(200, within(1e-9));
        assertThat(viewport.toLocalY(graphY)).isCloseTo(150, within(1e-9));
    }

    @Test
    void fitsALargeGraphCentredWithinTheMargins() {
        viewport.fit(4_000, 1_000, 800, 600, 20);

        assertThat(viewport.scale()).isCloseTo(760.0 / 4_000, within(1e-9));
        assertThat(viewport.toLocalX(0)).isCloseTo(20, within(1e-9));
        assertThat(viewport.toLocalX(4_000)).isCloseTo(780, within(1e-9));
        assertThat(viewport.toLocalY(500)).isCloseTo(300, within(1e-9));
    }

    @Test
    void fitsASmallGraphAtNaturalSizeInsteadOfBlowingItUp() {
        viewport.fit(100, 50, 800, 600, 20);

        assertThat(viewport.scale()).isEqualTo(Viewport.MAX_FIT_SCALE);
        assertThat(viewport.toLocalX(50)).isCloseTo(400, within(1e-9));
    }

    @Test
    void stopsZoomingOutAtHalfTheFittingScaleAndZoomingInAtTheMaximum() {
        viewport.fit(40_000, 10_000, 800, 600, 0);
        double fitScale = viewport.scale();

        for (int i = 0; i < 50; i++) {
            viewport.zoomAt(0.5, 0, 0);
        }
        assertThat(viewport.scale()).isCloseTo(fitScale / 2, within(1e-12));
        assertThat(viewport.zoomAt(0.5, 0, 0)).isFalse();

        for (int i = 0; i < 50; i++) {
            viewport.zoomAt(2, 0, 0);
        }
        assertThat(viewport.scale()).isEqualTo(Viewport.MAX_SCALE);
    }
}
