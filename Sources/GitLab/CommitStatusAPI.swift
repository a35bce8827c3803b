import HTTPClient

extension GitLabClient {
    /// Sets a status on a commit (`POST /projects/:id/statuses/:sha`). GitLab answers 400
    /// "Cannot transition status via :x from :x" when the status already has this state: that
    /// is success here (a retried job, a status set twice), answered with the current status.
    @discardableResult
    public func setStatus(project: GitLabProjectID, sha: String, _ update: CommitStatusUpdate) async throws -> CommitStatus {
        guard sha.count >= 7, sha.count <= 64, sha.allSatisfy(\.isHexDigit) else {
            throw GitLabError.configuration("a commit status needs a commit id (hexadecimal), got '\(CommitStatusUpdate.bounded(sha, 80))'")
        }
        let path = projectPath(project) + "/statuses/\(sha)"
        do {
            let response = try await call(.post, path, json: update.fields)
            return try decode(CommitStatus.self, response, request: "POST \(path)")
        } catch GitLabError.rejected(_, 400, let message) where message.contains("Cannot transition status") {
            let current = try await statuses(project: project, sha: sha, name: update.name, ref: update.ref)
            if let same = current.first(where: { $0.status == update.state.rawValue }) { return same }
            throw GitLabError.rejected(request: "POST \(path)", status: 400, message: message)
        }
    }

    /// The statuses of a commit (`GET /projects/:id/repository/commits/:sha/statuses`), all pages,
    /// optionally only those of one name (and ref).
    public func statuses(project: GitLabProjectID, sha: String, name: String? = nil, ref: String? = nil, all: Bool = true) async throws -> [CommitStatus] {
        let path = projectPath(project) + "/repository/commits/\(GitLabPath.encode(sha))/statuses"
        var query: [(String, String)] = [("per_page", "\(GitLabPage.maxPerPage)")]
        if let name { query.append(("name", name)) }
        if let ref { query.append(("ref", ref)) }
        if all { query.append(("all", "true")) }
        return try await pages(path, query: query, of: CommitStatus.self)
    }

    /// Every page of a list, following `X-Next-Page`.
    func pages<T: Decodable>(_ path: String, query: [(String, String)], of type: T.Type) async throws -> [T] {
        var items: [T] = []
        var page = 1
        for _ in 0..<GitLabPage.maxPages {
            let response = try await call(.get, path, query: query + [("page", "\(page)")])
            items += try decode([T].self, response, request: "GET \(path)")
            guard let next = GitLabPage.next(response), next > page else { return items }
            page = next
        }
        throw GitLabError.unreadable(request: "GET \(path)", detail: "more than \(GitLabPage.maxPages) pages")
    }
}
