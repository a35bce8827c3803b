import CGit2
import Foundation

/// The bare mirror of a remote repository under the cache directory.
///
/// Layout: `<cache>/<name>.git` holds `refs/remotes/origin/*` (all branches) and `refs/tags/*`,
/// with `refs/remotes/origin/HEAD` following the server's default branch. There are no local
/// branches on purpose: they would go stale, as nothing here ever moves them.
/// `<cache>/<name>.lock` serialises processes; `<cache>/<name>.git.tmp-*` are clones in progress.
struct RepositoryCache {
    static let refspecs = ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"]
    /// Written once a clone has completed; a mirror without it is not trusted.
    static let completionKey = "tenantctl.url"

    let location: RepositoryLocation
    let url: String
    let path: String
    let cacheDirectory: String
    let name: String

    init(location: RepositoryLocation, url: String, cacheDirectory: String) {
        self.location = location
        self.url = url
        self.cacheDirectory = cacheDirectory
        name = Self.directoryName(for: location.redacted)
        path = (cacheDirectory as NSString).appendingPathComponent(name)
    }

    /// A readable prefix (for humans listing the cache) plus a hash of the whole redacted URL
    /// (for uniqueness); the password is never part of it, so rotating it keeps the cache.
    static func directoryName(for redactedURL: String) -> String {
        var readable = redactedURL
        if let scheme = readable.range(of: "://") { readable = String(readable[scheme.upperBound...]) }
        if readable.hasSuffix(".git") { readable.removeLast(4) }
        var prefix = ""
        for scalar in readable.unicodeScalars {
            let keep = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "_")
            if keep {
                prefix.unicodeScalars.append(scalar)
            } else if !prefix.hasSuffix("-") {
                prefix.append("-")
            }
        }
        prefix = String(prefix.trimmingCharacters(in: CharacterSet(charactersIn: "-.")).prefix(60))
        if prefix.isEmpty { prefix = "repository" }
        return "\(prefix)-\(fnv1a64Hex(redactedURL)).git"
    }

    private static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: - Opening

    /// Returns an open handle on the mirror, cloning or fetching first as needed.
    func open(credentials: GitCredentials, fetch: Bool, timeoutSeconds: Int) throws -> OpaquePointer {
        do {
            // Mirrors of private repositories: this user's only, whatever the umask.
            try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            chmod(cacheDirectory, 0o700)
        } catch {
            throw GitSourceError.libgit2(
                operation: "create the cache directory \(cacheDirectory)", message: Self.reason(error))
        }
        let lock = try FileLock(path: (cacheDirectory as NSString).appendingPathComponent(
            String(name.dropLast(4)) + ".lock"))
        defer { lock.unlock() }
        // Holding the lock, any clone-in-progress directory belongs to a process that died.
        removeAbandonedClones()

        let remote = RemoteSession(url: url, redactedURL: location.redacted, credentials: credentials,
                                   timeoutSeconds: timeoutSeconds)
        if let repository = openCompleteMirror() {
            guard fetch else { return repository }
            do {
                try remote.fetch(into: repository)
                return repository
            } catch {
                git_repository_free(repository)
                throw error
            }
        }
        try? FileManager.default.removeItem(atPath: path)
        try clone(with: remote)
        guard let repository = openCompleteMirror() else {
            throw GitSourceError.libgit2(
                operation: "open the cache \(path)", message: LibGit2.lastErrorMessage(or: "the fresh clone is not readable"))
        }
        return repository
    }

    private func openCompleteMirror() -> OpaquePointer? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var repository: OpaquePointer?
        guard git_repository_open_ext(&repository, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil) == 0,
              let repository
        else { return nil }
        guard git_repository_is_bare(repository) == 1,
              Self.configString(repository, Self.completionKey) == location.redacted
        else {
            git_repository_free(repository)
            return nil
        }
        return repository
    }

    /// Clones next to the final place and renames into it, so an interrupted clone never
    /// leaves a half-filled mirror where a later run would trust it.
    private func clone(with remote: RemoteSession) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        var repository: OpaquePointer?
        try LibGit2.check(git_repository_init(&repository, temporary, 1), "create the cache \(temporary)")
        defer { git_repository_free(repository) }
        try remote.fetch(into: repository!)
        try LibGit2.check(Self.setConfigString(repository!, Self.completionKey, location.redacted),
                          "mark the cache \(temporary) complete")
        guard rename(temporary, path) == 0 else {
            throw GitSourceError.libgit2(
                operation: "move the new clone into \(path)", message: String(cString: strerror(errno)))
        }
    }

    private func removeAbandonedClones() {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: cacheDirectory) else { return }
        for entry in entries where entry.hasPrefix(name + ".tmp-") {
            try? manager.removeItem(atPath: (cacheDirectory as NSString).appendingPathComponent(entry))
        }
    }

    // MARK: - Config

    private static func configString(_ repository: OpaquePointer, _ key: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, repository) == 0 else { return nil }
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        guard git_config_get_string(&value, config, key) == 0, let value else { return nil }
        return String(cString: value)
    }

    private static func setConfigString(_ repository: OpaquePointer, _ key: String, _ value: String) -> Int32 {
        var config: OpaquePointer?
        let opened = git_repository_config(&config, repository)
        guard opened == 0 else { return opened }
        defer { git_config_free(config) }
        return git_config_set_string(config, key, value)
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }
}
