@testable import GitSource
import XCTest

final class RepositoryLocationTests: XCTestCase {
    func testLocalPaths() throws {
        XCTAssertEqual(try RepositoryLocation.parse("/srv/tenants"), .localPath("/srv/tenants"))
        XCTAssertEqual(try RepositoryLocation.parse("./repo"), .localPath("./repo"))
        XCTAssertEqual(try RepositoryLocation.parse("repo"), .localPath("repo"))
        XCTAssertEqual(try RepositoryLocation.parse("./odd:name"), .localPath("./odd:name"))
        XCTAssertEqual(try RepositoryLocation.parse("  /srv/tenants\n"), .localPath("/srv/tenants"))
    }

    func testFileURL() throws {
        XCTAssertEqual(try RepositoryLocation.parse("file:///srv/tenants.git"), .fileURL("file:///srv/tenants.git"))
    }

    func testHTTPURLs() throws {
        let https = "https://gitlab.example.com/group/tenants.git"
        XCTAssertEqual(try RepositoryLocation.parse(https), .http(URL(string: https)!))
        let http = "http://127.0.0.1:8080/git/tenants.git"
        XCTAssertEqual(try RepositoryLocation.parse(http), .http(URL(string: http)!))
    }

    func testSSHURLAndSCPLikeLocationsParse() throws {
        XCTAssertEqual(try RepositoryLocation.parse("ssh://git@gitlab.example.com/group/tenants.git"),
                       .ssh("ssh://git@gitlab.example.com/group/tenants.git"))
        XCTAssertEqual(try RepositoryLocation.parse("ssh://git@gitlab.example.com:2222/group/tenants.git"),
                       .ssh("ssh://git@gitlab.example.com:2222/group/tenants.git"))
        XCTAssertEqual(try RepositoryLocation.parse("git@gitlab.example.com:group/tenants.git"),
                       .ssh("git@gitlab.example.com:group/tenants.git"))
        XCTAssertEqual(try RepositoryLocation.parse("gitlab.example.com:tenants.git"),
                       .ssh("gitlab.example.com:tenants.git"))
    }

    func testUnusableLocationsAreRejectedWithAReason() {
        for text in ["", "   ", "ftp://example.com/tenants.git", "https://", "file://relative/path", "ssh:///no-host"] {
            guard let error = expectGitSourceError({ try RepositoryLocation.parse(text) }) else { continue }
            guard case .invalidLocation = error else {
                XCTFail("'\(text)': expected invalidLocation, got \(error)")
                continue
            }
            XCTAssertTrue(error.description.hasSuffix("."), error.description)
        }
    }

    func testRedactedRemovesOnlyThePassword() throws {
        XCTAssertEqual(try RepositoryLocation.parse("https://oauth2:s3cr3t@gitlab.example.com/g/t.git").redacted,
                       "https://oauth2@gitlab.example.com/g/t.git")
        XCTAssertEqual(try RepositoryLocation.parse("ssh://git:pw@host/g/t.git").redacted, "ssh://git@host/g/t.git")
        XCTAssertEqual(try RepositoryLocation.parse("https://gitlab.example.com/g/t.git").redacted,
                       "https://gitlab.example.com/g/t.git")
        XCTAssertEqual(try RepositoryLocation.parse("git@host:g/t.git").redacted, "git@host:g/t.git")
        XCTAssertEqual(try RepositoryLocation.parse("/srv/tenants").redacted, "/srv/tenants")
    }

    func testInvalidURLMessageDoesNotShowThePassword() {
        let error = expectGitSourceError { try RepositoryLocation.parse("gopher://user:hunter2@host/x") }
        XCTAssertNotNil(error)
        for text in error.map(renderings) ?? [] {
            XCTAssertFalse(text.contains("hunter2"), text)
        }
    }

    func testCacheDirectoryNamesAreReadableUniqueAndFreeOfSecrets() throws {
        let plain = RepositoryCache.directoryName(for: "https://gitlab.example.com/group/tenants.git")
        XCTAssertTrue(plain.hasPrefix("gitlab.example.com-group-tenants-"), plain)
        XCTAssertTrue(plain.hasSuffix(".git"), plain)
        XCTAssertEqual(plain, RepositoryCache.directoryName(for: "https://gitlab.example.com/group/tenants.git"))
        XCTAssertNotEqual(plain, RepositoryCache.directoryName(for: "https://gitlab.example.com/group/tenants2.git"))
        XCTAssertNotEqual(plain, RepositoryCache.directoryName(for: "http://gitlab.example.com/group/tenants.git"))

        let location = try RepositoryLocation.parse("https://oauth2:s3cr3t@gitlab.example.com/g/t.git")
        let name = RepositoryCache.directoryName(for: location.redacted)
        XCTAssertFalse(name.contains("s3cr3t"))
        let weird = RepositoryCache.directoryName(for: "file:///srv/ténants dir/../x.git")
        XCTAssertTrue(weird.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }, weird)
    }
}
