import PlanModel

/// The first way a saved plan's changes differ from a fresh plan's, in words. The planner is
/// deterministic: the same commit, world and options give the same changes, so any difference
/// means the file was edited (or planned with other options).
public enum PlanDifference {
    public static func first(saved: [Change], planned: [Change]) -> String? {
        let plannedByID = Dictionary(planned.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let savedIDs = Set(saved.map(\.id))
        for change in saved {
            guard let fresh = plannedByID[change.id] else { return "it holds \(change.id), which planning does not give" }
            guard fresh == change else { return "\(change.id) differs: \(field(change, fresh))" }
        }
        if let missing = planned.first(where: { !savedIDs.contains($0.id) }) {
            return "it lacks \(missing.id), which planning gives"
        }
        if let moved = zip(saved, planned).first(where: { $0.id != $1.id }) {
            return "\(moved.0.id) is out of order"
        }
        return nil
    }

    private static func field(_ saved: Change, _ fresh: Change) -> String {
        if saved.kind != fresh.kind { return "kind" }
        if saved.effect != fresh.effect { return "effect" }
        if saved.parameters != fresh.parameters { return "parameters" }
        if saved.dependsOn != fresh.dependsOn { return "depends_on" }
        if saved.reasons != fresh.reasons { return "reasons" }
        return "its target or environment"
    }
}
