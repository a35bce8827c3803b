import Foundation

extension GitLabServer {
    /// Routes `/api/v4/…` (segments after `v4`). Authentication first, as GitLab does: 401 for a
    /// missing or unknown token, and for a job token on an endpoint that does not accept one
    /// (none of these does, but `GET /job` in GitLab; here only `GET /user` and project reads
    /// by a person).
    func handle(_ request: SimRequest) -> SimResponse {
        if let fault = nextFault() { return fault }
        let user: SimUser
        switch caller(request) {
        case .user(let found): user = found
        case .job, .anonymous, .invalid: return .unauthorized
        }
        let s = request.segments
        switch (request.method, s.count) {
        case ("GET", 1) where s[0] == "user":
            return .json(user.json(baseURL: request.baseURL).merging(["email": "\(user.username)@sim.invalid"]) { $1 })
        default: break
        }
        guard s.count >= 2, s[0] == "projects" else { return .routeNotFound }
        guard let project = project(s[1]) else { return .projectNotFound }
        let rest = Array(s.dropFirst(2))
        switch (request.method, rest.count) {
        case ("GET", 0):
            return .json(project.json(baseURL: request.baseURL))
        case ("POST", 2) where rest[0] == "statuses":
            return setStatus(request, project: project, sha: rest[1], author: user)
        case ("GET", 4) where rest[0] == "repository" && rest[1] == "commits" && rest[3] == "statuses":
            return listStatuses(request, project: project, sha: rest[2])
        default: break
        }
        guard rest.count >= 2, rest[0] == "merge_requests", let iid = Int(rest[1]) else { return .routeNotFound }
        guard project.mergeRequests.contains(iid) else { return .notFound }
        let noteRest = Array(rest.dropFirst(2))
        switch (request.method, noteRest.count) {
        case ("GET", 0):
            return .json(mergeRequestJSON(project, iid: iid, baseURL: request.baseURL))
        case ("GET", 1) where noteRest[0] == "notes":
            return listNotes(request, project: project, iid: iid)
        case ("POST", 1) where noteRest[0] == "notes":
            return createNote(request, project: project, iid: iid, author: user)
        case (_, 2) where noteRest[0] == "notes":
            guard let noteID = Int(noteRest[1]) else { return .routeNotFound }
            return note(request, project: project, iid: iid, noteID: noteID, caller: user)
        default:
            return .routeNotFound
        }
    }

    func mergeRequestJSON(_ project: SimProject, iid: Int, baseURL: String) -> [String: Any] {
        ["id": 5000 + iid, "iid": iid, "project_id": project.id, "title": "Merge request \(iid)", "state": "opened",
         "source_branch": "mr-\(iid)", "target_branch": project.defaultBranch, "web_url": "\(baseURL)/\(project.path)/-/merge_requests/\(iid)",
         "sha": String(repeating: "a", count: 40), "draft": false, "work_in_progress": false]
    }
}
