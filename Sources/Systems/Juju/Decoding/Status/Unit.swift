extension JujuStatus {
    /// A unit, principal or subordinate (subordinates carry no `machine`).
    public struct Unit: Codable, Hashable, Sendable {
        /// What the charm says: `active`, `blocked`, `waiting`, `maintenance`, `error`, `unknown`.
        public var workloadStatus: StatusInfo?
        /// The unit agent: `allocating`, `executing`, `idle`, `failed`, `lost`, `rebooting`.
        public var jujuStatus: StatusInfo?
        /// Juju writes `leader` only on the leader; JIMM never writes it.
        public var leader: Bool
        /// IaaS principals only: the machine or container id (`5`, `0/lxd/0`).
        public var machine: String?
        public var publicAddress: String?
        /// Kubernetes only: pod address and pod name.
        public var address: String?
        public var providerID: String?
        /// `5000/tcp`, `9650-9651/tcp`, `icmp`.
        public var openPorts: [String]
        public var subordinates: [String: Unit]
        public var upgradingFrom: String?
        public var statusError: String?

        public init(workloadStatus: StatusInfo? = nil, jujuStatus: StatusInfo? = nil, leader: Bool = false,
                    machine: String? = nil, publicAddress: String? = nil, address: String? = nil,
                    providerID: String? = nil, openPorts: [String] = [], subordinates: [String: Unit] = [:]) {
            self.workloadStatus = workloadStatus
            self.jujuStatus = jujuStatus
            self.leader = leader
            self.machine = machine
            self.publicAddress = publicAddress
            self.address = address
            self.providerID = providerID
            self.openPorts = openPorts
            self.subordinates = subordinates
        }

        enum CodingKeys: String, CodingKey {
            case leader, machine, address, subordinates
            case workloadStatus = "workload-status"
            case jujuStatus = "juju-status"
            case publicAddress = "public-address"
            case providerID = "provider-id"
            case openPorts = "open-ports"
            case upgradingFrom = "upgrading-from"
            case statusError = "status-error"
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            workloadStatus = container.object(.workloadStatus)
            jujuStatus = container.object(.jujuStatus)
            leader = container.bool(.leader) ?? false
            machine = container.string(.machine)
            publicAddress = container.string(.publicAddress)
            address = container.string(.address)
            providerID = container.string(.providerID)
            openPorts = container.strings(.openPorts)
            subordinates = container.map(.subordinates)
            upgradingFrom = container.string(.upgradingFrom)
            statusError = container.string(.statusError)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(workloadStatus, forKey: .workloadStatus)
            try container.encodeIfPresent(jujuStatus, forKey: .jujuStatus)
            // As Juju: `leader` appears on the leader only.
            if leader { try container.encode(true, forKey: .leader) }
            try container.encodeIfPresent(machine, forKey: .machine)
            try container.encodeIfPresent(publicAddress, forKey: .publicAddress)
            try container.encodeIfPresent(address, forKey: .address)
            try container.encodeIfPresent(providerID, forKey: .providerID)
            if !openPorts.isEmpty { try container.encode(openPorts, forKey: .openPorts) }
            if !subordinates.isEmpty { try container.encode(subordinates, forKey: .subordinates) }
            try container.encodeIfPresent(upgradingFrom, forKey: .upgradingFrom)
            try container.encodeIfPresent(statusError, forKey: .statusError)
        }

        /// Health of this unit for a gate, by the rules of JUJU-STATUS-FORMAT.md §14.6.
        public var health: UnitHealth { UnitHealth(self) }
    }
}
