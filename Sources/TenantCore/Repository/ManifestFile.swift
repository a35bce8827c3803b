/// One file of the desired-state repository, as read from a git tree or a directory.
public struct ManifestFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
