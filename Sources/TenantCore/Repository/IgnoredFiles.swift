/// YAML files in places that look like manifests but that tenantctl does not read.
///
/// A tenant whose file is not read drops out of the desired state without a word (`valid: 6
/// tenants`), and with `prune: true` its models would be planned for removal. So every such file
/// is reported, and counted. Whether each kind is an error or a warning:
///
/// - **Errors**, because each is a manifest the user wrote and expects to be read: an upper-case
///   extension (`acme.YAML`), a misspelt manifest folder (`tenant/`, `Offers/`), a tenant or
///   bundle folder without its `tenant.yaml`/`bundle.yaml` (`tenants/x/tennant.yaml`), and a
///   symbolic link in a manifest place: git stores only the link's target path, so a symlinked
///   `tenants/` holds no tenant in the commit the daemon reads.
/// - **Warning** (reported by the loader): a YAML file in a subfolder of `offers/` or deep under
///   `bundles/`: a file of its own kind there is not a manifest anybody depends on.
///
/// Files beside `tenant.yaml` in a tenant's folder, and beside a tenant's `tenants/<x>.yaml`, are
/// that tenant's attachments by design and are not reported.
public enum IgnoredFiles {
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// YAML files (and links) in manifest places that are not read, strays included.
        public var count = 0
    }

    /// - Parameters:
    ///   - paths: every regular file the source handed over (`RepositoryLayout.isManifestCandidate`).
    ///   - links: symbolic links found in manifest places.
    public static func check(paths: [String], links: [String]) -> Report {
        var report = Report()
        for link in links.sorted() {
            report.count += 1
            report.diagnostics.append(Diagnostic(at: .start(of: link),
                "this is a symbolic link, so it is not read: git stores only the path it points to; commit the manifests themselves here"))
        }
        let present = Set(paths)
        var misspeltFolders: [String: (folder: String, files: [String])] = [:]
        var orphanFolders: [String: [String]] = [:]
        for path in paths.sorted() where RepositoryLayout.isYAMLName(path) {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count >= 2, let folder = RepositoryLayout.manifestFolder(resembling: parts[0]) {
                misspeltFolders[parts[0], default: (folder, [])].files.append(path)
                continue
            }
            switch RepositoryLayout.role(of: path) {
            case .strayManifest:
                report.count += 1  // warned by the loader
            case .other, .tenantAttachment:
                if let lowerCased = RepositoryLayout.readablePath(forUpperCaseExtension: path) {
                    report.count += 1
                    report.diagnostics.append(Diagnostic(at: .start(of: path),
                        "this file is not read: tenantctl reads only lower-case .yaml and .yml files; rename it \(lowerCased)"))
                } else if let owner = RepositoryLayout.folderOwner(path), !RepositoryLayout.hasManifest(owner, in: present) {
                    orphanFolders[owner.folder, default: []].append(path)
                }
            default:
                continue
            }
        }
        for (written, found) in misspeltFolders.sorted(by: { $0.key < $1.key }) {
            report.count += found.files.count
            report.diagnostics.append(Diagnostic(at: .start(of: found.files[0]),
                "folder '\(written)/' is not read (did you mean '\(found.folder)/'?): \(plural(found.files.count, "YAML file")) in it \(found.files.count == 1 ? "is" : "are") ignored"))
        }
        for (folder, files) in orphanFolders.sorted(by: { $0.key < $1.key }) {
            let manifest = folder.hasPrefix("tenants/") ? "tenant" : "bundle"
            let names = files.map { String($0.split(separator: "/").last!) }
            let typo = names.contains { Suggestion.closest(to: String($0.prefix { $0 != "." }), in: [manifest]) != nil }
            report.count += files.count
            report.diagnostics.append(Diagnostic(at: .start(of: files[0]),
                "\(folder)/ has no \(manifest).yaml, so \(plural(files.count, "YAML file")) in it \(files.count == 1 ? "is" : "are") not read and no \(manifest) '\(folder.split(separator: "/").last!)' is defined\(typo ? " (did you mean \(manifest).yaml?)" : "")"))
        }
        return report
    }

    private static func plural(_ count: Int, _ word: String) -> String {
        count == 1 ? "1 \(word)" : "\(count) \(word)s"
    }
}
