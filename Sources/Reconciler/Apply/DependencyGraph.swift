import PlanModel

/// The walker's bookkeeping: which changes wait on which, which are ready, and how each ended.
/// Dependencies on ids the plan does not hold (taken out by a policy) count as met.
struct DependencyGraph {
    private var waitingOn: [Set<Int>]
    private var dependents: [[Int]]
    private var outcomes: [ApplyReport.Outcome?]
    private var ready: IndexHeap
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
        ready = IndexHeap(waits.indices.filter { waits[$0].isEmpty })
    }

    /// The ready change that comes first in the plan (plan order is the tie-break: deterministic).
    mutating func takeReady() -> Int? {
        // A skipped change may still sit in the heap: it is passed over here.
        while let next = ready.popMin() {
            guard outcomes[next] == nil, !started.contains(next) else { continue }
            started.insert(next)
            return next
        }
        return nil
    }

    mutating func succeeded(_ index: Int) {
        outcomes[index] = .succeeded
        for dependent in dependents[index] {
            waitingOn[dependent].remove(index)
            if waitingOn[dependent].isEmpty, outcomes[dependent] == nil, !started.contains(dependent) { ready.push(dependent) }
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

/// The ready changes by plan position, smallest first: a binary heap, so that a plan of ten
/// thousand changes is walked in n log n, not n².
struct IndexHeap {
    private var items: [Int] = []

    init(_ initial: [Int]) {
        for item in initial { push(item) }
    }

    mutating func push(_ item: Int) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Int? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return first }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left] < items[smallest] { smallest = left }
            if right < items.count, items[right] < items[smallest] { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }
}
