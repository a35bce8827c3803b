import Foundation

/// The seed `--config` reads (JSON). Everything has a default, so `{}` is a valid seed:
///
/// ```json
/// {"users": [{"id": 1, "username": "tenantctl-bot", "name": "tenantctl bot", "tokens": ["glpat-…"]}],
///  "jobTokens": ["glcbt-…"],
///  "projects": [{"id": 42, "path": "platform/tenants", "mergeRequests": [7]}]}
/// ```
///
/// Job tokens authenticate only where GitLab accepts them; statuses and notes refuse them (401).
struct SimConfig: Decodable, Sendable {
    struct User: Decodable, Sendable {
        var id: Int
        var username: String
        var name: String?
        var tokens: [String]
    }

    struct Project: Decodable, Sendable {
        var id: Int
        var path: String
        var defaultBranch: String?
        var mergeRequests: [Int]?
    }

    var users: [User]
    var jobTokens: [String]
    var projects: [Project]

    static let `default` = SimConfig(
        users: [User(id: 1, username: "tenantctl-bot", name: "tenantctl bot", tokens: ["sim-gitlab-token"])],
        jobTokens: ["sim-job-token"],
        projects: [Project(id: 42, path: "platform/tenants", defaultBranch: "main", mergeRequests: [1, 2])])

    init(users: [User], jobTokens: [String], projects: [Project]) {
        self.users = users
        self.jobTokens = jobTokens
        self.projects = projects
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        users = try container.decodeIfPresent([User].self, forKey: .users) ?? Self.default.users
        jobTokens = try container.decodeIfPresent([String].self, forKey: .jobTokens) ?? Self.default.jobTokens
        projects = try container.decodeIfPresent([Project].self, forKey: .projects) ?? Self.default.projects
    }

    enum CodingKeys: String, CodingKey { case users, jobTokens, projects }
}
