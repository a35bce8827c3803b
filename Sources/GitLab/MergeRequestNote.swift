/// A merge request note, in GitLab's note object shape (the subset tenantctl reads).
public struct MergeRequestNote: Sendable, Decodable, Equatable {
    public struct Author: Sendable, Decodable, Equatable {
        public var id: Int
        public var username: String
    }

    public var id: Int
    public var body: String
    public var author: Author
    public var system: Bool
    public var createdAt: String?
    public var updatedAt: String?
    public var noteableIID: Int?

    enum CodingKeys: String, CodingKey {
        case id, body, author, system
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case noteableIID = "noteable_iid"
    }
}

/// GitLab refuses notes over 1,000,000 characters.
public enum NoteLimits {
    public static let maxBody = 1_000_000
}
