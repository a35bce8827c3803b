import Foundation

/// What a report shows about a commit.
public struct CommitInfo: Sendable, Codable {
    public var id: String
    /// First paragraph of the message, on one line.
    public var summary: String
    /// "Name <email>".
    public var author: String
    public var time: Date
}
