/// What one system observed: Juju's models, Vault's metadata, a DNS provider's zones. The pure
/// planning half of the system reads it; snapshots (`tenantctl observe`) record it as JSON.
public protocol SystemObservation: Sendable, Encodable {}

/// Everything observed for one plan, by system name.
public struct ObservedWorld: Sendable {
    public var systems: [String: any SystemObservation]

    public init(systems: [String: any SystemObservation] = [:]) {
        self.systems = systems
    }

    /// The observation of `system`, when it was observed and has the type its planner expects.
    public func observation<Observation: SystemObservation>(of system: String, as type: Observation.Type = Observation.self) -> Observation? {
        systems[system] as? Observation
    }
}
