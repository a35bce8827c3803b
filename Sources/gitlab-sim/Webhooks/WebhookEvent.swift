import Foundation

/// A webhook GitLab would send, in the shape of its documented payloads (the "Webhook events"
/// page: push and merge request events; tests compare the key paths and JSON types with the
/// examples there). Values describe the simulated project; the caller names what matters to a
/// receiver (ref, before/after, merge request, action).
struct WebhookEvent: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case push
        case mergeRequest = "merge_request"

        /// The `X-Gitlab-Event` header.
        var header: String {
            switch self {
            case .push: "Push Hook"
            case .mergeRequest: "Merge Request Hook"
            }
        }
    }

    var kind: Kind
    var projectID = 42
    var projectPath = "platform/tenants"
    var defaultBranch = "main"
    var baseURL = "http://gitlab.sim.invalid"
    // push
    var ref = "refs/heads/main"
    var before = String(repeating: "0", count: 40)
    var after = String(repeating: "1", count: 40)
    var commitMessage = "Update tenant manifests"
    var added: [String] = []
    var modified: [String] = ["tenants/acme.yaml"]
    var removed: [String] = []
    // merge request
    var iid = 1
    var action = "open"
    var sourceBranch = "feature"
    var targetBranch = "main"
    var title = "Update tenant manifests"
    var state = "opened"

    var eventUUID = UUID().uuidString.lowercased()
    var timestamp = "2026-11-29T12:00:00+00:00"

    func payload() -> [String: Any] {
        switch kind {
        case .push: pushPayload()
        case .mergeRequest: mergeRequestPayload()
        }
    }

    private var name: String { projectPath.split(separator: "/").last.map(String.init) ?? projectPath }
    private var namespace: String { projectPath.split(separator: "/").dropLast().joined(separator: "/") }
    private var webURL: String { "\(baseURL)/\(projectPath)" }
    private var sshURL: String { "git@\(URL(string: baseURL)?.host ?? "gitlab.sim.invalid"):\(projectPath).git" }
    private var httpURL: String { "\(webURL).git" }

    /// The `project` block both events carry.
    private func project(ciConfig: Bool) -> [String: Any] {
        var block: [String: Any] = [
            "id": projectID, "name": name, "description": "", "web_url": webURL, "avatar_url": NSNull(),
            "git_ssh_url": sshURL, "git_http_url": httpURL, "namespace": namespace, "visibility_level": 0,
            "path_with_namespace": projectPath, "default_branch": defaultBranch, "homepage": webURL,
            "url": sshURL, "ssh_url": sshURL, "http_url": httpURL,
        ]
        if ciConfig { block["ci_config_path"] = "" }
        return block
    }

    private var author: [String: Any] { ["name": "Tenant Operator", "email": "operator@sim.invalid"] }

    private func commit(_ id: String) -> [String: Any] {
        ["id": id, "message": commitMessage + "\n", "title": commitMessage, "timestamp": timestamp,
         "url": "\(webURL)/-/commit/\(id)", "author": author]
    }

    private func pushPayload() -> [String: Any] {
        var head = commit(after)
        head["added"] = added
        head["modified"] = modified
        head["removed"] = removed
        let deleted = after.allSatisfy { $0 == "0" }
        return [
            "object_kind": "push", "event_name": "push", "before": before, "after": after, "ref": ref,
            "ref_protected": ref == "refs/heads/\(defaultBranch)", "checkout_sha": deleted ? NSNull() : after,
            "user_id": 1, "user_name": "Tenant Operator", "user_username": "operator", "user_email": "operator@sim.invalid",
            "user_avatar": "\(baseURL)/uploads/avatar.png", "project_id": projectID,
            "project": project(ciConfig: false),
            "repository": ["name": name, "url": sshURL, "description": "", "homepage": webURL,
                           "git_http_url": httpURL, "git_ssh_url": sshURL, "visibility_level": 0],
            "commits": deleted ? [] : [head], "total_commits_count": deleted ? 0 : 1,
        ]
    }

    private func mergeRequestPayload() -> [String: Any] {
        let label: [String: Any] = ["id": 206, "title": "tenants", "color": "#428BCA", "project_id": projectID,
                                    "created_at": timestamp, "updated_at": timestamp, "template": false,
                                    "description": "Tenant manifest changes", "type": "ProjectLabel", "group_id": 41]
        let user: [String: Any] = ["id": 1, "name": "Tenant Operator", "username": "operator",
                                   "avatar_url": "\(baseURL)/uploads/avatar.png"]
        let attributes: [String: Any] = [
            "id": 5000 + iid, "iid": iid, "target_branch": targetBranch, "source_branch": sourceBranch,
            "source_project_id": projectID, "author_id": 1, "assignee_ids": [1], "assignee_id": 1, "reviewer_ids": [1],
            "title": title, "created_at": timestamp, "updated_at": timestamp, "last_edited_at": timestamp,
            "last_edited_by_id": 1, "milestone_id": NSNull(), "state_id": state == "opened" ? 1 : 3, "state": state,
            "blocking_discussions_resolved": true, "work_in_progress": false, "draft": false, "first_contribution": false,
            "merge_status": "unchecked", "target_project_id": projectID, "description": "", "prepared_at": timestamp,
            "total_time_spent": 0, "time_change": 0, "human_total_time_spent": "0m", "human_time_change": "0m",
            "human_time_estimate": "0m", "url": "\(webURL)/-/merge_requests/\(iid)",
            "source": project(ciConfig: false), "target": project(ciConfig: false), "last_commit": commit(after),
            "labels": [label], "action": action, "detailed_merge_status": "mergeable",
        ]
        return [
            "object_kind": "merge_request", "event_type": "merge_request",
            "user": user.merging(["email": "operator@sim.invalid"]) { $1 },
            "project": project(ciConfig: true),
            "repository": ["name": name, "url": httpURL, "description": "", "homepage": webURL],
            "object_attributes": attributes, "labels": [label],
            "changes": [
                "updated_by_id": ["previous": NSNull(), "current": 1],
                "draft": ["previous": true, "current": false],
                "updated_at": ["previous": timestamp, "current": timestamp],
                "labels": ["previous": [label], "current": [label]],
                "last_edited_at": ["previous": NSNull(), "current": timestamp],
                "last_edited_by_id": ["previous": NSNull(), "current": 1],
            ] as [String: Any],
            "assignees": [user], "reviewers": [user],
        ]
    }

    /// The headers GitLab sends with it; `X-Gitlab-Token` only when a secret token is set.
    func headers(token: String?) -> [(String, String)] {
        var headers = [("Content-Type", "application/json"), ("User-Agent", "GitLab/17.6.0"),
                       ("X-Gitlab-Event", kind.header), ("X-Gitlab-Instance", baseURL),
                       ("X-Gitlab-Webhook-UUID", "4d1b4a5e-sim0-4b1f-9a41-000000000001"),
                       ("X-Gitlab-Event-UUID", eventUUID), ("Idempotency-Key", eventUUID)]
        if let token { headers.append(("X-Gitlab-Token", token)) }
        return headers
    }

    func body() -> Data {
        (try? JSONSerialization.data(withJSONObject: payload(), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
