import GitLab
import HTTPClient
import XCTest

/// The sticky note: created once, updated in place, one per project and environment, found
/// past the first page, and never someone else's note or a note that only quotes the marker.
final class StickyNoteTests: XCTestCase {
    func client(_ sim: GitLabSimProcess) throws -> GitLabClient {
        var configuration = GitLabClient.defaultConfiguration
        configuration.retry = HTTPRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200))
        configuration.proxy = .direct
        return try GitLabClient(apiURL: sim.apiURL, token: GitLabToken(GitLabSimProcess.token), configuration: configuration)
    }

    let project = try! GitLabProjectID("42")

    func testTheNoteIsCreatedThenUpdatedInPlace() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let marker = try StickyNoteMarker(project: "42", scope: "production")
        XCTAssertEqual(marker.description, "<!-- tenantctl:plan project=42 environment=production -->")
        let first = try await gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: marker, body: "plan one")
        guard case .created(let id) = first else { return XCTFail("\(first)") }
        let second = try await gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: marker, body: "plan two")
        XCTAssertEqual(second, .updated(noteID: id))
        let third = try await gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: marker, body: "plan two")
        XCTAssertEqual(third, .unchanged(noteID: id))
        let notes = try sim.notes()
        XCTAssertEqual(notes.count, 1)
        XCTAssertEqual(notes.first?["body"] as? String, marker.description + "\nplan two")
    }

    func testTwoEnvironmentsKeepANoteEachAndOtherMergeRequestsAreApart() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let production = try StickyNoteMarker(project: "42", scope: "production")
        let staging = try StickyNoteMarker(project: "42", scope: "staging")
        // Parallel jobs: both at once.
        let project = self.project
        async let a = gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: production, body: "prod 1")
        async let b = gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: staging, body: "staging 1")
        let (prod, stag) = try await (a, b)
        XCTAssertNotEqual(prod.noteID, stag.noteID)
        _ = try await gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: production, body: "prod 2")
        _ = try await gitlab.publishStickyNote(project: project, mergeRequest: 2, marker: production, body: "other MR")
        let bodies = try sim.notes().map { ($0["noteable_iid"] as? Int ?? 0, $0["body"] as? String ?? "") }.sorted { $0.1 < $1.1 }
        XCTAssertEqual(bodies.map(\.1), [production.description + "\nother MR", production.description + "\nprod 2", staging.description + "\nstaging 1"])
        XCTAssertEqual(bodies.map(\.0), [2, 1, 1])
    }

    func testTheNoteIsFoundPastAHundredOtherNotes() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let marker = try StickyNoteMarker(project: "42", scope: "all")
        _ = try await gitlab.publishStickyNote(project: project, mergeRequest: 3, marker: marker, body: "first")
        for index in 0..<150 { try sim.plantNote(mergeRequest: 3, body: "comment \(index)") }
        let all = try await gitlab.notes(project: project, mergeRequest: 3)
        XCTAssertEqual(all.count, 151)
        XCTAssertEqual(all.first?.body, marker.description + "\nfirst", "oldest first")
        let outcome = try await gitlab.publishStickyNote(project: project, mergeRequest: 3, marker: marker, body: "second")
        guard case .updated = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(try sim.notes().count, 151)
        let pages = sim.requestLog().filter { $0.contains("GET /api/v4/projects/42/merge_requests/3/notes") }
        XCTAssertEqual(pages.count, 5, "one page before any comment, then two pages of at most 100 for each listing: \(pages)")
    }

    func testNotesThatQuoteTheMarkerOrAreSystemNotesAreNotTakenOver() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let marker = try StickyNoteMarker(project: "42", scope: "production")
        try sim.plantNote(mergeRequest: 1, body: "> \(marker.description)\nwhy is this failing?")
        try sim.plantNote(mergeRequest: 1, body: "\(marker.description)\nsystem", author: "tenantctl-bot", system: true)
        let outcome = try await gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: marker, body: "plan")
        guard case .created = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(try sim.notes().count, 3)
    }

    func testANoteSomeoneElseStartsWithTheMarkerIsLeftAlone() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let marker = try StickyNoteMarker(project: "42", scope: "production")
        try sim.plantNote(mergeRequest: 1, body: "\(marker.description)\nfake plan: nothing to do", author: "alice")
        let outcome = try await gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: marker, body: "real plan")
        guard case .created = outcome else { return XCTFail("\(outcome)") }
        let bodies = try sim.notes().compactMap { $0["body"] as? String }
        XCTAssertEqual(bodies.sorted(), [marker.description + "\nfake plan: nothing to do", marker.description + "\nreal plan"])
        let again = try await gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: marker, body: "real plan")
        XCTAssertEqual(again, .unchanged(noteID: outcome.noteID))
    }

    func testMarkersAndBodiesCannotForgeAnotherScope() async throws {
        XCTAssertThrowsError(try StickyNoteMarker(project: "42", scope: "prod --> <b>x</b>"))
        XCTAssertThrowsError(try StickyNoteMarker(project: "42", scope: "prod environment=staging"))
        XCTAssertThrowsError(try StickyNoteMarker(project: "", scope: "prod"))
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let marker = try StickyNoteMarker(project: "42", scope: "production")
        do {
            _ = try await gitlab.publishStickyNote(project: project, mergeRequest: 1, marker: marker,
                                                   body: "x\n<!-- tenantctl:plan project=42 environment=staging -->")
            XCTFail("a body with a marker was posted")
        } catch GitLabError.configuration {}
        XCTAssertTrue(try sim.notes().isEmpty)
    }
}
