import Foundation
import GitTestSupport
import XCTest

/// kill -9 of `tenantctl apply` in the middle of its work: the next apply converges, with no
/// model, machine or unit created twice, and the journal says the killed runs were interrupted.
final class CrashRecoveryTests: ReconcileCase {
    func testKilledAppliesConvergeWithoutDuplicates() throws {
        // prune off: a unit or machine created twice would stay and show in the census, instead
        // of being removed again by the run that follows.
        try repository.write("tenantctl.yaml", ReconcileRepository.fleet.replacingOccurrences(of: "prune: true", with: "prune: false"))
        _ = try repository.commit("No pruning")

        // Each apply is killed once the journal shows it started its first or second action,
        // a little later each time, so the kills land before, in and after juju calls; the
        // journal below proves each one landed mid-run.
        var killed: [Int32] = []
        for (index, delay) in [0.0, 0.02, 0.05, 0.1, 0.15, 0.2].enumerated() {
            guard let pid = try applyKilled(afterStarting: 1 + index % 2, thenWaiting: delay) else { break }
            killed.append(pid)
        }
        XCTAssertGreaterThanOrEqual(killed.count, 3, "too few applies were killed mid-run to test recovery")
        let final = try tenantctl("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(final.status, 0, "\(final)")

        // Names, not only counts: a duplicate would show as shop/2 or a sixth machine.
        XCTAssertEqual(try census(), Self.converged)
        for model in ["k8s:acme-production", "k8s:bravo-production"] {
            let view = try sim.view(model)
            XCTAssertEqual(view.applications["shop"]?.units, ["shop/0", "shop/1"], "\(model)\n\(view)")
            XCTAssertEqual(view.applications["db"]?.units, ["db/0"], "\(model)\n\(view)")
        }
        let corp = try sim.view("cloud:corp-production")
        XCTAssertEqual(corp.applications["shop"]?.units, ["shop/0", "shop/1"], "\(corp)")
        XCTAssertEqual(corp.applications["db"]?.units, ["db/0"], "\(corp)")
        XCTAssertEqual(corp.machines, ["0", "1", "2", "3", "4"], "\(corp)")
        XCTAssertEqual(try tenantctl("plan").stdout, "No changes. The world matches the manifests.\n")

        // The journal shows every kill landed mid-run: the run started an action and never finished.
        let runs = try journalRuns()
        for pid in killed {
            let matching = runs.filter { $0["pid"] as? Int == Int(pid) }
            XCTAssertEqual(matching.count, 1, "killed process \(pid) has no run of its own: \(runs)")
            guard let run = matching.first, let id = run["id"] as? Int else { continue }
            // `interrupted` is only ever set on a run still `running` whose process is gone.
            XCTAssertEqual(run["status"] as? String, "interrupted", "run \(id): \(run)")
            XCTAssertFalse(try journalActions(run: id).isEmpty, "run \(id) was killed before any action started")
        }
    }

    /// Starts `tenantctl apply` and kills it with SIGKILL `delay` seconds after the journal
    /// shows its n-th action attempt started; returns its pid, or nil when it ended on its own
    /// first (the world had converged).
    private func applyKilled(afterStarting count: Int, thenWaiting delay: TimeInterval) throws -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProductBinary.locate("tenantctl"))
        process.arguments = ["apply", "--auto-approve", "--settle", "0.2", "--quiet", "--repo", repository.path]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        while try startedActions(of: pid) < count {
            guard process.isRunning else {
                process.waitUntilExit()
                return nil
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        Thread.sleep(forTimeInterval: delay)
        kill(pid, SIGKILL)
        process.waitUntilExit()
        return pid
    }

    /// Action attempts the run of process `pid` journaled, read with the sqlite3 CLI while the
    /// apply writes (the store is in WAL mode, so readers never wait).
    private func startedActions(of pid: Int32) throws -> Int {
        let database = fixture.path("state") + "/tenantctl.sqlite"
        guard FileManager.default.fileExists(atPath: database) else { return 0 }
        let query = try ChildProcess.run("/usr/bin/sqlite3", ["-readonly", database,
                                         "SELECT count(*) FROM action JOIN run ON action.run_id = run.id WHERE run.pid = \(pid);"],
                                         environment: nil, timeout: 30)
        // A database still being created reads as no action yet.
        return Int(query.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    private func journalRuns() throws -> [[String: Any]] {
        let history = try tenantctlWithoutRepo("history", "--limit", "50", "--output", "json")
        XCTAssertEqual(history.status, 0, "\(history)")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any], history.stdout)
        let runs = try XCTUnwrap(document["runs"] as? [[String: Any]], history.stdout)
        return runs.sorted { ($0["id"] as? Int ?? 0) < ($1["id"] as? Int ?? 0) }
    }

    private func journalActions(run: Int) throws -> [[String: Any]] {
        let detail = try tenantctlWithoutRepo("history", "--run", String(run), "--output", "json")
        XCTAssertEqual(detail.status, 0, "\(detail)")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(detail.stdout.utf8)) as? [String: Any], detail.stdout)
        return document["actions"] as? [[String: Any]] ?? []
    }
}
