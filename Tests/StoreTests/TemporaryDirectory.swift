import Foundation
import XCTest

/// A fresh directory per test, removed afterwards, so tests never share a database by accident.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let template = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("store-tests-XXXXXX").path
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw POSIXError(.EIO) }
        path = String(cString: made)
    }

    func child(_ name: String) -> String { path + "/" + name }

    deinit {
        // Restore permissions first: a test may have locked a file or folder down.
        _ = chmod(path, 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Whole seconds, so that values survive the journal's millisecond precision unchanged.
func time(_ seconds: Int) -> Date {
    Date(timeIntervalSince1970: 1_700_000_000 + TimeInterval(seconds))
}

func mode(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
