/// A user secret (owned by the model), as `juju add-secret` makes it (Juju 3.3+). juju-sim
/// keeps a digest of each value, not the value: enough to know whether an update changed the
/// content (a new revision), and no key material in the simulator's state file.
struct SimSecret: Codable, Equatable {
    var id: String
    var name: String
    var description: String?
    var revision: Int
    /// Key → FNV digest of the value (juju base64-encodes values; the digest is of the text).
    var digests: [String: String]
    /// Applications granted read access.
    var grants: [String]
    var created: Double
    var updated: Double
}
