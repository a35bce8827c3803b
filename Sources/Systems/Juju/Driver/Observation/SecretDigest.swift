import Crypto
import Foundation
import TenantCore
import JujuPlanning
import PlanModel
import Reconciler

/// A keyed digest of a secret value (HMAC-SHA-256 with the state directory's key): observations
/// and the journal carry it instead of the value, so that a secret changed in Juju behind git's
/// back is seen without the value ever being stored or compared in clear.
public enum SecretDigest {
    public static let prefix = ObservedApplication.secretDigestPrefix

    public static func of(_ value: String, key: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: key))
        return prefix + code.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
