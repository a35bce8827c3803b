#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// juju-replay: a stand-in for the `juju` CLI that costs nothing but its latency, for the drift
// sweep of `make bench`. It answers from recordings made beforehand (by tenantctl-bench, from
// juju-sim's answers) and sleeps a fixed time per call, so that a sweep measures tenantctl, not
// the stand-in. Glibc only: no Foundation to load at each of the thousand starts.
//
//   JUJU_REPLAY_DIR         the recordings: one file per command line, named by
//                           `JujuReplay.key(arguments)` (`<key>.out`, and when the call failed,
//                           `<key>.err` and `<key>.status`)
//   JUJU_REPLAY_LATENCY_MS  milliseconds slept per call (default 0)
//   JUJU_REPLAY_LOG         a file each call appends its command line to, to count the calls,
//                           followed by a tab and the call's start and end on the monotonic
//                           clock in nanoseconds (how many calls were in flight, and when)
//
// A command line without a recording exits 2 saying so, like a command juju does not know.

/// The recording's file name for a command line: the arguments joined by spaces, with `%` and `/`
/// percent-encoded so that a name is one path component.
func key(_ arguments: ArraySlice<String>) -> String {
    var name = ""
    for (index, argument) in arguments.enumerated() {
        if index > 0 { name += " " }
        for character in argument {
            switch character {
            case "%": name += "%25"
            case "/": name += "%2F"
            default: name.append(character)
            }
        }
    }
    return name
}

/// The whole file, or nil when it cannot be opened.
func contents(of path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
}

func write(_ bytes: [UInt8], to descriptor: Int32) {
    var offset = 0
    while offset < bytes.count {
        let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return }
        offset += count
    }
}

func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

func monotonicNanoseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1_000_000_000 + now.tv_nsec
}

let started = monotonicNanoseconds()
let arguments = CommandLine.arguments.dropFirst()
let commandLine = key(arguments)

/// Logs the call as it ends, with its span; then exits.
func finish(_ status: Int32) -> Never {
    if let log = environment("JUJU_REPLAY_LOG"), !log.isEmpty {
        // One write of one line with O_APPEND: concurrent calls do not interleave.
        let descriptor = open(log, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        if descriptor >= 0 {
            write(Array("\(commandLine)\t\(started) \(monotonicNanoseconds())\n".utf8), to: descriptor)
            close(descriptor)
        }
    }
    exit(status)
}
if let text = environment("JUJU_REPLAY_LATENCY_MS"), let milliseconds = Int(text), milliseconds > 0 {
    var delay = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
    var remaining = timespec()
    while nanosleep(&delay, &remaining) != 0, errno == EINTR { delay = remaining }
}
guard let directory = environment("JUJU_REPLAY_DIR"), !directory.isEmpty else {
    write(Array("juju-replay: JUJU_REPLAY_DIR is not set\n".utf8), to: 2)
    finish(2)
}
let base = directory + "/" + commandLine
guard let output = contents(of: base + ".out") else {
    write(Array("ERROR juju-replay has no recording of: juju \(arguments.joined(separator: " "))\n".utf8), to: 2)
    finish(2)
}
write(output, to: 1)
if let errors = contents(of: base + ".err") { write(errors, to: 2) }
let status = contents(of: base + ".status").flatMap { Int32(String(decoding: $0, as: UTF8.self).filter { !$0.isWhitespace }) } ?? 0
finish(status)
