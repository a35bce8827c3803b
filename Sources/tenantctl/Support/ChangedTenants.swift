import GitSource
import TenantCore

/// The tenants whose desired state a range of commits may change (`tenantctl changed`, and what
/// the daemon reconciles on a push).
enum ChangedTenants {
    static func between(_ old: ObjectID, _ new: ObjectID, in git: GitRepository, reader: RepositoryReader) throws -> [ChangedTenant] {
        let diff = try git.diff(from: old, to: new).map(PathChange.init)
        return try ChangeAnalyzer.analyze(diff) {
            let files = try reader.manifestFiles(git, commit: new, under: ["offers", "tenants"])
            return ChangeAnalyzer.Dependencies.of(ManifestLoader.load(files, limits: try reader.options.manifestLimits()))
        }
    }
}
