import Foundation
import GitTestSupport
import XCTest

/// A juju error that quotes a secret value (`expected int, got "…"`) reaches neither the
/// terminal nor the journal: every value the run read is masked in what juju says back.
final class SecretRedactionTests: ReconcileCase {
    func testASecretQuotedByJujuIsMaskedEverywhere() throws {
        let wrapper = fixture.path("quoting-juju")
        try Data("""
            #!/bin/bash
            if [ "$1" = "deploy" ]; then
              for argument in "$@"; do case "$argument" in *.yaml) bundle="$argument" ;; esac; done
              value=$(sed -n 's/.*admin-password: *//p' "$bundle" | tr -d "'\\"")
              echo "ERROR cannot deploy bundle: option \\"admin-password\\" expected int, got \\"$value\\"" >&2
              exit 1
            fi
            exec "$SIM" "$@"

            """.utf8).write(to: URL(fileURLWithPath: wrapper))
        chmod(wrapper, 0o755)
        let apply = try tenantctl("apply", "--auto-approve", "--settle", "0.2",
                                  extra: ["TENANTCTL_JUJU_BIN": wrapper, "SIM": sim.binary])
        XCTAssertEqual(apply.status, 1, "\(apply)")
        let secret = "correct horse battery staple"
        XCTAssertTrue(apply.stdout.contains("expected int, got \\\"[redacted]\\\"") || apply.stdout.contains("got \"[redacted]\""), apply.stdout)
        XCTAssertFalse(apply.stdout.contains(secret) || apply.stderr.contains(secret), "\(apply)")
        let history = try tenantctlWithoutRepo("history", "--run", "1", "--output", "json")
        XCTAssertTrue(history.stdout.contains("[redacted]"), history.stdout)
        XCTAssertFalse(history.stdout.contains(secret))
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture.path("state")) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path("state/\(file)")))
            XCTAssertNil(bytes.range(of: Data(secret.utf8)), "\(file) holds the secret")
        }
    }
}
