extension JujuStatus {
    /// A machine of an IaaS model, or a container nested in one (`0/lxd/0`).
    public struct Machine: Codable, Hashable, Sendable {
        /// Agent status: `pending` until the agent starts, then `started`; `down` when lost.
        public var jujuStatus: StatusInfo?
        /// Provider status: `pending`, `allocating`, `running`, `provisioning error`…
        public var machineStatus: StatusInfo?
        public var modificationStatus: StatusInfo?
        public var hostname: String?
        public var dnsName: String?
        public var ipAddresses: [String]
        /// The provider's id, or the literal `pending` until the instance exists.
        public var instanceID: String?
        public var displayName: String?
        /// Juju 3.
        public var base: JujuBase?
        /// Juju 2.9.
        public var series: String?
        public var constraints: String?
        public var hardware: String?
        /// Keyed by the full container id (`0/lxd/0`), same schema.
        public var containers: [String: Machine]
        /// Set instead of everything else when Juju could not compute this machine's status.
        public var statusError: String?

        public init(jujuStatus: StatusInfo? = nil, machineStatus: StatusInfo? = nil, hostname: String? = nil,
                    dnsName: String? = nil, ipAddresses: [String] = [], instanceID: String? = nil,
                    base: JujuBase? = nil, series: String? = nil, constraints: String? = nil,
                    hardware: String? = nil, containers: [String: Machine] = [:]) {
            self.jujuStatus = jujuStatus
            self.machineStatus = machineStatus
            self.hostname = hostname
            self.dnsName = dnsName
            self.ipAddresses = ipAddresses
            self.instanceID = instanceID
            self.base = base
            self.series = series
            self.constraints = constraints
            self.hardware = hardware
            self.containers = containers
        }

        enum CodingKeys: String, CodingKey {
            case hostname, base, series, constraints, hardware, containers
            case jujuStatus = "juju-status"
            case machineStatus = "machine-status"
            case modificationStatus = "modification-status"
            case dnsName = "dns-name"
            case ipAddresses = "ip-addresses"
            case instanceID = "instance-id"
            case displayName = "display-name"
            case statusError = "status-error"
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            jujuStatus = container.object(.jujuStatus)
            machineStatus = container.object(.machineStatus)
            modificationStatus = container.object(.modificationStatus)
            hostname = container.string(.hostname)
            dnsName = container.string(.dnsName)
            ipAddresses = container.strings(.ipAddresses)
            instanceID = container.string(.instanceID)
            displayName = container.string(.displayName)
            base = container.object(.base)
            series = container.string(.series)
            constraints = container.string(.constraints)
            hardware = container.string(.hardware)
            containers = container.map(.containers)
            statusError = container.string(.statusError)
        }

        /// True once the provider has an instance and the machine agent runs.
        public var isStarted: Bool {
            jujuStatus?.current == "started" && instanceID != nil && instanceID != "pending"
        }

        /// `hardware` split into its `key=value` pairs (`cores`, `mem`, `availability-zone`…).
        public var hardwareCharacteristics: [String: String] {
            ConstraintString.pairs(hardware ?? "")
        }
    }
}
