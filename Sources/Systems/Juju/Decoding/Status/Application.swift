extension JujuStatus {
    /// An application of the model, with its own units (subordinates have none of their own:
    /// theirs sit under their principals' units, see `JujuStatus.units(of:)`).
    public struct Application: Codable, Hashable, Sendable {
        /// Charmhub charms show the bare name; local charms a `local:` URL; old ones `cs:…`.
        public var charm: String
        public var charmName: String
        /// `charmhub`, `local`, `charmstore`.
        public var charmOrigin: String?
        /// As Juju prints it: `stable` (2.9, 3.1) or `latest/stable` (3.6); absent for local
        /// charms. Compare through `CharmChannel.normalized` (TenantCore).
        public var charmChannel: String?
        public var charmRevision: Int?
        public var charmVersion: String?
        public var canUpgradeTo: String?
        /// Juju 3.
        public var base: JujuBase?
        /// Juju 2.9 (`focal`, or `kubernetes` for podspec-era k8s charms).
        public var series: String?
        public var exposed: Bool
        public var life: String?
        /// The workload's own version (`21.2.4`), not the charm's.
        public var workloadVersion: String?
        public var applicationStatus: StatusInfo?
        /// Kubernetes only: the desired number of units.
        public var scale: Int?
        public var providerID: String?
        /// Kubernetes only: the service address.
        public var address: String?
        /// For subordinate applications: the principals they attach to.
        public var subordinateTo: [String]
        /// Endpoint of this application → the other ends.
        public var relations: [String: [RelationTarget]]
        /// Missing (not empty) in Juju's output when the application has no units of its own.
        public var units: [String: Unit]
        public var endpointBindings: [String: String]
        public var statusError: String?

        public init(charm: String, charmName: String? = nil, charmOrigin: String? = "charmhub", charmChannel: String? = nil,
                    charmRevision: Int? = nil, base: JujuBase? = nil, series: String? = nil, exposed: Bool = false,
                    applicationStatus: StatusInfo? = nil, scale: Int? = nil, subordinateTo: [String] = [],
                    relations: [String: [RelationTarget]] = [:], units: [String: Unit] = [:]) {
            self.charm = charm
            self.charmName = charmName ?? Application.name(fromCharm: charm)
            self.charmOrigin = charmOrigin
            self.charmChannel = charmChannel
            self.charmRevision = charmRevision
            self.base = base
            self.series = series
            self.exposed = exposed
            self.applicationStatus = applicationStatus
            self.scale = scale
            self.subordinateTo = subordinateTo
            self.relations = relations
            self.units = units
            self.endpointBindings = [:]
        }

        enum CodingKeys: String, CodingKey {
            case charm, base, series, exposed, life, scale, address, relations, units
            case charmName = "charm-name"
            case charmOrigin = "charm-origin"
            case charmChannel = "charm-channel"
            case charmRevision = "charm-rev"
            case charmVersion = "charm-version"
            case canUpgradeTo = "can-upgrade-to"
            case workloadVersion = "version"
            case applicationStatus = "application-status"
            case providerID = "provider-id"
            case subordinateTo = "subordinate-to"
            case endpointBindings = "endpoint-bindings"
            case statusError = "status-error"
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            charm = container.string(.charm) ?? ""
            charmName = container.string(.charmName) ?? Application.name(fromCharm: charm)
            charmOrigin = container.string(.charmOrigin)
            charmChannel = container.string(.charmChannel)
            charmRevision = container.int(.charmRevision)
            charmVersion = container.string(.charmVersion)
            canUpgradeTo = container.string(.canUpgradeTo)
            base = container.object(.base)
            series = container.string(.series)
            exposed = container.bool(.exposed) ?? false
            life = container.string(.life)
            workloadVersion = container.string(.workloadVersion)
            applicationStatus = container.object(.applicationStatus)
            scale = container.int(.scale)
            providerID = container.string(.providerID)
            address = container.string(.address)
            subordinateTo = container.strings(.subordinateTo)
            relations = container.relations(.relations)
            units = container.map(.units)
            endpointBindings = container.stringMap(.endpointBindings)
            statusError = container.string(.statusError)
        }

        public var isSubordinate: Bool { !subordinateTo.isEmpty }

        /// `local:jammy/database-0` → `database`, `ch:amd64/focal/nova-compute-671` →
        /// `nova-compute`, `ubuntu` → `ubuntu`: what `charm-name` says when a status lacks it.
        public static func name(fromCharm charm: String) -> String {
            var name = charm
            if let colon = name.firstIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
            if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
            if let dash = name.lastIndex(of: "-"), Int(name[name.index(after: dash)...]) != nil, charm.contains(":") {
                name = String(name[..<dash])
            }
            return name
        }

        /// Every related application, whatever the endpoint, without duplicates, sorted.
        public var relatedApplications: [String] {
            Array(Set(relations.values.flatMap { $0.map(\.relatedApplication) })).sorted()
        }
    }
}
