import GitSource
import GitTestSupport
import XCTest

final class LocalRepositoryTests: XCTestCase {
    private var fixture: GitFixture!

    override func setUpWithError() throws {
        fixture = try GitFixture()
    }

    override func tearDown() {
        fixture?.remove()
    }

    /// A small desired-state repository with the usual layout.
    private func makeTenantRepository() throws -> (tree: WorkTree, head: String) {
        let tree = try fixture.workTree("tenants")
        try tree.write("tenantctl.yaml", "kind: Fleet\n")
        try tree.write("offers/pme.yaml", "kind: Offer\nname: pme\n")
        try tree.write("tenants/acme.yaml", "kind: Tenant\nname: acme\n")
        try tree.write("tenants/beta/tenant.yaml", "kind: Tenant\nname: beta\n")
        try tree.write("tenants-archive/old.yaml", "kind: Tenant\nname: old\n")
        try tree.symlink("tenants/link.yaml", to: "acme.yaml")
        return (tree, try tree.commit("Initial fleet"))
    }

    private func open(_ path: String) throws -> GitRepository {
        try GitRepository.open(.localPath(path), cacheDirectory: fixture.cacheDirectory(), credentials: GitCredentials())
    }

    private func text(_ bytes: [UInt8]?) -> String? {
        bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - Opening

    func testWorkTreeOpensInPlaceAndReadsEveryRegularFile() throws {
        let (tree, head) = try makeTenantRepository()
        let repository = try open(tree.path)
        let commit = try repository.resolveCommit("main")
        XCTAssertEqual(commit.hex, head)
        XCTAssertEqual(commit.description, head)

        let files = try repository.files(at: commit)
        XCTAssertEqual(files.map(\.path).sorted(), [
            "offers/pme.yaml", "tenantctl.yaml", "tenants-archive/old.yaml", "tenants/acme.yaml", "tenants/beta/tenant.yaml",
        ], "regular files only: the symlink is not a manifest")
        XCTAssertEqual(text(files.first { $0.path == "tenants/acme.yaml" }?.data), "kind: Tenant\nname: acme\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.cacheDirectory()), "a local path needs no cache")
    }

    func testBareRepositoryOpensInPlace() throws {
        let (tree, head) = try makeTenantRepository()
        let bare = try fixture.bareRepository("tenants.git")
        try tree.mirror(to: bare)
        let repository = try open(bare)
        XCTAssertEqual(try repository.resolveCommit("main").hex, head)
        XCTAssertEqual(try repository.resolveCommit("HEAD").hex, head)
        XCTAssertEqual(text(try repository.file(at: repository.resolveCommit("main"), path: "tenantctl.yaml")), "kind: Fleet\n")
    }

    func testSubdirectoryOfARepositoryIsNotARepository() throws {
        let (tree, _) = try makeTenantRepository()
        let subdirectory = tree.path + "/tenants"
        let error = expectGitSourceError { try open(subdirectory) }
        guard case .notARepository(let path)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(path, subdirectory)
        XCTAssertTrue(error!.description.contains(subdirectory))
    }

    func testPlainAndMissingDirectoriesAreNotRepositories() throws {
        let plain = fixture.path("plain")
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        for path in [plain, fixture.path("does-not-exist")] {
            let error = expectGitSourceError { try open(path) }
            guard case .notARepository(let reported)? = error else { XCTFail("got \(String(describing: error))"); continue }
            XCTAssertEqual(reported, path)
        }
    }

    // MARK: - Refs

    func testBranchesTagsAndCommitIDsResolve() throws {
        let tree = try fixture.workTree("refs")
        try tree.write("a.yaml", "a: 1\n")
        let first = try tree.commit("First")
        try tree.tag("v1")
        try tree.write("a.yaml", "a: 2\n")
        let second = try tree.commit("Second")
        try tree.tag("v2", annotated: true)
        try tree.branch("feature")
        try tree.write("b.yaml", "b: 1\n")
        let feature = try tree.commit("Feature")
        try tree.checkout("main")

        let repository = try open(tree.path)
        let expectations: [(String, String)] = [
            ("main", second), ("refs/heads/main", second), ("HEAD", second), ("feature", feature),
            ("v1", first), ("refs/tags/v1", first), ("v2", second), ("refs/tags/v2", second),
            (first, first), (String(first.prefix(7)), first), (String(feature.prefix(10)), feature), ("main~1", first),
        ]
        for (ref, expected) in expectations {
            XCTAssertEqual(try repository.resolveCommit(ref).hex, expected, "resolving \(ref)")
        }
    }

    func testUnknownRefsAreReportedAsSuch() throws {
        let (tree, _) = try makeTenantRepository()
        let repository = try open(tree.path)
        for ref in ["mian", "refs/heads/nope", "v9", "", "0000000000000000000000000000000000000000", "main:tenants", "main..HEAD"] {
            let error = expectGitSourceError { try repository.resolveCommit(ref) }
            guard case .unknownRef(let reported)? = error else { XCTFail("\(ref): got \(String(describing: error))"); continue }
            XCTAssertEqual(reported, ref)
        }
    }

    func testCommitInfoDescribesTheCommit() throws {
        let (tree, head) = try makeTenantRepository()
        let repository = try open(tree.path)
        let info = try repository.commitInfo(repository.resolveCommit("main"))
        XCTAssertEqual(info.id, head)
        XCTAssertEqual(info.summary, "Initial fleet")
        XCTAssertEqual(info.author, "Test Author <author@example.com>")
        XCTAssertLessThan(abs(info.time.timeIntervalSinceNow), 600)
    }

    // MARK: - Files

    func testFilesUnderPrefixesAreFiltered() throws {
        let (tree, _) = try makeTenantRepository()
        let repository = try open(tree.path)
        let commit = try repository.resolveCommit("main")

        XCTAssertEqual(try repository.files(at: commit, under: ["tenants"]).map(\.path),
                       ["tenants/acme.yaml", "tenants/beta/tenant.yaml"], "a prefix is a directory, not a string prefix")
        XCTAssertEqual(try repository.files(at: commit, under: ["tenants/", "offers", "tenants/beta"]).map(\.path),
                       ["offers/pme.yaml", "tenants/acme.yaml", "tenants/beta/tenant.yaml"], "nested prefixes give no duplicates")
        XCTAssertEqual(try repository.files(at: commit, under: ["tenantctl.yaml"]).map(\.path), ["tenantctl.yaml"])
        XCTAssertEqual(try repository.files(at: commit, under: ["missing"]).count, 0)
        XCTAssertEqual(try repository.files(at: commit, under: []).count, 0)
        XCTAssertEqual(try repository.files(at: commit, under: [""]).count, 5)
    }

    func testSingleFileLookup() throws {
        let (tree, _) = try makeTenantRepository()
        let repository = try open(tree.path)
        let commit = try repository.resolveCommit("main")
        XCTAssertEqual(text(try repository.file(at: commit, path: "tenants/beta/tenant.yaml")), "kind: Tenant\nname: beta\n")
        XCTAssertNil(try repository.file(at: commit, path: "tenants/missing.yaml"))
        XCTAssertNil(try repository.file(at: commit, path: "tenants"), "a directory is not a file")
    }

    func testUnknownCommitIsAnUnknownRef() throws {
        let (tree, _) = try makeTenantRepository()
        let other = try fixture.workTree("other")
        try other.write("x", "x")
        let foreign = try open(other.path).resolveCommit(other.commit("Elsewhere"))
        let repository = try open(tree.path)
        guard case .unknownRef? = expectGitSourceError({ try repository.files(at: foreign) }) else {
            return XCTFail("a commit of another repository must be unknown here")
        }
    }

    /// Every one of 10,000 blobs is read, with its path and content. How fast is `make bench`'s
    /// question, not a test's: a threshold here only measures how loaded the machine is.
    func testTenThousandFilesAreAllRead() throws {
        let tree = try fixture.workTree("big")
        var stream = "commit refs/heads/main\ncommitter Test <t@example.com> 1700000000 +0000\ndata 5\nlarge\n"
        for index in 0..<10_000 {
            let content = "kind: Tenant\nname: tenant-\(index)\n"
            stream += "M 100644 inline tenants/\(index % 100)/tenant-\(index).yaml\ndata \(content.utf8.count)\n\(content)\n"
        }
        try Git.run(["-C", tree.path, "fast-import", "--quiet"], input: stream)

        let repository = try open(tree.path)
        let commit = try repository.resolveCommit("main")
        let files = try repository.files(at: commit)
        XCTAssertEqual(files.count, 10_000)
        XCTAssertEqual(Set(files.map(\.path)).count, 10_000)
        XCTAssertEqual(text(files.first { $0.path == "tenants/42/tenant-4242.yaml" }?.data), "kind: Tenant\nname: tenant-4242\n")
        XCTAssertEqual(try repository.files(at: commit, under: ["tenants/7"]).count, 100)
    }

    // MARK: - Diff

    func testDiffReportsAddedModifiedDeletedRenamedAndTypeChangedFiles() throws {
        let tree = try fixture.workTree("diff")
        let body = (1...40).map { "line \($0): some tenant setting that makes the file long enough\n" }.joined()
        try tree.write("tenants/acme.yaml", "name: acme\n" + body)
        try tree.write("tenants/beta.yaml", "name: beta\n" + body)
        try tree.write("tenants/gamma.yaml", "name: gamma\nplan: solocard\n")
        try tree.write("offers/pme.yaml", "name: pme\n" + body)
        try tree.write("notes.txt", "plain file\n")
        let before = try tree.commit("Before")

        try tree.write("tenants/acme.yaml", "name: acme\n" + body + "extra: true\n")  // modified
        try tree.remove("tenants/gamma.yaml")  // deleted
        try tree.move("tenants/beta.yaml", "tenants/archive/beta.yaml")  // renamed, content unchanged
        try tree.move("offers/pme.yaml", "offers/sme.yaml")  // renamed and slightly edited
        try tree.write("offers/sme.yaml", "name: sme\n" + body)
        try tree.write("tenants/delta.yaml", "name: delta\n")  // added
        try tree.symlink("notes.txt", to: "tenants/acme.yaml")  // file became a symlink
        let after = try tree.commit("After")

        let repository = try open(tree.path)
        let changes = try repository.diff(from: repository.resolveCommit(before), to: repository.resolveCommit(after))
        let rendered = Set(changes.map { "\($0.status.rawValue) \($0.oldPath ?? "-") \($0.newPath ?? "-")" })
        XCTAssertEqual(rendered, [
            "modified tenants/acme.yaml tenants/acme.yaml",
            "deleted tenants/gamma.yaml -",
            "renamed tenants/beta.yaml tenants/archive/beta.yaml",
            "renamed offers/pme.yaml offers/sme.yaml",
            "added - tenants/delta.yaml",
            "typeChanged notes.txt notes.txt",
        ])
        XCTAssertEqual(try repository.diff(from: repository.resolveCommit(after), to: repository.resolveCommit(after)), [])
    }
}
