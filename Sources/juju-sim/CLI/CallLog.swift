import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One line per call, appended with O_APPEND so that parallel calls never interleave a line.
enum CallLog {
    static func append(_ line: String, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
