import Foundation
import GitSource
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Opens the repository the options name and reads manifests out of a commit's tree.
struct RepositoryReader {
    let options: RepositoryOptions

    /// The repository argument: --repo, else $TENANTCTL_REPO, else the current directory.
    var repositoryArgument: String {
        if let repo = options.repo { return repo }
        if let configured = ProcessInfo.processInfo.environment["TENANTCTL_REPO"], !configured.isEmpty { return configured }
        return "."
    }

    func openGit() throws -> GitRepository {
        let location = try RepositoryLocation.parse(repositoryArgument)
        return try GitRepository.open(location, cacheDirectory: options.cacheDirectory, credentials: try credentials(),
                                      fetch: !options.noFetch, timeoutSeconds: options.gitTimeout)
    }

    func credentials() throws -> GitCredentials {
        var token = ProcessInfo.processInfo.environment["TENANTCTL_GIT_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let path = options.gitTokenFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read the token file \(path)")
            }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { throw CLIError("the token file \(path) is empty") }
            token = text
        }
        if let key = options.sshKey, !FileManager.default.isReadableFile(atPath: key) {
            throw CLIError("cannot read the SSH key \(key)")
        }
        return GitCredentials(httpToken: token, sshKeyPath: options.sshKey,
                              sshKeyPassphrase: ProcessInfo.processInfo.environment["TENANTCTL_SSH_KEY_PASSPHRASE"])
    }

    /// Every manifest file of the chosen commit, or of the directory given with --dir.
    func snapshot() throws -> RepositorySnapshot {
        var snapshot = try unlimitedSnapshot()
        snapshot.limits = try options.manifestLimits()
        return snapshot
    }

    private func unlimitedSnapshot() throws -> RepositorySnapshot {
        if let dir = options.dir { return try DirectorySource.read(dir) }
        let repository = try openGit()
        return try snapshot(of: repository, at: try chosenCommit(repository))
    }

    /// The commit --ref names (HEAD by default) in an open repository.
    func chosenCommit(_ repository: GitRepository) throws -> ObjectID {
        do {
            return try repository.resolveCommit(options.ref ?? "HEAD")
        } catch GitSourceError.unknownRef where options.ref == nil {
            // The user named no ref: "'HEAD' is not a branch…" would blame a ref they never gave.
            throw CLIError("\(try RepositoryLocation.parse(repositoryArgument).redacted) has no commit to read: its HEAD names no commit (an empty repository?); push a commit or give --ref")
        }
    }

    /// Every manifest file of `commit`, read from a repository already open (the daemon reads
    /// the commit it resolved after its fetch, not a later one).
    func snapshot(of repository: GitRepository, at commit: ObjectID) throws -> RepositorySnapshot {
        let source = try RepositoryLocation.parse(repositoryArgument).redacted
        // The listing (trees only, no blob) finds what the manifest folders do not hold: a
        // misspelt folder, whose files are then read to be reported, and symbolic links.
        let entries = try repository.entries(at: commit)
        let misspelt = Set(entries.compactMap { entry -> String? in
            let first = String(entry.path.prefix { $0 != "/" })
            if first.count < entry.path.count { return RepositoryLayout.isMisspeltManifestFolder(first) ? first : nil }
            // `tenantctl.YAML` at the root: read so that it is reported, not taken for a missing fleet.
            return entry.kind == .file && entry.path != Fleet.fileName && entry.path.lowercased() == Fleet.fileName ? entry.path : nil
        })
        let files = try manifestFiles(repository, commit: commit, extraFolders: misspelt.sorted())
        let links = entries.filter { $0.kind == .symlink && RepositoryLayout.isManifestPlace($0.path) }.map(\.path)
        var snapshot = RepositorySnapshot(files: files, source: source, commit: try repository.commitInfo(commit), links: links)
        snapshot.limits = try options.manifestLimits()
        return snapshot
    }

    func manifestFiles(_ repository: GitRepository, commit: ObjectID, under prefixes: [String]? = nil,
                       extraFolders: [String] = []) throws -> [ManifestFile] {
        var files: [ManifestFile] = []
        if prefixes == nil || prefixes!.contains(Fleet.fileName), let fleet = try repository.file(at: commit, path: Fleet.fileName) {
            files.append(ManifestFile(path: Fleet.fileName, bytes: fleet))
        }
        let folders = (prefixes?.filter { $0 != Fleet.fileName } ?? RepositoryLayout.topLevelFolders) + extraFolders
        if !folders.isEmpty {
            for (path, data) in try repository.files(at: commit, under: folders) where RepositoryLayout.isManifestCandidate(path) {
                files.append(ManifestFile(path: path, bytes: data))
            }
        }
        return files
    }
}
