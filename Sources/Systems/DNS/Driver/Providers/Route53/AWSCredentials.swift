/// AWS credentials, read from Vault by the caller. Descriptions never show a value.
public struct AWSCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var accessKeyId: String
    public var secretAccessKey: String
    /// For temporary credentials (STS): sent as X-Amz-Security-Token and signed.
    public var sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String { "AWSCredentials(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: []) }

    var secrets: [String] { [accessKeyId, secretAccessKey] + (sessionToken.map { [$0] } ?? []) }
}
