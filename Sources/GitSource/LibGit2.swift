import CGit2
import Foundation

/// Process-wide libgit2 state and the conversion of its return codes into `GitSourceError`.
enum LibGit2 {
    /// Swift runs a static initialiser exactly once, thread-safely, on first use; libgit2 is
    /// never shut down because handles may live until the process exits.
    private static let initialised: Bool = {
        let result = git_libgit2_init()
        guard result >= 0 else { return false }
        // The stream mirrors the private socket-stream layout of libgit2 1.5 (see
        // TimeoutSocketStream); with any other libgit2 keep its own stream rather than guess.
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        git_libgit2_version(&major, &minor, &patch)
        if major == 1, minor == 5 { TimeoutSocketStream.register() }
        return true
    }()

    static func ensureInitialised() throws {
        guard initialised else {
            throw GitSourceError.libgit2(operation: "initialise libgit2", message: lastErrorMessage(or: "unknown error"))
        }
    }

    /// libgit2 keeps the last error per thread, so this must run on the thread of the failing call.
    static func lastErrorMessage(or fallback: String) -> String {
        guard let error = git_error_last(), let message = error.pointee.message else { return fallback }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? fallback : text
    }

    static func lastErrorClass() -> git_error_t? {
        guard let error = git_error_last() else { return nil }
        return git_error_t(rawValue: UInt32(bitPattern: error.pointee.klass))
    }

    /// Throws `.libgit2` for a negative return code, with secrets scrubbed from the message.
    @discardableResult
    static func check(_ code: Int32, _ operation: @autoclosure () -> String, redacting secrets: [String] = []) throws -> Int32 {
        guard code < 0 else { return code }
        let message = Redactor(secrets: secrets).scrub(lastErrorMessage(or: "error code \(code)"))
        throw GitSourceError.libgit2(operation: operation(), message: message)
    }
}

extension LibGit2 {
    /// Lends `strings` to libgit2 as a `git_strarray` for the duration of `body`.
    static func withStrArray<Result>(_ strings: [String], _ body: (UnsafePointer<git_strarray>) throws -> Result) rethrows -> Result {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return try pointers.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try body(&array)
        }
    }
}
