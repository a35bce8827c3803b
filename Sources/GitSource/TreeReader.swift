import CGit2

/// Reads blobs straight from the object database: no worktree, no checkout.
///
/// Only regular files are returned. Symlinks are blobs too, but their content is a link target,
/// not a manifest, and submodules point at commits of other repositories.
extension GitRepository {
    /// Every blob in the commit's tree (recursively), path relative to the root ("tenants/acme.yaml"),
    /// optionally only under the given top-level prefixes. Read straight from the object database.
    public func files(at commit: ObjectID, under prefixes: [String]? = nil) throws -> [(path: String, data: [UInt8])] {
        try locked {
            let tree = try lookupTree(commit)
            defer { git_tree_free(tree) }
            guard let prefixes else { return try collect(tree, under: "") }

            var files: [(path: String, data: [UInt8])] = []
            for prefix in Self.disjointPrefixes(prefixes) {
                if prefix.isEmpty { return try collect(tree, under: "") }
                var entry: OpaquePointer?
                let found = git_tree_entry_bypath(&entry, tree, prefix)
                if found == GIT_ENOTFOUND.rawValue { continue }
                try LibGit2.check(found, "look up '\(prefix)' in commit \(commit.hex)")
                defer { git_tree_entry_free(entry) }

                if git_tree_entry_type(entry) == GIT_OBJECT_TREE {
                    var subtree: OpaquePointer?
                    try LibGit2.check(git_tree_lookup(&subtree, handle, git_tree_entry_id(entry)),
                                      "read directory '\(prefix)' of commit \(commit.hex)")
                    defer { git_tree_free(subtree) }
                    files += try collect(subtree!, under: prefix + "/")
                } else if Self.isRegularFile(entry!) {
                    files.append((prefix, try readBlob(git_tree_entry_id(entry)!.pointee, path: prefix)))
                }
            }
            return files
        }
    }

    /// One blob, or nil when the path does not exist in the commit.
    public func file(at commit: ObjectID, path: String) throws -> [UInt8]? {
        try locked {
            let tree = try lookupTree(commit)
            defer { git_tree_free(tree) }
            let path = Self.normalise(path)
            guard !path.isEmpty else { return nil }
            var entry: OpaquePointer?
            let found = git_tree_entry_bypath(&entry, tree, path)
            if found == GIT_ENOTFOUND.rawValue { return nil }
            try LibGit2.check(found, "look up '\(path)' in commit \(commit.hex)")
            defer { git_tree_entry_free(entry) }
            guard Self.isRegularFile(entry!) else { return nil }
            return try readBlob(git_tree_entry_id(entry)!.pointee, path: path)
        }
    }

    // MARK: - Walking

    /// Collects during libgit2's own walk, which avoids building an intermediate list of entries
    /// (10,000 files is a normal fleet).
    private final class Walk {
        let repository: GitRepository
        let base: String
        var files: [(path: String, data: [UInt8])] = []
        var error: Error?

        init(repository: GitRepository, base: String) {
            self.repository = repository
            self.base = base
        }
    }

    private func collect(_ tree: OpaquePointer, under base: String) throws -> [(path: String, data: [UInt8])] {
        let walk = Walk(repository: self, base: base)
        let result = withExtendedLifetime(walk) {
            git_tree_walk(tree, GIT_TREEWALK_PRE, { root, entry, payload in
                guard let entry, let payload else { return -1 }
                guard GitRepository.isRegularFile(entry) else { return 0 }
                let walk = Unmanaged<Walk>.fromOpaque(payload).takeUnretainedValue()
                let path = walk.base + (root.map { String(cString: $0) } ?? "") + String(cString: git_tree_entry_name(entry))
                do {
                    walk.files.append((path, try walk.repository.readBlob(git_tree_entry_id(entry).pointee, path: path)))
                    return 0
                } catch {
                    walk.error = error
                    return GIT_EUSER.rawValue
                }
            }, Unmanaged.passUnretained(walk).toOpaque())
        }
        if let error = walk.error { throw error }
        try LibGit2.check(result, "walk the tree under '\(base)'")
        return walk.files
    }

    private func readBlob(_ id: git_oid, path: String) throws -> [UInt8] {
        var id = id
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, handle, &id), "read '\(path)'")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    private static func isRegularFile(_ entry: OpaquePointer) -> Bool {
        let mode = git_tree_entry_filemode(entry)
        return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE
    }

    // MARK: - Paths

    static func normalise(_ path: String) -> String {
        var path = Substring(path)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        return path == "." ? "" : String(path)
    }

    /// Normalised, sorted, and without prefixes inside another one, so no file is returned twice.
    static func disjointPrefixes(_ prefixes: [String]) -> [String] {
        let sorted = Set(prefixes.map(normalise)).sorted()
        var kept: [String] = []
        for prefix in sorted where !kept.contains(where: { prefix.hasPrefix($0 + "/") }) {
            kept.append(prefix)
        }
        return kept
    }
}
