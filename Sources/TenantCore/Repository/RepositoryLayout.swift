/// Where each kind of manifest lives in the desired-state repository.
///
/// ```
/// tenantctl.yaml                 Fleet
/// offers/<offer>.yaml            Offer
/// bundles/<bundle>.yaml          Juju bundle (or bundles/<bundle>/bundle.yaml)
/// tenants/<tenant>.yaml          Tenant      (or tenants/<tenant>/tenant.yaml)
/// ```
public enum RepositoryLayout {
    public enum Role: Hashable, Sendable {
        case fleet
        case offer(String)
        case bundle(String)
        case tenant(String)
        /// A file under tenants/<name>/ other than tenant.yaml: part of that tenant, not a manifest.
        case tenantAttachment(String)
        /// A YAML file in a manifest folder that tenantctl does not read (probably misplaced).
        case strayManifest
        case other
    }

    public static let topLevelFolders = ["offers", "bundles", "tenants"]

    public static func role(of path: String) -> Role {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts == [Fleet.fileName] { return .fleet }
        guard parts.count >= 2, topLevelFolders.contains(parts[0]) else { return .other }
        let folder = parts[0]
        if parts.count == 2 {
            guard let stem = yamlStem(parts[1]) else { return .other }
            switch folder {
            case "offers": return .offer(stem)
            case "bundles": return .bundle(stem)
            default: return .tenant(stem)
            }
        }
        if parts.count == 3 {
            switch folder {
            case "tenants":
                return yamlStem(parts[2]) == "tenant" ? .tenant(parts[1]) : .tenantAttachment(parts[1])
            case "bundles":
                if yamlStem(parts[2]) == "bundle" { return .bundle(parts[1]) }
                return .other  // README.md and the like beside a bundle
            default:
                return yamlStem(parts.last!) == nil ? .other : .strayManifest
            }
        }
        if folder == "tenants" { return .tenantAttachment(parts[1]) }
        return yamlStem(parts.last!) == nil ? .other : .strayManifest
    }

    /// The file name without `.yaml`/`.yml`, or nil for other files.
    static func yamlStem(_ fileName: String) -> String? {
        for suffix in [".yaml", ".yml"] where fileName.hasSuffix(suffix) && fileName.count > suffix.count {
            return String(fileName.dropLast(suffix.count))
        }
        return nil
    }

    /// True when the path may hold a manifest, so sources can skip everything else early.
    public static func isManifestCandidate(_ path: String) -> Bool {
        switch role(of: path) {
        case .fleet, .offer, .bundle, .tenant, .strayManifest: return true
        case .tenantAttachment, .other: return false
        }
    }
}
