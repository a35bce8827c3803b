import Foundation

/// A user as GitLab embeds it in statuses and notes (`author`).
struct SimUser: Sendable, Equatable {
    var id: Int
    var username: String
    var name: String

    func json(baseURL: String) -> [String: Any] {
        ["id": id, "username": username, "name": name, "state": "active", "locked": false,
         "avatar_url": NSNull(), "web_url": "\(baseURL)/\(username)"]
    }
}

struct SimProject: Sendable {
    var id: Int
    var path: String
    var defaultBranch: String
    var mergeRequests: Set<Int>

    func json(baseURL: String) -> [String: Any] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return ["id": id, "name": name, "path": name, "path_with_namespace": path,
                "name_with_namespace": path.replacingOccurrences(of: "/", with: " / "),
                "default_branch": defaultBranch, "web_url": "\(baseURL)/\(path)",
                "http_url_to_repo": "\(baseURL)/\(path).git", "ssh_url_to_repo": "git@sim.invalid:\(path).git",
                "visibility": "private", "description": NSNull(), "created_at": SimClock.format(Date(timeIntervalSince1970: 1_700_000_000))]
    }
}

/// A commit status, kept with what GitLab answers about it.
struct SimStatus: Sendable {
    var id: Int
    var projectID: Int
    var sha: String
    var ref: String?
    var name: String
    var status: String
    var targetURL: String?
    var description: String?
    var pipelineID: Int
    var author: SimUser
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?

    static let finished: Set<String> = ["success", "failed", "canceled"]

    func json(baseURL: String) -> [String: Any] {
        ["id": id, "sha": sha, "ref": ref ?? NSNull(), "status": status, "name": name,
         "target_url": targetURL ?? NSNull(), "description": description ?? NSNull(),
         "created_at": SimClock.format(createdAt), "started_at": startedAt.map(SimClock.format) ?? NSNull(),
         "finished_at": finishedAt.map(SimClock.format) ?? NSNull(), "allow_failure": false, "coverage": NSNull(),
         "pipeline_id": pipelineID, "author": author.json(baseURL: baseURL)]
    }
}

/// A merge request note (a comment).
struct SimNote: Sendable {
    var id: Int
    var projectID: Int
    var mergeRequestIID: Int
    var body: String
    var author: SimUser
    var system: Bool
    var createdAt: Date
    var updatedAt: Date

    func json(baseURL: String) -> [String: Any] {
        ["id": id, "type": NSNull(), "body": body, "attachment": NSNull(), "author": author.json(baseURL: baseURL),
         "created_at": SimClock.format(createdAt), "updated_at": SimClock.format(updatedAt),
         "system": system, "noteable_id": 1000 + mergeRequestIID, "noteable_type": "MergeRequest",
         "project_id": projectID, "noteable_iid": mergeRequestIID, "resolvable": false, "confidential": false,
         "internal": false, "imported": false, "imported_from": "none"]
    }
}

enum SimClock {
    /// GitLab's timestamps: ISO 8601 with milliseconds and the UTC `Z`.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
