import CGit2

extension GitRepository {
    /// Changes between two commits' trees, with rename detection (similarity >= 50%).
    public func diff(from: ObjectID, to: ObjectID) throws -> [FileChange] {
        try locked {
            let old = try lookupTree(from)
            defer { git_tree_free(old) }
            let new = try lookupTree(to)
            defer { git_tree_free(new) }

            var options = git_diff_options()
            git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
            // Without it, a file replaced by a symlink shows as a delete plus an add.
            options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
            var diff: OpaquePointer?
            try LibGit2.check(git_diff_tree_to_tree(&diff, handle, old, new, &options),
                              "compare commits \(from.hex) and \(to.hex)")
            defer { git_diff_free(diff) }

            var similarity = git_diff_find_options()
            git_diff_find_options_init(&similarity, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
            similarity.flags = GIT_DIFF_FIND_RENAMES.rawValue
            similarity.rename_threshold = 50
            try LibGit2.check(git_diff_find_similar(diff, &similarity),
                              "detect renames between commits \(from.hex) and \(to.hex)")

            return (0..<git_diff_num_deltas(diff)).compactMap { index in
                git_diff_get_delta(diff, index).flatMap { Self.change(from: $0.pointee) }
            }
        }
    }

    private static func change(from delta: git_diff_delta) -> FileChange? {
        let oldPath = delta.old_file.path.map { String(cString: $0) }
        let newPath = delta.new_file.path.map { String(cString: $0) }
        switch delta.status {
        case GIT_DELTA_ADDED, GIT_DELTA_COPIED:
            return FileChange(status: .added, oldPath: nil, newPath: newPath)
        case GIT_DELTA_DELETED:
            return FileChange(status: .deleted, oldPath: oldPath, newPath: nil)
        case GIT_DELTA_MODIFIED:
            return FileChange(status: .modified, oldPath: oldPath, newPath: newPath)
        case GIT_DELTA_RENAMED:
            return FileChange(status: .renamed, oldPath: oldPath, newPath: newPath)
        case GIT_DELTA_TYPECHANGE:
            return FileChange(status: .typeChanged, oldPath: oldPath, newPath: newPath)
        default:
            // Unmodified, ignored, untracked, unreadable and conflicted do not occur between two trees.
            return nil
        }
    }
}
