import Foundation
import Store

/// The suspended tenants, as `plan` and `drift` show them: a suspension lives in the state, not
/// in git, so a report that left it out would promise changes nobody will apply.
enum SuspendedNote {
    static func read(_ journal: StoreJournal?) throws -> [SuspendedTenant] {
        try journal?.store.suspendedTenants() ?? []
    }

    static func lines(_ suspended: [SuspendedTenant]) -> [String] {
        suspended.map { entry in
            "suspended: \(entry.tenant)" + (entry.reason.isEmpty ? "" : " (\(entry.reason))")
                + " — planned, applied by neither apply nor serve until tenantctl resume \(entry.tenant)"
        }
    }
}
