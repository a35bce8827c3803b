extension GitLabClient {
    func notesPath(_ project: GitLabProjectID, _ mergeRequest: Int) -> String {
        projectPath(project) + "/merge_requests/\(mergeRequest)/notes"
    }

    /// Every note of a merge request, oldest first, all pages (`GET …/notes?sort=asc&order_by=created_at`).
    public func notes(project: GitLabProjectID, mergeRequest: Int) async throws -> [MergeRequestNote] {
        try await pages(notesPath(project, mergeRequest),
                        query: [("per_page", "\(GitLabPage.maxPerPage)"), ("sort", "asc"), ("order_by", "created_at")],
                        of: MergeRequestNote.self)
    }

    public func createNote(project: GitLabProjectID, mergeRequest: Int, body: String) async throws -> MergeRequestNote {
        let path = notesPath(project, mergeRequest)
        let response = try await call(.post, path, json: ["body": try Self.checked(body)])
        return try decode(MergeRequestNote.self, response, request: "POST \(path)")
    }

    public func updateNote(project: GitLabProjectID, mergeRequest: Int, noteID: Int, body: String) async throws -> MergeRequestNote {
        let path = notesPath(project, mergeRequest) + "/\(noteID)"
        let response = try await call(.put, path, json: ["body": try Self.checked(body)])
        return try decode(MergeRequestNote.self, response, request: "PUT \(path)")
    }

    static func checked(_ body: String) throws -> String {
        guard !body.isEmpty, body.count <= NoteLimits.maxBody else {
            throw GitLabError.configuration("a note body must hold 1 to \(NoteLimits.maxBody) characters, this one has \(body.count)")
        }
        return body
    }
}
