/// A machine or a container (`3/lxd/0`) of an IaaS model.
struct SimMachine: Codable, Equatable {
    var id: String
    var base: String
    var constraints: String?
    var createdAt: Double
    /// The next container number on this machine.
    var nextContainer: Int = 0

    var isContainer: Bool { id.contains("/") }
    /// The machine hosting this container, or itself.
    var hostID: String { String(id.split(separator: "/").first ?? Substring(id)) }
}
