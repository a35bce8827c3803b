import Foundation

/// `plan --observed <snapshot>`: checked once, then timed.
extension TenantctlRunner {
    /// What a checked plan held.
    struct PlanCheck {
        var actions: Int
        var environments: Int
        var withheld: Int
    }

    private func planArguments(_ repository: GeneratedRepository, snapshot: String) -> [String] {
        ["plan", "--repo", repository.path, "--observed", snapshot, "--output", "json"]
    }

    /// Exit 2 (changes) with a JSON plan whose actions touch exactly `expected` environments and
    /// which skips none: a converged model with an action, or a drift without one, would time a
    /// planner answering another question.
    func checkPlan(_ repository: GeneratedRepository, snapshot: String, expected: Set<String>) throws -> PlanCheck {
        let result = try run(planArguments(repository, snapshot: snapshot), label: "plan-\(repository.tenants)-check")
        guard !result.timedOut, result.signal == nil, result.status == 2 else {
            throw BenchError("plan from a snapshot should exit 2 (changes planned): \(result.failureSummary)")
        }
        // Plan format 2 lists `changes` (format 1 called them `actions`).
        guard let plan = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let actions = (plan["changes"] ?? plan["actions"]) as? [[String: Any]] else {
            throw BenchError("plan --output json printed no JSON plan:\n\(result.stdout.prefix(1000))")
        }
        let skipped = plan["skipped"] as? [[String: Any]] ?? []
        guard skipped.isEmpty else {
            throw BenchError("the plan skipped \(skipped.count) environment(s) of a snapshot that observed them all, e.g. \(skipped.prefix(3))")
        }
        let touched = Set(actions.compactMap { $0["environment"] as? String })
        guard !actions.isEmpty, touched == expected else {
            let unexpected = touched.subtracting(expected).sorted().prefix(5)
            let missed = expected.subtracting(touched).sorted().prefix(5)
            let sample = actions.filter { unexpected.contains($0["environment"] as? String ?? "") }.prefix(5)
                .map { "\($0["id"] ?? "?"): \($0["reasons"] ?? "")" }
            throw BenchError("""
                the plan of \(repository.tenants) tenants touches \(touched.count) environment(s), the snapshot drifted \(expected.count): \
                unexpected \(Array(unexpected)), missed \(Array(missed))
                \(sample.joined(separator: "\n"))
                """)
        }
        return PlanCheck(actions: actions.count, environments: touched.count, withheld: (plan["withheld"] as? [Any])?.count ?? 0)
    }

    func timePlan(_ repository: GeneratedRepository, snapshot: String, run index: Int) throws -> RunFigures {
        let result = try run(planArguments(repository, snapshot: snapshot), label: "plan-\(repository.tenants)-run\(index)")
        guard !result.timedOut, result.signal == nil, result.status == 2, result.stdout.contains("\"changes\"") else {
            throw BenchError("timed plan run on \(repository.tenants) tenants went wrong: \(result.failureSummary)")
        }
        return RunFigures(result)
    }
}
