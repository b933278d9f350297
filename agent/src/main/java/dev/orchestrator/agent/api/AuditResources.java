package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.AuditLog;
import dev.orchestrator.agent.store.AuditLog.AuditEntry;
import dev.orchestrator.agent.store.AuditLog.AuditQuery;
import dev.orchestrator.api.AuditEntryDto;
import dev.orchestrator.api.Role;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The audit log, for admins: {@code GET /api/v1/audit} (newest first, paged like every list) and
 * {@code GET /api/v1/audit/export.csv}, both filtered by {@code who}, {@code action}, {@code target} (a run id
 * finds its tasks' entries too), {@code from} and {@code to}.
 */
public final class AuditResources {

    private static final List<String> COLUMNS =
            List.of("id", "time", "who", "method", "route", "action", "target", "status", "agent_id");

    private final AuditLog log;
    private final ZoneId zone;

    public AuditResources(AuditLog log, ZoneId zone) {
        this.log = log;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(
                Route.get(
                                "/api/v1/audit",
                                request -> Paging.body(
                                        log.find(query(request), Paging.page(request), Paging.size(request)),
                                        this::dto))
                        .requires(Role.ADMIN),
                Route.get("/api/v1/audit/export.csv", request -> {
                            AuditQuery query = query(request);
                            return new CsvDownload(
                                    "audit.csv",
                                    COLUMNS,
                                    row -> log.stream(query, entry -> {
                                        AuditEntryDto dto = dto(entry);
                                        row.accept(List.of(
                                                String.valueOf(dto.id()),
                                                dto.at().toString(),
                                                dto.who(),
                                                dto.method(),
                                                dto.route(),
                                                dto.action(),
                                                dto.target(),
                                                String.valueOf(dto.status()),
                                                dto.agentId()));
                                    }));
                        })
                        .requires(Role.ADMIN));
    }

    private static AuditQuery query(ApiRequest request) {
        return new AuditQuery(
                text(request, "who"),
                text(request, "action"),
                text(request, "target"),
                Paging.time(request, "from"),
                Paging.time(request, "to"));
    }

    private AuditEntryDto dto(AuditEntry entry) {
        return new AuditEntryDto(
                entry.id(),
                entry.at().atZone(zone).toOffsetDateTime(),
                entry.who(),
                entry.method(),
                entry.route(),
                entry.action(),
                entry.target(),
                entry.status(),
                entry.agentId());
    }

    private static Optional<String> text(ApiRequest request, String name) {
        return request.queryParameter(name).map(String::strip).filter(text -> !text.isEmpty());
    }
}
