public enum FileChangeStatus: String, Sendable {
    case added, modified, deleted, renamed, typeChanged
}

/// One path's change between two commits.
public struct FileChange: Sendable, Equatable {
    public var status: FileChangeStatus
    /// nil for an added file.
    public var oldPath: String?
    /// nil for a deleted file.
    public var newPath: String?
}
