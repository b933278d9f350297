package dev.orchestrator.desktop.shell;

import dev.orchestrator.desktop.agents.AgentStarter;
import dev.orchestrator.desktop.agents.AgentsModel;
import dev.orchestrator.desktop.agents.AgentsView;
import dev.orchestrator.desktop.agents.FxAgentDialogs;
import dev.orchestrator.desktop.fleet.DriftModel;
import dev.orchestrator.desktop.fleet.FleetActionsModel;
import dev.orchestrator.desktop.fleet.FleetView;
import dev.orchestrator.desktop.fleet.FxFleetDialogs;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.Workspace;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Window;

/**
 * The agents screen as the window holds it: the agents themselves, and the fleet (drift and actions across them) in
 * a second tab, so the sidebar and its Ctrl+1…9 keep their order. Apart from {@link MainWindow} so that the window
 * stays a list of screens.
 */
final class AgentsScreen {

    private AgentsScreen() {}

    static TabPane create(
            Workspace workspace,
            Executor io,
            Executor ui,
            ScheduledExecutorService timer,
            Supplier<Window> window,
            Consumer<String> report) {
        AgentsView agents = new AgentsView(new AgentsModel(
                workspace,
                new AgentStarter(workspace.localAgent().home()),
                new FxAgentDialogs(window),
                ui,
                timer,
                report));
        ObservableList<AgentSession> sessions = workspace.sessions();
        FxFleetDialogs dialogs = new FxFleetDialogs(window);
        FleetView fleet = new FleetView(
                new DriftModel(sessions, io, ui, dialogs, report),
                new FleetActionsModel(sessions, io, ui, dialogs, report));
        Tab agentsTab = new Tab("Agents", agents);
        agentsTab.setId("agents-tab");
        Tab fleetTab = new Tab("Fleet", fleet);
        fleetTab.setId("fleet-tab");
        TabPane tabs = new TabPane(agentsTab, fleetTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("agents-screen");
        return tabs;
    }
}
