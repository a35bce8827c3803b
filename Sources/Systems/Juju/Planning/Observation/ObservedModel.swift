import TenantCore

/// A Juju model as `juju status` and `juju export-bundle` show it, reduced to what planning needs.
public struct ObservedModel: Codable, Sendable, Equatable {
    public var name: String
    public var kind: Controller.Kind
    public var applications: [String: ObservedApplication]
    public var machines: [String: ObservedMachine]
    /// Established relations, one per endpoint side: `magento:database -> mysql`.
    public var relations: [ObservedRelation]

    public init(name: String, kind: Controller.Kind, applications: [String: ObservedApplication] = [:],
                machines: [String: ObservedMachine] = [:], relations: [ObservedRelation] = []) {
        self.name = name
        self.kind = kind
        self.applications = applications
        self.machines = machines
        self.relations = relations
    }
}

public struct ObservedApplication: Codable, Sendable, Equatable {
    public var charm: String
    public var channel: String?
    public var revision: Int?
    /// Units on IaaS; on k8s the units that exist (the scale target is `scale`).
    public var units: [ObservedUnit]
    /// The k8s scale Juju was asked for; nil on IaaS.
    public var scale: Int?
    public var subordinate: Bool
    public var exposed: Bool
    /// Charm configuration as set (defaults excluded when Juju says so).
    public var config: [String: ConfigValue]
    /// For options set from Vault: the reference last applied, recorded by tenantctl, so secrets
    /// are compared by reference and never read to plan.
    public var appliedSecrets: [String: String]
    /// For those options: the keyed digest of the value tenantctl applied (`hmac-sha256:…`),
    /// compared with the digest of what Juju reports to see a secret changed out of band. Nil
    /// in snapshots written before digests were kept.
    public var appliedDigests: [String: String]?
    /// Where the application answers, for DNS records that point at it: on k8s the service
    /// address Juju reports for the application, on IaaS the public address of its first unit
    /// that has one (by unit name). Nil until Juju reports one.
    public var address: String?
    /// How a keyed digest reads in `config` and `appliedDigests`.
    public static let secretDigestPrefix = "hmac-sha256:"

    public init(charm: String, channel: String? = nil, revision: Int? = nil, units: [ObservedUnit] = [], scale: Int? = nil,
                subordinate: Bool = false, exposed: Bool = false, config: [String: ConfigValue] = [:],
                appliedSecrets: [String: String] = [:], appliedDigests: [String: String]? = nil, address: String? = nil) {
        self.address = address
        self.charm = charm
        self.channel = channel
        self.revision = revision
        self.units = units
        self.scale = scale
        self.subordinate = subordinate
        self.exposed = exposed
        self.config = config
        self.appliedSecrets = appliedSecrets
        self.appliedDigests = appliedDigests
    }

    /// How many units the application has, as the planner compares it with the desired count.
    public var unitCount: Int { scale ?? units.count }
}

public struct ObservedUnit: Codable, Sendable, Equatable {
    public var name: String
    public var machine: String?
    public var workloadStatus: String
    public var workloadMessage: String?
    public var agentStatus: String
    public var agentMessage: String?

    public init(name: String, machine: String? = nil, workloadStatus: String, workloadMessage: String? = nil,
                agentStatus: String, agentMessage: String? = nil) {
        self.name = name
        self.machine = machine
        self.workloadStatus = workloadStatus
        self.workloadMessage = workloadMessage
        self.agentStatus = agentStatus
        self.agentMessage = agentMessage
    }
}

public struct ObservedMachine: Codable, Sendable, Equatable {
    public var id: String
    public var constraints: String?
    public var base: String?
    public var status: String
    /// Containers on it (`0/lxd/1`…): a host with containers is in use even without units.
    public var containers: [String]

    public init(id: String, constraints: String? = nil, base: String? = nil, status: String, containers: [String] = []) {
        self.id = id
        self.constraints = constraints
        self.base = base
        self.status = status
        self.containers = containers
    }

    private enum CodingKeys: String, CodingKey { case id, constraints, base, status, containers }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        constraints = try container.decodeIfPresent(String.self, forKey: .constraints)
        base = try container.decodeIfPresent(String.self, forKey: .base)
        status = try container.decode(String.self, forKey: .status)
        // Snapshots written before containers were observed have none.
        containers = try container.decodeIfPresent([String].self, forKey: .containers) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(constraints, forKey: .constraints)
        try container.encodeIfPresent(base, forKey: .base)
        try container.encode(status, forKey: .status)
        if !containers.isEmpty { try container.encode(containers, forKey: .containers) }
    }
}

/// One side of a relation as `juju status` lists it: the application's endpoint and the
/// application at the other end (status does not name the remote endpoint).
public struct ObservedRelation: Codable, Sendable, Hashable {
    public var application: String
    public var endpoint: String
    public var remoteApplication: String

    public init(application: String, endpoint: String, remoteApplication: String) {
        self.application = application
        self.endpoint = endpoint
        self.remoteApplication = remoteApplication
    }
}
