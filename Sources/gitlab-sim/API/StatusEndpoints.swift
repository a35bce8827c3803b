import Foundation

extension GitLabServer {
    /// GitLab's event names, for its 400 "Cannot transition status via :run from :running".
    static let events = ["pending": "enqueue", "running": "run", "success": "success", "failed": "drop", "canceled": "cancel"]

    /// `POST /projects/:id/statuses/:sha`: `state` required (pending, running, success, failed,
    /// canceled), `name` (or `context`, default `default`), `ref`, `target_url`, `description`,
    /// `pipeline_id`. A status of the same name, sha and ref moves to the new state; the same
    /// state again is GitLab's 400; a finished one is followed by a new status (a retry).
    func setStatus(_ request: SimRequest, project: SimProject, sha: String, author: SimUser) -> SimResponse {
        let parameters = request.parameters
        guard let state = parameters["state"] as? String else { return .error(400, "state is missing") }
        guard let event = Self.events[state] else { return .error(400, "state does not have a valid value") }
        guard sha.count >= 7, sha.count <= 64, sha.allSatisfy(\.isHexDigit) else { return .message(404, "404 Commit Not Found") }
        let name = (parameters["name"] as? String) ?? (parameters["context"] as? String) ?? "default"
        let ref = parameters["ref"] as? String
        if let targetURL = parameters["target_url"] as? String {
            guard let url = URL(string: targetURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), targetURL.count <= 255 else {
                return .message(400, "400 Bad request - Target url is blocked: Only allowed schemes are http, https")
            }
        }
        let date = now()
        if let index = statuses.lastIndex(where: { $0.projectID == project.id && $0.sha == sha && $0.name == name && (ref == nil || $0.ref == ref) }),
           !SimStatus.finished.contains(statuses[index].status) {
            if statuses[index].status == state {
                return .message(400, "Cannot transition status via :\(event) from :\(state) (Reason(s): Status cannot transition via \"\(event)\".)")
            }
            statuses[index].status = state
            update(&statuses[index], parameters, date)
            return .json(statuses[index].json(baseURL: request.baseURL), status: 201)
        }
        let pipelineID = (parameters["pipeline_id"] as? Int) ?? Int((parameters["pipeline_id"] as? String) ?? "") ?? 700 + project.id
        var status = SimStatus(id: newID(), projectID: project.id, sha: sha, ref: ref ?? project.defaultBranch, name: name, status: state,
                               targetURL: nil, description: nil, pipelineID: pipelineID, author: author, createdAt: date)
        update(&status, parameters, date)
        statuses.append(status)
        return .json(status.json(baseURL: request.baseURL), status: 201)
    }

    private func update(_ status: inout SimStatus, _ parameters: [String: Any], _ date: Date) {
        if let targetURL = parameters["target_url"] as? String { status.targetURL = targetURL }
        // GitLab keeps 255 characters of a description.
        if let description = parameters["description"] as? String { status.description = String(description.prefix(255)) }
        if status.status == "running", status.startedAt == nil { status.startedAt = date }
        if SimStatus.finished.contains(status.status) { status.finishedAt = date }
    }

    /// `GET /projects/:id/repository/commits/:sha/statuses`: filters `ref`, `name`, `stage`;
    /// `all=true` lists every status, otherwise only the latest of each name.
    func listStatuses(_ request: SimRequest, project: SimProject, sha: String) -> SimResponse {
        var found = statuses.filter { $0.projectID == project.id && $0.sha == sha }
        if let ref = request.query["ref"] { found = found.filter { $0.ref == ref } }
        if let name = request.query["name"] { found = found.filter { $0.name == name } }
        if request.query["all"] != "true" {
            var latest: [String: SimStatus] = [:]
            for status in found { latest[status.name] = status }
            found = found.filter { latest[$0.name]?.id == $0.id }
        }
        return Pagination.page(found.map { $0.json(baseURL: request.baseURL) }, request)
    }
}
