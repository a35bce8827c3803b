/// The three OVH API keys, read from Vault by the caller. Their descriptions never show a value,
/// so that a credential printed by mistake (a log line, `dump`) shows nothing.
public struct OVHCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var applicationKey: String
    public var applicationSecret: String
    public var consumerKey: String

    public init(applicationKey: String, applicationSecret: String, consumerKey: String) {
        self.applicationKey = applicationKey
        self.applicationSecret = applicationSecret
        self.consumerKey = consumerKey
    }

    public var description: String { "OVHCredentials(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// Every value, for scrubbing texts quoted from OVH's answers.
    var secrets: [String] { [applicationKey, applicationSecret, consumerKey] }
}
