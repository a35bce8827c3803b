/// A commit status's state, as GitLab names them (`POST /projects/:id/statuses/:sha`).
public enum CommitState: String, Sendable, Codable, CaseIterable {
    case pending, running, success, failed, canceled
    // GitLab also reports these on pipeline jobs' statuses; read only.
    case created, skipped, manual, scheduled, preparing, waitingForResource = "waiting_for_resource"

    /// The states a client may set.
    public static let settable: [CommitState] = [.pending, .running, .success, .failed, .canceled]
}

/// What one commit status says, in GitLab's response shape (the subset tenantctl reads).
public struct CommitStatus: Sendable, Decodable, Equatable {
    public var id: Int
    public var sha: String
    public var ref: String?
    public var status: String
    public var name: String
    public var targetURL: String?
    public var description: String?
    public var createdAt: String?
    public var finishedAt: String?
    public var allowFailure: Bool?
    public var pipelineID: Int?

    enum CodingKeys: String, CodingKey {
        case id, sha, ref, status, name, description
        case targetURL = "target_url"
        case createdAt = "created_at"
        case finishedAt = "finished_at"
        case allowFailure = "allow_failure"
        case pipelineID = "pipeline_id"
    }
}

/// A status to set on a commit.
public struct CommitStatusUpdate: Sendable, Equatable {
    /// GitLab keeps 255 characters of a description; longer ones are cut here with an ellipsis.
    public static let maxDescription = 255
    public static let maxName = 255

    public var state: CommitState
    public var name: String
    public var ref: String?
    public var targetURL: String?
    public var description: String?
    public var pipelineID: Int?

    public init(state: CommitState, name: String, ref: String? = nil, targetURL: String? = nil, description: String? = nil, pipelineID: Int? = nil) {
        self.state = state
        self.name = name
        self.ref = ref
        self.targetURL = targetURL
        self.description = description
        self.pipelineID = pipelineID
    }

    /// The name tenantctl gives a tenant environment's status.
    public static func name(tenant: String, environment: String) -> String { "tenantctl/\(tenant)/\(environment)" }

    /// One line of at most `limit` characters: descriptions come from plans and errors.
    static func bounded(_ text: String, _ limit: Int) -> String {
        let line = String(text.map { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true ? " " : $0 })
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }

    var fields: [String: Any] {
        var fields: [String: Any] = ["state": state.rawValue, "name": Self.bounded(name, Self.maxName)]
        if let ref { fields["ref"] = ref }
        if let targetURL { fields["target_url"] = targetURL }
        if let description { fields["description"] = Self.bounded(description, Self.maxDescription) }
        if let pipelineID { fields["pipeline_id"] = pipelineID }
        return fields
    }
}
