import Foundation
import GitTestSupport
import XCTest

/// What tenantctl writes is its user's only, whatever the umask, and never holds a secret value;
/// state and secrets that other users could read or write are refused with the chmod to run.
final class PrivateFilesTests: ReconcileCase {
    /// tenantctl under `umask 000`, the worst an operator's shell can give it.
    func tenantctlWithOpenUmask(_ arguments: [String]) throws -> ProcessResult {
        let command = (["umask 000; exec \"$0\" \"$@\""]).joined()
        return try ChildProcess.run("/bin/sh", ["-c", command, try ProductBinary.locate("tenantctl")] + arguments + ["--repo", repository.path],
                                    environment: environment, timeout: 120)
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testSnapshotsAndPlansAre0600AndSnapshotsHoldNoSecretValue() throws {
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2").status, 0)
        let snapshot = fixture.path("snapshot.json")
        let observe = try tenantctlWithOpenUmask(["observe", "--out", snapshot])
        XCTAssertEqual(observe.status, 0, "\(observe)")
        XCTAssertEqual(try mode(snapshot), 0o600)
        let text = try String(contentsOfFile: snapshot, encoding: .utf8)
        XCTAssertFalse(text.contains("correct horse battery staple"), "the applied admin-password reads back from export-bundle")
        XCTAssertTrue(text.contains("\"admin-password\" : \"hmac-sha256:") || text.contains("\"admin-password\":\"hmac-sha256:"),
                      "the option is there as a keyed digest, its value is not: \(text.prefix(2000))")
        // The snapshot still plans: nothing to do.
        let offline = try tenantctl("plan", "--observed", snapshot)
        XCTAssertEqual(offline.status, 0, "\(offline)")

        let planFile = fixture.path("plan.json")
        XCTAssertEqual(try tenantctlWithOpenUmask(["plan", "--out", planFile]).status, 0)
        XCTAssertEqual(try mode(planFile), 0o600)
    }

    func testStateAndSecretsOthersCanOpenAreRefusedWithTheFix() throws {
        let state = fixture.path("state")
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2").status, 0)
        chmod(state, 0o777)
        let openDirectory = try tenantctl("apply", "--auto-approve")
        XCTAssertEqual(openDirectory.status, 1)
        XCTAssertTrue(openDirectory.stderr.contains("The state directory \(state) can be read or written by other users (mode 0777); run: chmod 700 \(state)"),
                      openDirectory.stderr)
        chmod(state, 0o700)
        chmod(state + "/tenantctl.sqlite", 0o644)
        let openJournal = try tenantctl("apply", "--auto-approve")
        XCTAssertEqual(openJournal.status, 1)
        XCTAssertTrue(openJournal.stderr.contains("run: chmod 600 \(state)/tenantctl.sqlite"), openJournal.stderr)
        chmod(state + "/tenantctl.sqlite", 0o600)

        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: "  environments:\n    production:\n      applications:\n        shop: {units: 3}\n"))
        _ = try repository.commit("acme grows")
        chmod(secretsFile, 0o644)
        let openSecrets = try tenantctl("apply", "--auto-approve")
        XCTAssertEqual(openSecrets.status, 1)
        XCTAssertTrue(openSecrets.stderr.contains("the secrets file \(secretsFile!) can be read or written by other users (mode 0644); run: chmod 600 \(secretsFile!)"),
                      openSecrets.stderr)
        XCTAssertEqual(try sim.census("k8s:acme-production").units["shop"], 2, "nothing applied")
    }
}
