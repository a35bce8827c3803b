/// Finds the tenants a commit range affects from the tree diff alone, reading manifests only when
/// a shared file (fleet, offer, bundle) changed.
///
/// This keeps `changed` for a one-tenant commit as cheap in a 10,000-tenant repository as in a
/// ten-tenant one: the diff names the file, and the file names the tenant.
public enum ChangeAnalyzer {
    /// What a tenant depends on besides its own file: filled in lazily from the target commit.
    public struct Dependencies: Sendable {
        public var tenantsByOffer: [String: [String]]
        public var tenantsByBundle: [String: [String]]
        public var allTenants: [String]

        public init(tenantsByOffer: [String: [String]], tenantsByBundle: [String: [String]], allTenants: [String]) {
            self.tenantsByOffer = tenantsByOffer
            self.tenantsByBundle = tenantsByBundle
            self.allTenants = allTenants
        }

        /// Dependencies of every tenant in a decoded repository (the commit changes lead to).
        public static func of(_ manifests: ManifestSet) -> Dependencies {
            var byOffer: [String: Set<String>] = [:]
            var byBundle: [String: Set<String>] = [:]
            for (name, tenant) in manifests.tenants {
                byOffer[tenant.offer.value, default: []].insert(name)
                var bundles = Set<String>()
                if let bundle = tenant.bundle?.value { bundles.insert(bundle) }
                for environment in tenant.environments ?? [] {
                    if let bundle = environment.bundle?.value { bundles.insert(bundle) }
                }
                // The offer's bundle is used unless every environment overrides it; counting it
                // always errs on the side of re-planning.
                if let offerBundle = manifests.offers[tenant.offer.value]?.bundle.value { bundles.insert(offerBundle) }
                for bundle in bundles { byBundle[bundle, default: []].insert(name) }
            }
            return Dependencies(tenantsByOffer: byOffer.mapValues { $0.sorted() },
                                tenantsByBundle: byBundle.mapValues { $0.sorted() },
                                allTenants: manifests.tenantNames)
        }
    }

    /// - Parameters:
    ///   - changes: the tree diff between the two commits.
    ///   - dependencies: called at most once, only when a fleet, offer or bundle file changed.
    public static func analyze(_ changes: [PathChange], dependencies: () throws -> Dependencies) rethrows -> [ChangedTenant] {
        var result: [String: ChangedTenant] = [:]
        func mark(_ tenant: String, _ change: ChangedTenant.Change, _ reason: ChangedTenant.Reason) {
            if var existing = result[tenant] {
                if !existing.reasons.contains(reason) { existing.reasons.append(reason) }
                existing.change = merge(existing.change, change)
                result[tenant] = existing
            } else {
                result[tenant] = ChangedTenant(tenant: tenant, change: change, reasons: [reason])
            }
        }

        var sharedReasons: [(ChangedTenant.Reason, (Dependencies) -> [String])] = []
        for change in changes {
            let oldRole = change.oldPath.map(RepositoryLayout.role(of:))
            let newRole = change.newPath.map(RepositoryLayout.role(of:))
            let oldTenant = tenantName(oldRole)
            let newTenant = tenantName(newRole)

            switch (oldTenant, newTenant) {
            case let (old?, new?) where old != new:
                mark(old, kind(.removed, oldRole), .renamed(from: change.oldPath!, to: change.newPath!))
                mark(new, kind(.added, newRole), .renamed(from: change.oldPath!, to: change.newPath!))
            case let (old?, new?):
                _ = old
                let path = change.newPath!
                let reason: ChangedTenant.Reason = change.status == .renamed
                    ? .renamed(from: change.oldPath!, to: path) : .tenantFile(path: path)
                mark(new, change.status == .added ? kind(.added, newRole) : .modified, reason)
            case let (old?, nil):
                mark(old, kind(.removed, oldRole), .tenantFile(path: change.oldPath!))
            case let (nil, new?):
                mark(new, change.status == .added || change.status == .renamed ? kind(.added, newRole) : .modified, .tenantFile(path: change.newPath!))
            case (nil, nil):
                break
            }

            for role in [oldRole, newRole].compactMap({ $0 }) {
                switch role {
                case .fleet:
                    sharedReasons.append((.fleet, { $0.allTenants }))
                case let .offer(name):
                    sharedReasons.append((.offer(name: name), { $0.tenantsByOffer[name] ?? [] }))
                case let .bundle(name):
                    sharedReasons.append((.bundle(name: name), { $0.tenantsByBundle[name] ?? [] }))
                default:
                    break
                }
            }
        }

        if !sharedReasons.isEmpty {
            let dependencies = try dependencies()
            let present = Set(dependencies.allTenants)
            for (reason, tenants) in sharedReasons {
                for tenant in tenants(dependencies) where present.contains(tenant) {
                    mark(tenant, .modified, reason)
                }
            }
        }
        return result.values.sorted { $0.tenant < $1.tenant }
    }

    /// A tenant's own file, or a file inside its folder (tenants/<name>/…).
    private static func tenantName(_ role: RepositoryLayout.Role?) -> String? {
        switch role {
        case let .tenant(name)?, let .tenantAttachment(name)?: return name
        default: return nil
        }
    }

    /// Only a tenant's manifest adds or removes it; a file beside it (tenants/<name>/…) that comes
    /// or goes modifies it.
    private static func kind(_ change: ChangedTenant.Change, _ role: RepositoryLayout.Role?) -> ChangedTenant.Change {
        if case .tenantAttachment? = role { return .modified }
        return change
    }

    /// Removed and added in one range (a move to tenants/<name>/tenant.yaml) is a modification;
    /// otherwise an addition or a removal outweighs a modification.
    private static func merge(_ a: ChangedTenant.Change, _ b: ChangedTenant.Change) -> ChangedTenant.Change {
        switch Set([a, b]) {
        case [.added, .removed]: return .modified
        case [.added, .modified]: return .added
        case [.removed, .modified]: return .removed
        default: return a
        }
    }
}
