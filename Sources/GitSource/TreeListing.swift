import CGit2

/// One entry of a commit's tree, listed without reading its content.
public struct TreeEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file
        case symlink
        /// A submodule (a commit of another repository).
        case submodule
    }

    public var path: String
    public var kind: Kind
}

extension GitRepository {
    /// Every file, symbolic link and submodule of the commit's tree, recursively, with paths
    /// relative to the root. Only tree objects are read, so it is cheap beside reading blobs:
    /// callers use it to find what they will *not* read (a misspelt folder, a symlinked one).
    public func entries(at commit: ObjectID) throws -> [TreeEntry] {
        try locked {
            let tree = try lookupTree(commit)
            defer { git_tree_free(tree) }
            let listing = Listing()
            let result = withExtendedLifetime(listing) {
                git_tree_walk(tree, GIT_TREEWALK_PRE, { root, entry, payload in
                    guard let entry, let payload else { return -1 }
                    let kind: TreeEntry.Kind
                    switch git_tree_entry_filemode(entry) {
                    case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE: kind = .file
                    case GIT_FILEMODE_LINK: kind = .symlink
                    case GIT_FILEMODE_COMMIT: kind = .submodule
                    default: return 0  // a tree: its entries follow
                    }
                    let listing = Unmanaged<Listing>.fromOpaque(payload).takeUnretainedValue()
                    let path = (root.map { String(cString: $0) } ?? "") + String(cString: git_tree_entry_name(entry))
                    listing.entries.append(TreeEntry(path: path, kind: kind))
                    return 0
                }, Unmanaged.passUnretained(listing).toOpaque())
            }
            try LibGit2.check(result, "list the tree of commit \(commit.hex)")
            return listing.entries
        }
    }

    private final class Listing {
        var entries: [TreeEntry] = []
    }
}
