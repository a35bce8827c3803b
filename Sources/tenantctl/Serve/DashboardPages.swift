import Foundation
import ServeCore
import Store

/// The dashboard's pages from what the daemon knows (the board) and what the state store
/// journaled (runs, their plans and attempts). Read-only: nothing here writes.
struct DashboardPages {
    let daemon: ServeDaemon
    static let title = "tenantctl"
    /// The latest runs listed under the fleet.
    static let recentRuns = 15

    enum Page {
        case html(String)
        case notFound
        /// The store cannot be opened: the page says so rather than showing a fleet without runs.
        case unavailable(String)
    }

    func fleet() async -> Page {
        let snapshot = await daemon.board.snapshot()
        do {
            let store = try await daemon.memory.journal(daemon.settings.engine).store
            let latest = try store.latestRunByEnvironment().mapValues(Self.view)
            let recent = try store.runs(limit: Self.recentRuns).map(Self.view)
            let reasons = Dictionary(try store.suspendedTenants().map { ($0.tenant, $0.reason) }) { first, _ in first }
            var withReasons = snapshot
            withReasons.environments = snapshot.environments.map { status in
                var status = status
                if status.suspended, let tenant = status.tenant { status.suspendedReason = reasons[tenant] }
                return status
            }
            return .html(FleetPage.render(title: Self.title, snapshot: withReasons, lastRuns: latest, recentRuns: recent))
        } catch {
            return .unavailable("the state store cannot be read: \(error)")
        }
    }

    func run(_ id: Int64) async -> Page {
        do {
            let store = try await daemon.memory.journal(daemon.settings.engine).store
            guard let run = try store.run(id) else { return .notFound }
            let page = RunPage.render(title: Self.title, run: Self.view(run), changes: Self.changes(plan: try store.plannedChanges(run: id),
                                                                                                  attempts: try store.actions(run: id)))
            return .html(page)
        } catch {
            return .unavailable("the state store cannot be read: \(error)")
        }
    }

    static func view(_ run: RunRecord) -> RunView {
        RunView(id: run.id, command: run.command, commit: run.commit, status: run.status.rawValue, summary: run.summary,
                startedAt: run.startedAt, finishedAt: run.finishedAt)
    }

    /// The plan's changes with the outcome of their last attempt; attempts of changes the plan
    /// does not list (a run journaled before plans were kept, or killed before its plan was
    /// recorded) follow, so that nothing journaled is hidden.
    static func changes(plan: [PlannedChangeRecord], attempts: [ActionRecord]) -> [RunChangeView] {
        var byAction: [String: [ActionRecord]] = [:]
        var order: [String] = []
        for attempt in attempts {
            if byAction[attempt.actionID] == nil { order.append(attempt.actionID) }
            byAction[attempt.actionID, default: []].append(attempt)
        }
        func outcome(_ id: String) -> (String?, Int, String?) {
            guard let list = byAction[id], let last = list.last else { return (nil, 0, nil) }
            return (last.result.rawValue, list.filter { $0.attempt > 0 }.count, last.error)
        }
        var views: [RunChangeView] = plan.map { change in
            let (result, count, error) = outcome(change.actionID)
            return RunChangeView(actionID: change.actionID, kind: change.kind, effect: change.effect, tenant: change.tenant,
                                 environment: change.environment, target: change.target,
                                 reasons: change.reasons.split(separator: "\n").map(String.init), outcome: result, attempts: count, error: error)
        }
        let planned = Set(plan.map(\.actionID))
        for id in order where !planned.contains(id) {
            guard let first = byAction[id]?.first else { continue }
            let (result, count, error) = outcome(id)
            views.append(RunChangeView(actionID: id, kind: first.kind, effect: "", tenant: first.tenant, environment: first.environment,
                                       target: first.target, reasons: [], outcome: result, attempts: count, error: error))
        }
        return views
    }
}
