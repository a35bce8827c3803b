/// A deployed application with its units (a subordinate's units name their principal).
struct SimApplication: Codable, Equatable {
    var name: String
    var charm: String
    /// Normalized (`latest/stable`, `2.4/stable`).
    var channel: String
    var revision: Int
    var base: String
    var exposed: Bool = false
    var trust: Bool = false
    var constraints: String?
    var subordinate: Bool = false
    var config: [String: ConfigScalar] = [:]
    var nextUnit: Int = 0
    var units: [String: SimUnit] = [:]
    var createdAt: Double

    /// Units sorted by number, the order Juju lists and picks them in.
    var sortedUnits: [SimUnit] { units.values.sorted { $0.number < $1.number } }
}
