package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.api.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route lookup by path segment: what the linear scan of regular expressions did, without the scan. */
class RouterTest {

    private static final Route DETAIL =
            Route.get("/api/v1/runs/{run_id}", request -> "detail").requires(Role.VIEWER);
    private static final Route EXPORT =
            Route.get("/api/v1/runs/export.csv", request -> "export").requires(Role.VIEWER);
    private static final Route CANCEL =
            Route.post("/api/v1/runs/{run_id}/cancel", request -> "cancel").requires(Role.OPERATOR);
    private static final Route TEST = Route.post("/api/v1/pipelines/{id}/tasks/{task}/test", request -> "test")
            .requires(Role.OPERATOR);
    private static final Route HEALTH = Route.open("GET", "/health", request -> "ok");

    private final Router router = new Router(List.of(DETAIL, EXPORT, CANCEL, TEST, HEALTH));

    @Test
    void aLiteralSegmentGoesBeforeAParameterWhateverTheOrderOfTheRoutes() {
        assertThat(router.find("GET", "/api/v1/runs/export.csv")).isEqualTo(new Router.Found(EXPORT, Map.of()));
        assertThat(router.find("GET", "/api/v1/runs/run_1"))
                .isEqualTo(new Router.Found(DETAIL, Map.of("run_id", "run_1")));
    }

    @Test
    void givesEveryPathParameterByName() {
        assertThat(router.find("POST", "/api/v1/pipelines/daily/tasks/load/test"))
                .isEqualTo(new Router.Found(TEST, Map.of("id", "daily", "task", "load")));
        assertThat(router.find("POST", "/api/v1/runs/export.csv/cancel"))
                .as("a literal that leads nowhere falls back to the parameter")
                .isEqualTo(new Router.Found(CANCEL, Map.of("run_id", "export.csv")));
    }

    @Test
    void tellsAPathWithoutRoutesFromAMethodNotAllowed() {
        assertThat(router.find("DELETE", "/api/v1/runs/run_1")).isInstanceOf(Router.WrongMethod.class);
        assertThat(router.find("GET", "/api/v1/runs/run_1/cancel")).isInstanceOf(Router.WrongMethod.class);
        assertThat(router.find("GET", "/api/v1/nothing")).isInstanceOf(Router.NoRoute.class);
        assertThat(router.find("GET", "/api/v1/runs")).isInstanceOf(Router.NoRoute.class);
    }

    @Test
    void aParameterNeverMatchesAnEmptySegmentNorATrailingSlash() {
        assertThat(router.find("GET", "/api/v1/runs/")).isInstanceOf(Router.NoRoute.class);
        assertThat(router.find("GET", "/health/")).isInstanceOf(Router.NoRoute.class);
        assertThat(router.find("POST", "/api/v1/runs//cancel")).isInstanceOf(Router.NoRoute.class);
    }

    @Test
    void refusesARouteThatDeclaresNoRole() {
        Route forgotten = Route.post("/api/v1/runs/bulk", request -> "bulk");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Router(List.of(DETAIL, forgotten)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POST /api/v1/runs/bulk declares no role")
                .hasMessageContaining(".requires(Role.");
    }
}
