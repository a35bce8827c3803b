import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who runs a run, precisely enough to tell later whether that process is still alive.
///
/// A pid alone is not enough: after a reboot, or on a busy host, the pid of a crashed
/// `tenantctl apply` can belong to an unrelated live process, and the run would stay `running`
/// forever. On Linux the boot id and the process start time (from /proc) tell those cases apart;
/// elsewhere they are nil and only the pid and the host are checked.
public struct ProcessIdentity: Sendable, Equatable {
    public var pid: Int32
    public var host: String
    /// `/proc/sys/kernel/random/boot_id`: changes at every boot.
    public var bootID: String?
    /// Field 22 of `/proc/<pid>/stat`: clock ticks since boot at which the process started.
    public var startTime: UInt64?

    public init(pid: Int32, host: String, bootID: String?, startTime: UInt64?) {
        self.pid = pid
        self.host = host
        self.bootID = bootID
        self.startTime = startTime
    }

    /// This process.
    public static func current() -> ProcessIdentity {
        of(pid: getpid())
    }

    /// Another process of this host (tests record runs in the name of a child they kill).
    public static func of(pid: Int32) -> ProcessIdentity {
        ProcessIdentity(pid: pid, host: hostName(), bootID: bootID(), startTime: startTime(of: pid))
    }

    /// Why the process that recorded `self` cannot still be running, seen from `observer` (this
    /// process), or nil when it may be. Another host's process cannot be probed at all; the
    /// journal then treats it as gone, as the state directory is meant to be one host's.
    func reasonItIsGone(seenFrom observer: ProcessIdentity) -> String? {
        if host != observer.host {
            return "it was started on host \(host), not \(observer.host)"
        }
        if let bootID, let current = observer.bootID, bootID != current {
            return "the host rebooted since it started"
        }
        // kill(0 or -1, 0) would probe a whole process group, so a corrupt pid counts as gone.
        if pid <= 0 {
            return "its process id \(pid) is not valid"
        }
        if kill(pid, 0) != 0 && errno == ESRCH {
            return "process \(pid) no longer exists"
        }
        // EPERM (another user's live process) falls through: it exists.
        if let startTime, let now = Self.startTime(of: pid), startTime != now {
            return "process \(pid) is now another program"
        }
        return nil
    }

    static func hostName() -> String {
        // gethostname, not ProcessInfo.hostName, which may resolve the name through DNS.
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func bootID() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        else { return nil }
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty ? nil : id
    }

    static func startTime(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        return parseStartTime(stat: stat)
    }

    /// The second field (the command name) is in parentheses and may itself hold spaces and
    /// parentheses, so fields are counted from the last `)`: the state is field 3, the start
    /// time field 22.
    static func parseStartTime(stat: String) -> UInt64? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
