/// A unit. Its status is not stored: it is derived from these timestamps at each `status`
/// (see `UnitLifecycle`), so time passes without anyone writing the state.
struct SimUnit: Codable, Equatable {
    var name: String
    var number: Int
    /// IaaS principals: the machine or container id.
    var machine: String?
    /// Subordinates: the principal unit they are attached to.
    var principal: String?
    var createdAt: Double
    /// The last change after installation (refresh, config change) and what it was.
    var changedAt: Double?
    var change: Change?

    enum Change: String, Codable {
        case upgrade
        case config
    }
}
