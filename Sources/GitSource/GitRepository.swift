import CGit2
import Foundation

/// A libgit2 repository handle: a local repository opened in place, or the cached mirror of a
/// remote one. Calls are serialised by an internal lock because libgit2 repository objects must
/// not be used from two threads at once; for parallelism, open one handle per thread.
public final class GitRepository: @unchecked Sendable {
    let handle: OpaquePointer
    /// Branches of a mirror live under refs/remotes/origin/, which changes how names resolve.
    let isMirror: Bool
    private let lock = NSLock()

    private init(handle: OpaquePointer, isMirror: Bool) {
        self.handle = handle
        self.isMirror = isMirror
    }

    deinit { git_repository_free(handle) }

    /// Local path: opened in place (bare or not). Remote (file://, http(s), ssh): a bare mirror under
    /// `cacheDirectory/<sanitised-url-hash>.git`, cloned the first time and fetched (incrementally:
    /// all branches and tags, prune) on every later call. `fetch: false` skips the fetch when the cache exists.
    /// `timeoutSeconds` bounds the whole network exchange of one clone or fetch (0 or less: no limit).
    public static func open(
        _ location: RepositoryLocation,
        cacheDirectory: String,
        credentials: GitCredentials,
        fetch: Bool = true,
        timeoutSeconds: Int = 60
    ) throws -> GitRepository {
        try LibGit2.ensureInitialised()
        guard let url = location.remoteURL else {
            guard case .localPath(let path) = location else { preconditionFailure("only local paths have no URL") }
            return GitRepository(handle: try openInPlace(path), isMirror: false)
        }
        let cache = RepositoryCache(location: location, url: url, cacheDirectory: cacheDirectory)
        let handle = try cache.open(credentials: credentials, fetch: fetch, timeoutSeconds: timeoutSeconds)
        return GitRepository(handle: handle, isMirror: true)
    }

    /// No search upwards: a subdirectory of a checkout is refused rather than silently
    /// reading the enclosing repository, which is rarely what `--repo` meant.
    private static func openInPlace(_ path: String) throws -> OpaquePointer {
        var repository: OpaquePointer?
        let result = git_repository_open_ext(&repository, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if result == GIT_ENOTFOUND.rawValue { throw GitSourceError.notARepository(path: path) }
        try LibGit2.check(result, "open the repository at \(path)")
        return repository!
    }

    func locked<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: - Commits

    /// Branch ("main", "origin/main" or "refs/heads/main"), tag ("v1", "refs/tags/v1"), full or
    /// abbreviated commit id, or "HEAD". In a remote cache, branch names resolve to the fetched remote branch.
    public func resolveCommit(_ ref: String) throws -> ObjectID {
        try locked {
            for candidate in candidates(for: ref) {
                var object: OpaquePointer?
                let result = git_revparse_single(&object, handle, candidate)
                if result == GIT_ENOTFOUND.rawValue || result == GIT_EINVALIDSPEC.rawValue { continue }
                try LibGit2.check(result, "resolve '\(ref)'")
                defer { git_object_free(object) }
                var commit: OpaquePointer?
                // A tree or blob ("main:tenants") names no commit.
                guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0 else { break }
                defer { git_object_free(commit) }
                return ObjectID(git_object_id(commit))
            }
            if git_repository_is_shallow(handle) == 1 { throw GitSourceError.beyondShallowClone(ref: ref) }
            throw GitSourceError.unknownRef(ref: ref)
        }
    }

    private func candidates(for ref: String) -> [String] {
        guard !ref.isEmpty else { return [] }
        guard isMirror else { return [ref] }
        // The mirror has no refs/heads/: branches, and the server's HEAD, are under refs/remotes/origin/.
        if ref.hasPrefix("refs/heads/") {
            return ["refs/remotes/origin/" + ref.dropFirst("refs/heads/".count)]
        }
        return [ref, "refs/remotes/origin/" + ref]
    }

    /// Short description for reports: commit id, summary line, author, time.
    public func commitInfo(_ id: ObjectID) throws -> CommitInfo {
        try locked {
            let commit = try lookupCommit(id)
            defer { git_commit_free(commit) }
            let summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
            var author = ""
            var time = Date(timeIntervalSince1970: 0)
            if let signature = git_commit_author(commit) {
                let name = signature.pointee.name.map { String(cString: $0) } ?? ""
                let email = signature.pointee.email.map { String(cString: $0) } ?? ""
                author = email.isEmpty ? name : "\(name) <\(email)>"
                time = Date(timeIntervalSince1970: TimeInterval(signature.pointee.when.time))
            }
            return CommitInfo(id: id.hex, summary: summary, author: author, time: time)
        }
    }

    /// The caller frees the commit. Unknown ids are reported like unknown refs: to the user,
    /// both mean "that commit is not in this repository".
    func lookupCommit(_ id: ObjectID) throws -> OpaquePointer {
        var oid = try id.oid()
        var commit: OpaquePointer?
        let result = git_commit_lookup(&commit, handle, &oid)
        if result == GIT_ENOTFOUND.rawValue { throw GitSourceError.unknownRef(ref: id.hex) }
        try LibGit2.check(result, "read commit \(id.hex)")
        return commit!
    }

    /// The caller frees the tree.
    func lookupTree(_ id: ObjectID) throws -> OpaquePointer {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        var tree: OpaquePointer?
        try LibGit2.check(git_commit_tree(&tree, commit), "read the tree of commit \(id.hex)")
        return tree!
    }
}
