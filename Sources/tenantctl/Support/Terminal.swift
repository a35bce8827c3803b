import Foundation

enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }

    /// Colour on terminals only, and never when NO_COLOR is set (no-color.org).
    static var useColor: Bool {
        stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
