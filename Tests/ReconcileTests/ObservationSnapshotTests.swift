import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore
import VaultPlanning
import XCTest

/// The snapshot file: what `plan --observed` reads back is what was observed, with the
/// fingerprints the live observation gave, and an edited or older file is refused.
final class ObservationSnapshotTests: XCTestCase {
    /// - Parameter oddConfig: values that do not come back as they went (a whole double reads as
    ///   an integer, a reference-shaped string as a reference), for the decoders' comparison.
    private func world(oddConfig: [String: ConfigValue] = [:]) -> ObservedWorld {
        let shop = ObservedApplication(
            charm: "shop", channel: "latest/stable", revision: 42,
            units: [ObservedUnit(name: "shop/0", machine: "0", workloadStatus: "active", workloadMessage: "ready \"é\" / ok\\ \n\t\u{1}\u{7f} 😀 \u{2028}", agentStatus: "idle"),
                    ObservedUnit(name: "shop/1", workloadStatus: "waiting", agentStatus: "allocating", agentMessage: "")],
            subordinate: false, exposed: true, config: ["title": .string("Acme <shop>"), "ratio": .double(0.25), "tiny": .double(1e-7), "huge": .double(1e300),
                     "workers": .int(4), "negative": .int(-12), "debug": .bool(false), "empty": .string(""), "numeric": .string("12")]
                .merging(oddConfig) { _, odd in odd },
            appliedSecrets: ["admin-password": "vault:tenants/acme#admin"], appliedDigests: ["admin-password": "hmac-sha256:ab"])
        let model = ObservedModel(name: "acme-production", kind: .iaas, applications: ["shop": shop],
                                  machines: ["0": ObservedMachine(id: "0", constraints: "mem=4G", base: "ubuntu@24.04", status: "started", containers: ["0/lxd/0"])],
                                  relations: [ObservedRelation(application: "shop", endpoint: "db", remoteApplication: "mysql")])
        let juju = ObservedState(
            controllers: ["cloud": ObservedController(known: true, models: ["acme-production"]), "k8s": ObservedController(known: false, error: "gone")],
            models: ["cloud/acme-production": .present(model), "cloud/bravo-production": .absent, "cloud/corp-production": .failed("timeout")])
        let vault = VaultObservation(mount: "secret", paths: ["tenants/acme": .present(SecretMetadata(currentVersion: 3)), "tenants/bravo": .missing])
        return ObservedWorld(systems: [JujuPlanner.systemName: juju, VaultPlanner.systemName: vault])
    }

    func testARecordedSnapshotReadsBackWithTheLiveFingerprints() throws {
        let observed = world()
        let snapshot = ObservationSnapshot(commit: "abc", observed: observed, owned: ["juju": ["cloud/acme-production": "acme/production"]])
        let read = try ObservationSnapshot.decode(try snapshot.encoded())
        XCTAssertEqual(read.fingerprints, ObservationSnapshot.fingerprints(of: observed))
        XCTAssertEqual(read.fingerprints, ObservationSnapshot.fingerprints(of: read.observed), "the decoded copy fingerprints as the live observation")
        XCTAssertEqual(read.observed.observation(of: JujuPlanner.systemName, as: ObservedState.self),
                       observed.observation(of: JujuPlanner.systemName, as: ObservedState.self))
        XCTAssertEqual(read.observed.observation(of: VaultPlanner.systemName, as: VaultObservation.self),
                       observed.observation(of: VaultPlanner.systemName, as: VaultObservation.self))
        XCTAssertEqual(read.owned, snapshot.owned)
        XCTAssertEqual(read.commit, "abc")
    }

    /// Juju's part is read with JSONScanner, not JSONDecoder: both read the same bytes alike.
    func testTheScannerReadsJujuAsJSONDecoderDoes() throws {
        let odd: [String: ConfigValue] = ["whole": .double(3), "big": .double(1e20), "reference": .string("vault:tenants/acme#admin")]
        let state = try XCTUnwrap(world(oddConfig: odd).observation(of: JujuPlanner.systemName, as: ObservedState.self))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(state)
        let scanned = try JSONScanner.scan(data) { try ObservedState(json: &$0) }
        XCTAssertEqual(scanned, try JSONDecoder().decode(ObservedState.self, from: data))
        let compact = try JSONEncoder().encode(state)
        XCTAssertEqual(try JSONScanner.scan(compact) { try ObservedState(json: &$0) }, try JSONDecoder().decode(ObservedState.self, from: compact))
        let escaped = Data(#"{"controllers":{},"models":{"k8s/a":{"state":"failed","error":"caf\u00e9 \ud83d\ude00 \/ \"x\"\n"}}}"#.utf8)
        XCTAssertEqual(try JSONScanner.scan(escaped) { try ObservedState(json: &$0) }, try JSONDecoder().decode(ObservedState.self, from: escaped))
        XCTAssertThrowsError(try JSONScanner.scan(Data(#"{"controllers":{}}"#.utf8)) { try ObservedState(json: &$0) })
        XCTAssertThrowsError(try JSONScanner.scan(Data(#"{"controllers":{},"models":{}} x"#.utf8)) { try ObservedState(json: &$0) })
    }

    func testAnyEditedByteIsRefused() throws {
        let data = try ObservationSnapshot(commit: "abc", observed: world(), owned: [:]).encoded()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n  \"check\" : \"sha256:"), text)
        for edit in [("\"abc\"", "\"abd\""), ("\"timeout\"", "\"timeouts\""), ("\"currentVersion\" : 3", "\"currentVersion\" : 4"), ("sha256:", "sha256:0")] {
            let edited = text.replacingOccurrences(of: edit.0, with: edit.1)
            XCTAssertNotEqual(edited, text, "\(edit)")
            XCTAssertThrowsError(try ObservationSnapshot.decode(Data(edited.utf8)), "\(edit)") { error in
                XCTAssertEqual(error as? ObservationSnapshot.ReadError, .modified, "\(edit)")
            }
        }
    }

    func testAnOlderFormatIsRefusedByItsVersion() throws {
        let older = #"{"commit":"abc","fingerprints":{},"format_version":2,"owned":{},"systems":{}}"#
        XCTAssertThrowsError(try ObservationSnapshot.decode(Data(older.utf8))) { error in
            XCTAssertEqual(error as? ObservationSnapshot.ReadError, .unsupportedVersion(2))
            XCTAssertEqual("\(error)", "it has format_version 2; this tenantctl reads 3 (observe again)")
        }
        XCTAssertThrowsError(try ObservationSnapshot.decode(Data("not json".utf8))) { error in
            guard case .malformed? = error as? ObservationSnapshot.ReadError else { return XCTFail("\(error)") }
        }
    }
}
