import TenantCore

/// The first way a saved plan's actions differ from a fresh plan's, in words.
enum PlanDifference {
    static func first(saved: [Action], planned: [Action]) -> String? {
        let plannedByID = Dictionary(planned.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let savedIDs = Set(saved.map(\.id))
        for action in saved {
            guard let fresh = plannedByID[action.id] else { return "it holds \(action.id), which planning does not give" }
            guard fresh == action else { return "\(action.id) differs: \(field(action, fresh))" }
        }
        if let missing = planned.first(where: { !savedIDs.contains($0.id) }) {
            return "it lacks \(missing.id), which planning gives"
        }
        if let moved = zip(saved, planned).first(where: { $0.id != $1.id }) {
            return "\(moved.0.id) is out of order"
        }
        return nil
    }

    private static func field(_ saved: Action, _ fresh: Action) -> String {
        if saved.kind != fresh.kind { return "kind" }
        if saved.parameters != fresh.parameters { return "parameters" }
        if saved.dependsOn != fresh.dependsOn { return "depends_on" }
        if saved.reasons != fresh.reasons { return "reasons" }
        return "its target or place"
    }
}
