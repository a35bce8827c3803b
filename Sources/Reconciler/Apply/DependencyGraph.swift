import PlanModel

/// The walker's bookkeeping: which changes wait on which, which are ready, and how each ended.
/// Dependencies on ids the plan does not hold (taken out by a policy) count as met.
struct DependencyGraph {
    private var waitingOn: [Set<Int>]
    private var dependents: [[Int]]
    private var outcomes: [ApplyReport.Outcome?]
    private var ready: Set<Int>
    private var started: Set<Int> = []
    private let ids: [String]

    init(_ changes: [Change]) {
        ids = changes.map(\.id)
        let index = Dictionary(changes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        waitingOn = changes.map { Set($0.dependsOn.compactMap { index[$0] }) }
        dependents = Array(repeating: [], count: changes.count)
        for (position, waits) in waitingOn.enumerated() { for dependency in waits { dependents[dependency].append(position) } }
        outcomes = Array(repeating: nil, count: changes.count)
        let waits = waitingOn
        ready = Set(waits.indices.filter { waits[$0].isEmpty })
    }

    /// The ready change that comes first in the plan (plan order is the tie-break: deterministic).
    mutating func takeReady() -> Int? {
        guard let next = ready.min() else { return nil }
        ready.remove(next)
        started.insert(next)
        return next
    }

    mutating func succeeded(_ index: Int) {
        outcomes[index] = .succeeded
        for dependent in dependents[index] {
            waitingOn[dependent].remove(index)
            if waitingOn[dependent].isEmpty, outcomes[dependent] == nil, !started.contains(dependent) { ready.insert(dependent) }
        }
    }

    mutating func failed(_ index: Int, _ message: String) {
        outcomes[index] = .failed(message)
    }

    mutating func stopped(_ index: Int) {
        outcomes[index] = .notRun
    }

    /// Marks every change downstream of a failed one as skipped, naming the failed change; returns them.
    mutating func outcomesSkipped(by failed: Int) -> [Int] {
        var skipped: [Int] = []
        var frontier = dependents[failed]
        while let next = frontier.popLast() {
            guard outcomes[next] == nil, !started.contains(next) else { continue }
            outcomes[next] = .skipped(dependency: ids[failed])
            ready.remove(next)
            skipped.append(next)
            frontier += dependents[next]
        }
        return skipped.sorted()
    }

    /// The report: changes never started were not run (stopped), or wait on a cycle.
    func report(_ changes: [Change], stopped: Bool) -> ApplyReport {
        var results: [ApplyReport.ChangeResult] = []
        var anyNotRun = false
        for (index, change) in changes.enumerated() {
            var outcome = outcomes[index]
            if outcome == nil {
                // Never started: the stop came first, or it waits on a change that waits on it.
                outcome = stopped ? .notRun : .failed("it waits on a dependency cycle")
            }
            if outcome == .notRun { anyNotRun = true }
            results.append(ApplyReport.ChangeResult(id: change.id, environment: change.environment, outcome: outcome!))
        }
        return ApplyReport(changes: results, stopped: stopped || anyNotRun)
    }
}
