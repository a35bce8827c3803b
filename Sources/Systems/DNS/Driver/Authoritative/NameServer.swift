import TenantCore

/// One authoritative server of a zone, as `dig @host -p port` asks it.
public struct NameServer: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int = 53) {
        self.host = host
        self.port = port
    }

    /// `host`, `host:port`, `[v6]:port` or `dns://host:port`, as the fleet's `server` and
    /// `nameservers` settings are written.
    public init(parsing text: String) throws {
        (host, port) = try RFC2136Provider.hostPort(text)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
