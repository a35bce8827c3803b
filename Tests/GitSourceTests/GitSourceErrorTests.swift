import GitSource
import XCTest

final class GitSourceErrorTests: XCTestCase {
    private let allErrors: [GitSourceError] = [
        .notARepository(path: "/srv/tenants/sub"),
        .unreachable(url: "https://gitlab.example.com/g/t.git", detail: "failed to connect to gitlab.example.com:443: Connection refused"),
        .authenticationFailed(url: "https://gitlab.example.com/g/t.git"),
        .authenticationFailed(url: "https://gitlab.example.com/g/t.git", credentialsGiven: false),
        .authenticationFailed(url: "git@gitlab.example.com:g/t.git"),
        .authenticationFailed(url: "git@gitlab.example.com:g/t.git", credentialsGiven: false),
        .unknownRef(ref: "mian"),
        .timeout(url: "https://gitlab.example.com/g/t.git", seconds: 60),
        .libgit2(operation: "read commit 0123", message: "object not found"),
        .invalidLocation(text: "ftp://x", reason: "the scheme 'ftp' is not supported"),
    ]

    func testEveryDescriptionIsAFullSentence() {
        for error in allErrors {
            let text = error.description
            XCTAssertTrue(text.first.map { $0.isUppercase || $0 == "'" } ?? false, "starts like a sentence: \(text)")
            XCTAssertTrue(text.hasSuffix("."), "ends like a sentence: \(text)")
            XCTAssertFalse(text.contains(".."), "no doubled period: \(text)")
            XCTAssertEqual(error.localizedDescription, text)
        }
    }

    func testAuthenticationMessagesTellWhatToCheck() {
        XCTAssertEqual(GitSourceError.authenticationFailed(url: "https://h/g/t.git").description,
                       "Authentication failed for https://h/g/t.git: check TENANTCTL_GIT_TOKEN or --git-token-file.")
        XCTAssertTrue(GitSourceError.authenticationFailed(url: "https://h/g/t.git", credentialsGiven: false)
            .description.contains("no token was given"))
        XCTAssertTrue(GitSourceError.authenticationFailed(url: "ssh://git@h/g/t.git").description.contains("SSH key"))
    }

    func testCredentialsNeverPrintTheirSecrets() {
        let credentials = GitCredentials(httpToken: "glpat-0123456789abcdef", sshKeyPath: "/keys/id_ed25519",
                                         sshKeyPassphrase: "correct horse")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(credentials)", String(reflecting: credentials), dumped] {
            XCTAssertFalse(text.contains("glpat-0123456789abcdef"), text)
            XCTAssertFalse(text.contains("correct horse"), text)
        }
        XCTAssertTrue("\(credentials)".contains("/keys/id_ed25519"))
    }
}
