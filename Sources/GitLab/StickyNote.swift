/// The one note tenantctl keeps per merge request, project and scope (an environment, or any
/// name a pipeline gives its plan job), found again by the marker on its first line and updated
/// in place, so that parallel jobs planning different scopes keep a note each.
public struct StickyNoteMarker: Sendable, Equatable, CustomStringConvertible {
    public let project: String
    public let scope: String

    /// Both values are restricted so the marker is one plain HTML comment: no `-->`, no space,
    /// nothing that Markdown would render.
    public init(project: String, scope: String) throws {
        for (what, value) in [("project", project), ("environment", scope)] {
            guard !value.isEmpty, value.count <= 200,
                  value.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.markerSafe.contains($0)) }) else {
                throw GitLabError.configuration("the sticky note's \(what) must be 1 to 200 of A-Z a-z 0-9 . _ / : + @ -, got '\(CommitStatusUpdate.bounded(value, 80))'")
            }
        }
        self.project = project
        self.scope = scope
    }

    /// `<!-- tenantctl:plan project=<id> environment=<scope> -->`
    public var description: String { "<!-- tenantctl:plan project=\(project) environment=\(scope) -->" }

    /// Whether the note is this marker's: its first line is exactly the marker. A note that only
    /// quotes the marker further down (a person replying) is never taken over.
    public func marks(_ body: String) -> Bool {
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r" }
        return firstLine.trimmingCharacters(in: .whitespaces) == description
    }
}

extension CharacterSet {
    static let markerSafe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/:+@-")
}

/// What `publishStickyNote` did.
public enum StickyNoteOutcome: Sendable, Equatable {
    case created(noteID: Int)
    case updated(noteID: Int)
    case unchanged(noteID: Int)

    public var noteID: Int {
        switch self {
        case .created(let id), .updated(let id), .unchanged(let id): id
        }
    }
}

extension GitLabClient {
    /// Creates the marker's note, or updates it in place when it exists (the oldest one, if a
    /// race made two), among the notes of the token's user. `body` is written after the marker line; a body that holds the marker of
    /// any note (`<!-- tenantctl:`) is refused, so no content can pose as another scope's note.
    public func publishStickyNote(project: GitLabProjectID, mergeRequest: Int, marker: StickyNoteMarker, body: String) async throws -> StickyNoteOutcome {
        guard !body.contains("<!-- tenantctl:") else {
            throw GitLabError.configuration("the note body holds a tenantctl marker; it must be rendered with its text escaped")
        }
        let full = marker.description + "\n" + body
        // With an access token, only this user's notes are candidates: anyone may post a note
        // that starts with the marker, and updating it would fail (403) or take it over. A job
        // token cannot ask who it is; then the first line alone decides.
        let author = token.kind == .privateToken ? try await currentUser().id : nil
        let existing = try await notes(project: project, mergeRequest: mergeRequest)
            .filter { !$0.system && marker.marks($0.body) && (author == nil || $0.author.id == author) }
        guard let note = existing.first else {
            return .created(noteID: try await createNote(project: project, mergeRequest: mergeRequest, body: full).id)
        }
        if note.body == full { return .unchanged(noteID: note.id) }
        return .updated(noteID: try await updateNote(project: project, mergeRequest: mergeRequest, noteID: note.id, body: full).id)
    }
}

import Foundation
