import Foundation
import Juju
import XCTest

/// The real captures under Fixtures/ (see Fixtures/SOURCES.md).
enum Fixtures {
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func statusFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("juju-status").path).sorted()
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// A status capture as JSON bytes: JSON files as they are, YAML ones converted with Yams.
    static func statusJSON(_ name: String) throws -> Data {
        let text = try text("juju-status/\(name)")
        return name.hasSuffix(".yaml") ? try YAMLJSON.data(fromYAML: text) : Data(text.utf8)
    }

    static func status(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> JujuStatus {
        do {
            return try JujuStatus.decode(json: try statusJSON(name))
        } catch {
            XCTFail("\(name) does not decode: \(error)", file: file, line: line)
            throw error
        }
    }
}
