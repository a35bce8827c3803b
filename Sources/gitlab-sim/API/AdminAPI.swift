import Foundation

/// The simulator's controls under `/sim/` (no token: loopback tests and the demo):
///
/// - `GET /sim/state`: every commit status and note, as the API shows them, and the projects.
/// - `POST /sim/notes` `{"project": 42, "mergeRequest": 1, "body": "…", "author": "someone", "system": false}`:
///   a note written by someone else (or a system note), e.g. one that quotes a marker.
/// - `POST /sim/merge-requests` `{"project": 42, "iid": 3}`: a merge request more.
/// - `POST /sim/fail` `{"count": 2, "status": 429, "retryAfter": 1}`: the next API requests fail.
/// - `POST /sim/latency` `{"ms": 250}`, `POST /sim/reset-faults`.
/// - `POST /sim/webhooks` `{"url": "http://127.0.0.1:8427/hooks/gitlab", "token": "…", "event": "push", …}`:
///   sends a webhook (fields of `WebhookEvent`: ref, before, after, modified, iid, action,
///   sourceBranch, targetBranch…) and answers `{"status": <the receiver's HTTP status>}`.
/// - `POST /sim/webhooks/payload` with the same fields but `url`: the payload and headers, unsent.
extension GitLabServer {
    func admin(_ request: SimRequest) async -> SimResponse {
        let parameters = request.parameters
        switch (request.method, request.segments) {
        case ("GET", ["state"]):
            return .json([
                "statuses": statuses.map { $0.json(baseURL: request.baseURL).merging(["project_id": $0.projectID]) { $1 } },
                "notes": notes.map { $0.json(baseURL: request.baseURL) },
                "projects": projects.map { $0.json(baseURL: request.baseURL).merging(["merge_requests": $0.mergeRequests.sorted()]) { $1 } },
            ])
        case ("POST", ["notes"]):
            guard let projectID = Self.int(parameters["project"]), let iid = Self.int(parameters["mergeRequest"]),
                  let body = parameters["body"] as? String else {
                return .error(400, "project, mergeRequest and body are required")
            }
            let date = now()
            let note = SimNote(id: newID(), projectID: projectID, mergeRequestIID: iid, body: body,
                               author: user(named: (parameters["author"] as? String) ?? "someone-else"),
                               system: (parameters["system"] as? Bool) ?? false, createdAt: date, updatedAt: date)
            notes.append(note)
            return .json(note.json(baseURL: request.baseURL), status: 201)
        case ("POST", ["merge-requests"]):
            guard let projectID = Self.int(parameters["project"]), let iid = Self.int(parameters["iid"]) else {
                return .error(400, "project and iid are required")
            }
            addMergeRequest(project: projectID, iid: iid)
            return .json(["project": projectID, "iid": iid], status: 201)
        case ("POST", ["fail"]):
            var faults = self.faults
            faults.remaining = Self.int(parameters["count"]) ?? 1
            faults.status = Self.int(parameters["status"]) ?? 503
            faults.retryAfter = Self.int(parameters["retryAfter"])
            setFaults(faults)
            return .json(["ok": true])
        case ("POST", ["latency"]):
            var faults = self.faults
            faults.latencyMilliseconds = max(0, Self.int(parameters["ms"]) ?? 0)
            setFaults(faults)
            return .json(["ok": true])
        case ("POST", ["reset-faults"]):
            setFaults(SimFaults())
            return .json(["ok": true])
        case ("POST", ["webhooks", "payload"]):
            do {
                let event = try WebhookEvent(parameters)
                return .json(["payload": event.payload(), "headers": Dictionary(event.headers(token: parameters["token"] as? String)) { $1 }])
            } catch {
                return .error(400, "\(error)")
            }
        case ("POST", ["webhooks"]):
            guard let url = parameters["url"] as? String else { return .error(400, "url is required") }
            do {
                let status = try await WebhookSender.send(try WebhookEvent(parameters), to: url, token: parameters["token"] as? String)
                return .json(["status": status])
            } catch {
                return .error(502, "\(error)")
            }
        default:
            return .error(404, "no admin endpoint \(request.method) /sim/\(request.segments.joined(separator: "/"))")
        }
    }

    static func int(_ value: Any?) -> Int? {
        switch value {
        case let number as Int: number
        case let text as String: Int(text)
        default: nil
        }
    }
}

extension WebhookEvent {
    /// From the admin API's JSON or `send-webhook`'s flags (values as strings or JSON types).
    init(_ fields: [String: Any]) throws {
        guard let name = fields["event"] as? String, let kind = Kind(rawValue: name) else {
            throw SimError("event must be push or merge_request")
        }
        self.init(kind: kind)
        func string(_ key: String, _ apply: (String) -> Void) { if let value = fields[key] as? String { apply(value) } }
        func list(_ key: String) -> [String]? {
            if let values = fields[key] as? [String] { return values }
            return (fields[key] as? String).map { $0.split(separator: ",").map(String.init) }
        }
        if let id = GitLabServer.int(fields["projectId"]) { projectID = id }
        string("projectPath") { projectPath = $0 }
        string("defaultBranch") { defaultBranch = $0 }
        string("baseURL") { baseURL = $0 }
        string("ref") { ref = $0 }
        string("before") { before = $0 }
        string("after") { after = $0 }
        string("message") { commitMessage = $0 }
        if let values = list("added") { added = values }
        if let values = list("modified") { modified = values }
        if let values = list("removed") { removed = values }
        if let value = GitLabServer.int(fields["iid"]) { iid = value }
        string("action") { action = $0 }
        string("sourceBranch") { sourceBranch = $0 }
        string("targetBranch") { targetBranch = $0 }
        string("title") { title = $0 }
        string("state") { state = $0 }
    }
}
