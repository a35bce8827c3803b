/// What a plan holds back, counted by cause: removals (a policy withheld them), conflicts
/// (something in the way tenantctl never overwrites), blocked changes and orders a CA's rate
/// limit would refuse. The summaries name
/// each by what it is: a plan held back by a foreign DNS record has no removal to speak of.
public struct WithheldCounts: Sendable, Equatable {
    public var removals: Int
    public var conflicts: Int
    public var blocked: Int
    public var rateLimited: Int

    public init(_ withheld: [WithheldChange]) {
        removals = withheld.filter { $0.cause == .removal }.count
        conflicts = withheld.filter { $0.cause == .conflict }.count
        blocked = withheld.filter { $0.cause == .blocked }.count
        rateLimited = withheld.filter { $0.cause == .rateLimited }.count
    }

    /// `2 removal(s)`, `1 conflict(s)`, `2 removal(s) and 1 conflict(s)`…
    public var phrase: String {
        var parts: [String] = []
        if removals > 0 { parts.append("\(removals) removal(s)") }
        if conflicts > 0 { parts.append("\(conflicts) conflict(s)") }
        if blocked > 0 { parts.append("\(blocked) blocked change(s)") }
        if rateLimited > 0 { parts.append("\(rateLimited) rate-limited change(s)") }
        switch parts.count {
        case 0: return "nothing"
        case 1: return parts[0]
        default: return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        }
    }

    /// The summary line of a plan with nothing to apply but something withheld.
    public var nothingToApplyLine: String {
        "Nothing to apply, but \(phrase) withheld (above): the world does not match the manifests."
    }
}
