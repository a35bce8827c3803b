import Foundation
import TenantCore

/// The output of `juju config <application> --format=json`.
///
/// `settings` holds the charm's options; `application-config` Juju's own per-application keys
/// (`trust`, `juju-external-hostname`…). Values may be secrets in clear: callers compare them,
/// they never print them.
public struct ApplicationConfig: Codable, Hashable, Sendable {
    public var application: String
    public var charm: String?
    public var settings: [String: ConfigSetting]
    public var applicationConfig: [String: ConfigSetting]

    public init(application: String, charm: String? = nil, settings: [String: ConfigSetting] = [:],
                applicationConfig: [String: ConfigSetting] = [:]) {
        self.application = application
        self.charm = charm
        self.settings = settings
        self.applicationConfig = applicationConfig
    }

    enum CodingKeys: String, CodingKey {
        case application, charm, settings
        case applicationConfig = "application-config"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        application = container.string(.application) ?? ""
        charm = container.string(.charm)
        settings = container.map(.settings)
        applicationConfig = container.map(.applicationConfig)
    }

    public static func decode(json data: Data) throws -> ApplicationConfig {
        do { return try JSONDecoder().decode(ApplicationConfig.self, from: data) }
        catch let error as DecodingError { throw JujuDecodingError(document: "juju config", underlying: error) }
    }

    /// The options a user (or a bundle) set, as the bundle would write them: what tenantctl
    /// compares with the desired configuration. Charm defaults are left out, as
    /// `juju export-bundle` leaves them out.
    public var userOptions: [String: ConfigValue] {
        settings.compactMapValues { $0.source == "user" ? $0.value : nil }
    }
}
