/// Why the state store could not do what was asked. Each description is one sentence that names
/// the path or the row involved, and never a secret value.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotCreateDirectory(path: String, reason: String)
    case cannotOpenDatabase(path: String, reason: String)
    /// Other users can read or write the state directory or the journal.
    case exposed(path: String, mode: Int, what: String, fix: String)
    case notADatabase(path: String)
    /// An SQLite file with tables of its own but none of ours: someone else's database.
    case notAStateDatabase(path: String)
    /// Migrations this build does not know were applied: a newer tenantctl wrote it.
    case newerSchema(path: String, unknownMigrations: [String])
    case unknownRun(Int64)
    case unknownAction(Int64)
    case unknownCertificateOrder(Int64)
    /// An owned resource's address that is not `<system>:<path>`.
    case invalidResourceAddress(system: String, address: String)
    /// What was applied to an owned resource is not a reference (`vault:`…); not repeated here,
    /// for the same reason.
    case invalidAppliedReference(system: String, address: String)

    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            return "Cannot create the state directory \(path): \(reason)."
        case let .cannotOpenDatabase(path, reason):
            return "Cannot open the state database \(path): \(reason)."
        case let .exposed(path, mode, what, fix):
            return "The \(what) \(path) can be read or written by other users (mode \(String(format: "%04o", mode))); run: \(fix) \(path)"
        case let .notADatabase(path):
            return "The state database \(path) is not an SQLite database; move it away or choose another --state-dir."
        case let .notAStateDatabase(path):
            return "The SQLite database \(path) is not a tenantctl state database; move it away or choose another --state-dir."
        case let .newerSchema(path, unknown):
            return "The state database \(path) was written by a newer tenantctl (unknown migrations: "
                + unknown.joined(separator: ", ") + "); upgrade tenantctl or choose another --state-dir."
        case let .unknownRun(id):
            return "The journal has no run \(id)."
        case let .unknownAction(id):
            return "The journal has no action \(id)."
        case let .unknownCertificateOrder(id):
            return "The journal has no certificate order \(id)."
        case let .invalidResourceAddress(system, address):
            return "The address \(address) of a \(system) resource does not start with \(system): and a path, so it was not recorded."
        case let .invalidAppliedReference(system, address):
            return "What was applied to the \(system) resource \(address) is not a reference ("
                + StateStore.appliedReferencePrefixes.joined(separator: ", ") + "), so it was not recorded."
        }
    }
}
