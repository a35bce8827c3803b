import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `tenantctl-bench --measure-child <report> -- <program> <arguments…>`: the bench re-executes
/// itself as this small helper to measure one run of tenantctl.
///
/// Why: on Linux a process's `ru_maxrss` starts at the peak RSS of the memory image it replaced at
/// exec, and `posix_spawn` shares the parent's memory until the exec; so a child spawned straight
/// from the bench (which holds 10,000 generated tenants) would report at least the bench's own
/// peak. Spawned from this freshly started helper, tenantctl's floor is the helper's small RSS,
/// which is recorded beside the figures (`rss_floor`) so that a peak at the floor is recognisable.
///
/// The report file gets one line: status, wall nanoseconds, maxrss bytes, user and system
/// microseconds, floor bytes.
enum MeasuringHelper {
    static let flag = "--measure-child"

    static func main(_ arguments: [String]) -> Never {
        guard arguments.count >= 4, arguments[0] == flag, arguments[2] == "--" else {
            FileHandle.standardError.write(Data("usage: tenantctl-bench \(flag) <report> -- <program> [arguments…]\n".utf8))
            exit(2)
        }
        let reportPath = arguments[1]
        let command = Array(arguments[3...])
        do {
            let floor = ownPeakRSS()
            let start = Spawn.now()
            // Same process group as this helper: a timeout that kills the group ends tenantctl too.
            let pid = try Spawn.start(command, environment: ProcessInfo.processInfo.environment, streams: nil,
                                      searchPath: false, newProcessGroup: false)
            try Spawn.waitForExit(pid)
            let wall = Spawn.now() - start
            let (raw, usage) = try Spawn.reap(pid)
            let status = Spawn.decode(raw).status
            let line = "\(status) \(wall) \(Spawn.maxRSSBytes(usage)) \(microseconds(usage.ru_utime)) \(microseconds(usage.ru_stime)) \(floor)\n"
            try Data(line.utf8).write(to: URL(fileURLWithPath: reportPath))
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("tenantctl-bench \(flag): \(error)\n".utf8))
            exit(127)
        }
    }

    /// This process's peak RSS so far (VmHWM), the floor of the child it spawns; 0 where unknown.
    private static func ownPeakRSS() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kib * 1024
    }

    private static func microseconds(_ time: timeval) -> Int {
        Int(time.tv_sec) * 1_000_000 + Int(time.tv_usec)
    }
}
