@testable import GitSource
import GitTestSupport
import XCTest

/// file:// remotes go through the same cache, clone and fetch code as http and ssh ones.
final class FileURLCacheTests: XCTestCase {
    private var fixture: GitFixture!
    private var work: WorkTree!
    private var server: String!

    override func setUpWithError() throws {
        fixture = try GitFixture()
        work = try fixture.workTree("work")
        try work.write("tenants/acme.yaml", "name: acme\n")
        try work.commit("First")
        try work.tag("v1", annotated: true)
        server = try fixture.bareRepository("server/tenants.git")
        try work.mirror(to: server)
    }

    override func tearDown() {
        fixture?.remove()
    }

    private var location: RepositoryLocation { .fileURL("file://" + server) }

    private func open(fetch: Bool = true) throws -> GitRepository {
        try GitRepository.open(location, cacheDirectory: fixture.cacheDirectory(), credentials: GitCredentials(), fetch: fetch)
    }

    private var mirrorPath: String {
        fixture.cacheDirectory() + "/" + RepositoryCache.directoryName(for: location.redacted)
    }

    private func cacheEntries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixture.cacheDirectory()).sorted()
    }

    func testFileURLIsMirroredIntoTheCacheAndBranchNamesResolveThere() throws {
        let repository = try open()
        let head = try work.head()
        for ref in ["main", "origin/main", "refs/heads/main", "refs/remotes/origin/main", "HEAD", "v1", "refs/tags/v1"] {
            XCTAssertEqual(try repository.resolveCommit(ref).hex, head, "resolving \(ref)")
        }
        XCTAssertEqual(try repository.files(at: repository.resolveCommit("main")).map(\.path), ["tenants/acme.yaml"])

        let entries = try cacheEntries()
        XCTAssertEqual(entries.filter { $0.hasSuffix(".git") }, [(mirrorPath as NSString).lastPathComponent])
        XCTAssertTrue(entries.contains { $0.hasSuffix(".lock") })
        XCTAssertFalse(entries.contains { $0.contains(".tmp-") }, "no clone left in progress")
        let localBranches = try Git.run(["--git-dir", mirrorPath, "for-each-ref", "refs/heads"])
        XCTAssertEqual(localBranches, "", "the mirror keeps no local branches that could go stale")
    }

    func testLaterOpensFetchIncrementallyIntoTheSameCache() throws {
        _ = try open()
        let marker = mirrorPath + "/tenantctl-test-marker"
        XCTAssertTrue(FileManager.default.createFile(atPath: marker, contents: Data("kept".utf8)))
        let inode = try FileManager.default.attributesOfItem(atPath: mirrorPath)[.systemFileNumber] as? UInt64

        try work.write("tenants/beta.yaml", "name: beta\n")
        let second = try work.commit("Second")
        try work.mirror(to: server)

        let repository = try open()
        XCTAssertEqual(try repository.resolveCommit("main").hex, second)
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker), "the cache was re-cloned instead of fetched")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: mirrorPath)[.systemFileNumber] as? UInt64, inode)
    }

    func testFetchFalseUsesTheCacheAsItIs() throws {
        let first = try work.head()
        _ = try open()
        try work.write("tenants/beta.yaml", "name: beta\n")
        let second = try work.commit("Second")
        try work.mirror(to: server)

        XCTAssertEqual(try open(fetch: false).resolveCommit("main").hex, first)
        XCTAssertEqual(try open(fetch: true).resolveCommit("main").hex, second)
    }

    func testFetchFalseStillClonesWhenThereIsNoCache() throws {
        XCTAssertEqual(try open(fetch: false).resolveCommit("main").hex, try work.head())
    }

    func testBranchesAndTagsDeletedOnTheServerArePruned() throws {
        try work.branch("feature")
        try work.write("feature.yaml", "x: 1\n")
        try work.commit("Feature")
        try work.tag("v2")
        try work.checkout("main")
        try work.mirror(to: server)
        let repository = try open()
        XCTAssertNoThrow(try repository.resolveCommit("feature"))
        XCTAssertNoThrow(try repository.resolveCommit("v2"))

        try work.git("branch", "-D", "feature")
        try work.git("tag", "-d", "v2")
        try work.mirror(to: server)

        let refreshed = try open()
        guard case .unknownRef? = expectGitSourceError({ try refreshed.resolveCommit("feature") }) else {
            return XCTFail("the deleted branch should be pruned from the cache")
        }
        guard case .unknownRef? = expectGitSourceError({ try refreshed.resolveCommit("v2") }) else {
            return XCTFail("the deleted tag should be pruned from the cache")
        }
    }

    func testABrokenCacheIsDetectedAndRecloned() throws {
        // What an interrupted clone of an older tool, or a disk filling up, leaves behind.
        try FileManager.default.createDirectory(atPath: mirrorPath + "/objects", withIntermediateDirectories: true)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: mirrorPath + "/HEAD"))
        let abandoned = mirrorPath + ".tmp-99999-1"
        try FileManager.default.createDirectory(atPath: abandoned, withIntermediateDirectories: true)

        XCTAssertEqual(try open().resolveCommit("main").hex, try work.head())
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned), "abandoned clones are cleaned up")
        XCTAssertEqual(try open(fetch: false).resolveCommit("v1").hex, try work.head())
    }

    func testACacheWithoutTheCompletionMarkIsRecloned() throws {
        _ = try open()
        try Git.run(["--git-dir", mirrorPath, "config", "--unset", RepositoryCache.completionKey])
        let marker = mirrorPath + "/tenantctl-test-marker"
        XCTAssertTrue(FileManager.default.createFile(atPath: marker, contents: Data()))

        XCTAssertEqual(try open().resolveCommit("main").hex, try work.head())
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "an unmarked mirror must not be trusted")
    }

    func testConcurrentOpensShareOneCache() throws {
        let location = self.location
        let cache = fixture.cacheDirectory()
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let repository = try GitRepository.open(location, cacheDirectory: cache, credentials: GitCredentials())
                results.append(.success(try repository.resolveCommit("main").hex))
            } catch {
                results.append(.failure(error))
            }
        }
        let head = try work.head()
        XCTAssertEqual(results.all.count, 4)
        for result in results.all {
            XCTAssertEqual(try result.get(), head)
        }
        XCTAssertEqual(try cacheEntries().filter { $0.hasSuffix(".git") }.count, 1)
    }

    func testMissingFileRepositoryIsUnreachable() throws {
        let missing = RepositoryLocation.fileURL("file://" + fixture.path("nowhere.git"))
        let error = expectGitSourceError {
            try GitRepository.open(missing, cacheDirectory: fixture.cacheDirectory(), credentials: GitCredentials())
        }
        guard case .unreachable(let url, let detail)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(url, missing.redacted)
        XCTAssertFalse(detail.isEmpty)
    }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<String, Error>] = []

    func append(_ result: Result<String, Error>) {
        lock.lock()
        results.append(result)
        lock.unlock()
    }

    var all: [Result<String, Error>] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
