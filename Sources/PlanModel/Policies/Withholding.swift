extension Plan {
    /// The plan with the changes `ids` names taken out and reported as withheld, each with its
    /// reason. Only those changes go: what merely followed them in the graph stays and waits for
    /// what they waited for, so the order around them holds (a configuration change after a
    /// withheld removal still runs after the deploy the removal waited for).
    ///
    /// A dependency inherited that way is added only when the change does not already reach it
    /// through its other dependencies: the graph stays as lean as if the withheld changes had
    /// never been planned, which is what a plan with prune off looked like before prune became a
    /// policy, and what keeps plans readable.
    ///
    /// A health gate (effect `wait`) all of whose dependencies are withheld goes too, unreported:
    /// it was there to wait for them only (a scale-down withheld leaves no gate behind).
    public func withholding(_ ids: Set<String>, reason: (Change) -> String) -> Plan {
        guard !ids.isEmpty else { return self }
        let byID = Dictionary(changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var gone = ids
        for change in changes where change.effect == .wait && !change.dependsOn.isEmpty && change.dependsOn.allSatisfy(ids.contains) {
            gone.insert(change.id)
        }
        /// The kept changes `dependencies` stand for, walking through withheld ones.
        func inherited(_ dependencies: [String]) -> [String] {
            var result: [String] = []
            var seen = Set<String>()
            var pending = dependencies
            while !pending.isEmpty {
                let id = pending.removeFirst()
                guard seen.insert(id).inserted else { continue }
                if gone.contains(id) { pending += byID[id]?.dependsOn ?? [] } else { result.append(id) }
            }
            return result
        }
        /// Whether `target` is among the dependencies, direct or not, of any of `sources`.
        func reaches(_ sources: [String], _ target: String) -> Bool {
            var seen = Set<String>()
            var pending = sources
            while let id = pending.popLast() {
                guard seen.insert(id).inserted else { continue }
                for dependency in byID[id]?.dependsOn ?? [] {
                    if dependency == target { return true }
                    pending.append(dependency)
                }
            }
            return false
        }
        var result = self
        result.changes = changes.filter { !gone.contains($0.id) }.map { change in
            guard change.dependsOn.contains(where: gone.contains) else { return change }
            var change = change
            var kept = change.dependsOn.filter { !gone.contains($0) }
            let candidates = inherited(change.dependsOn.filter(gone.contains))
            for candidate in candidates where !kept.contains(candidate) {
                let others = kept + candidates.filter { $0 != candidate && !kept.contains($0) }
                if !reaches(others, candidate) { kept.append(candidate) }
            }
            change.dependsOn = kept
            return change
        }
        result.withheld += changes.filter { ids.contains($0.id) }.map { WithheldChange($0, reason: reason($0)) }
        return result
    }
}
