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

    /// True when the path may hold a manifest, or is a YAML file in a place that looks like one
    /// (reported by IgnoredFiles), so sources can skip everything else early.
    public static func isManifestCandidate(_ path: String) -> Bool {
        switch role(of: path) {
        case .fleet, .offer, .bundle, .tenant, .strayManifest: return true
        case .tenantAttachment, .other: return looksLikeManifest(path)
        }
    }

    /// A YAML file tenantctl does not read where a manifest would be: an upper-case extension,
    /// a misspelt manifest folder, a tenant or bundle folder's own YAML files.
    static func looksLikeManifest(_ path: String) -> Bool {
        guard isYAMLName(path) else { return false }
        let first = path.prefix { $0 != "/" }
        return manifestFolder(resembling: String(first)) != nil || readablePath(forUpperCaseExtension: path) != nil
            || folderOwner(path) != nil
    }

    /// Where a symbolic link hides manifests: a manifest folder itself (or a slip of its name), a
    /// tenant's or bundle's folder, `tenantctl.yaml`, or a YAML file in a manifest folder.
    public static func isManifestPlace(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let inFolder = topLevelFolders.contains(parts[0]) || manifestFolder(resembling: parts[0]) != nil
        return path.lowercased() == Fleet.fileName || (inFolder && (parts.count <= 2 || isYAMLName(path)))
    }

    /// True for a top-level folder name that is a slip of a manifest folder's (`tenant`, `Offers`).
    public static func isMisspeltManifestFolder(_ name: String) -> Bool {
        manifestFolder(resembling: name) != nil
    }

    /// `.yaml` or `.yml` in any case.
    static func isYAMLName(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    /// The manifest folder a top-level folder name is a slip of (`tenant`, `Offers`, `bundels`),
    /// or nil for the real folders and for names nothing like them. One edit at most, whatever
    /// the case: two would take `orders/` for `offers/`.
    static func manifestFolder(resembling name: String) -> String? {
        guard !topLevelFolders.contains(name), name.count >= 4, name.count <= 12 else { return nil }
        return topLevelFolders.first { Suggestion.editDistance(name.lowercased(), $0) <= 1 }
    }

    /// The path with its extension in lower case, when only the extension's case keeps the file
    /// from being read as a manifest (`tenants/acme.YAML` → `tenants/acme.yaml`).
    static func readablePath(forUpperCaseExtension path: String) -> String? {
        guard let dot = path.lastIndex(of: ".") else { return nil }
        let lowered = path[..<dot] + path[dot...].lowercased()
        guard lowered != path else { return nil }
        switch role(of: String(lowered)) {
        case .fleet, .offer, .bundle, .tenant: return String(lowered)
        default: return nil
        }
    }

    /// `tenants/<x>` or `bundles/<x>` for a file directly in a tenant's or bundle's folder.
    static func folderOwner(_ path: String) -> (folder: String, kind: String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "tenants" || parts[0] == "bundles", !parts[1].isEmpty else { return nil }
        return ("\(parts[0])/\(parts[1])", String(parts[0].dropLast()))
    }

    /// Whether the tenant or bundle a folder belongs to is defined, in the folder or file form.
    static func hasManifest(_ owner: (folder: String, kind: String), in paths: Set<String>) -> Bool {
        ["yaml", "yml"].contains { paths.contains("\(owner.folder)/\(owner.kind).\($0)") || paths.contains("\(owner.folder).\($0)") }
    }
}
