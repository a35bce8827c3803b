/// A file changed between two commits, as a tree diff reports it.
public struct PathChange: Hashable, Sendable {
    public enum Status: String, Sendable, Codable {
        case added, modified, deleted, renamed
    }

    public var status: Status
    public var oldPath: String?
    public var newPath: String?

    public init(status: Status, oldPath: String?, newPath: String?) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
    }
}
