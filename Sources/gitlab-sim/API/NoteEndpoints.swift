import Foundation

extension GitLabServer {
    static let maxNoteBody = 1_000_000

    /// `GET …/merge_requests/:iid/notes`: `sort` (asc, desc: the default) and `order_by`
    /// (created_at: the default, updated_at), paginated.
    func listNotes(_ request: SimRequest, project: SimProject, iid: Int) -> SimResponse {
        var found = notes.filter { $0.projectID == project.id && $0.mergeRequestIID == iid }
        let byUpdate = request.query["order_by"] == "updated_at"
        found.sort { byUpdate ? ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) : ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        if request.query["sort"] != "asc" { found.reverse() }
        return Pagination.page(found.map { $0.json(baseURL: request.baseURL) }, request)
    }

    func createNote(_ request: SimRequest, project: SimProject, iid: Int, author: SimUser) -> SimResponse {
        guard let body = request.parameters["body"] as? String else { return .error(400, "body is missing") }
        if let problem = Self.problem(body) { return problem }
        let date = now()
        let note = SimNote(id: newID(), projectID: project.id, mergeRequestIID: iid, body: body, author: author,
                           system: false, createdAt: date, updatedAt: date)
        notes.append(note)
        return .json(note.json(baseURL: request.baseURL), status: 201)
    }

    /// `GET`, `PUT` (only by the note's author) and `DELETE` of one note.
    func note(_ request: SimRequest, project: SimProject, iid: Int, noteID: Int, caller: SimUser) -> SimResponse {
        guard let index = notes.firstIndex(where: { $0.id == noteID && $0.projectID == project.id && $0.mergeRequestIID == iid }) else {
            return .message(404, "404 Note Not Found")
        }
        switch request.method {
        case "GET":
            return .json(notes[index].json(baseURL: request.baseURL))
        case "PUT":
            guard notes[index].author.id == caller.id, !notes[index].system else { return .forbidden }
            guard let body = request.parameters["body"] as? String else { return .error(400, "body is missing") }
            if let problem = Self.problem(body) { return problem }
            notes[index].body = body
            notes[index].updatedAt = now()
            return .json(notes[index].json(baseURL: request.baseURL))
        case "DELETE":
            guard notes[index].author.id == caller.id else { return .forbidden }
            notes.remove(at: index)
            return .noContent
        default:
            return .routeNotFound
        }
    }

    static func problem(_ body: String) -> SimResponse? {
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .message(400, "400 Bad request - Note {:note=>[\"can't be blank\"]}")
        }
        if body.count > maxNoteBody {
            return .message(400, "400 Bad request - Note {:note=>[\"is too long (maximum is 1000000 characters)\"]}")
        }
        return nil
    }
}
