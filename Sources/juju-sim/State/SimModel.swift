/// A model: machines, applications, relations and consumed offers.
struct SimModel: Codable, Equatable {
    var name: String
    var uuid: String
    var type: String
    var isController: Bool
    var createdAt: Double
    /// Machine ids are never reused, as in Juju.
    var nextMachine: Int = 0
    var machines: [String: SimMachine] = [:]
    var applications: [String: SimApplication] = [:]
    var relations: [SimRelation] = []
    var nextRelationID: Int = 0
    /// Consumed offers ("SAAS"): local name → offer URL.
    var saas: [String: String] = [:]
    /// Faults recorded with `juju-sim sim-fault`, keyed by unit or application name.
    var faults: [String: UnitFault] = [:]
    var cloud: String?
    var region: String?
    var credential: String?
    var dyingUntil: Double?
    /// User secrets by id (`juju add-secret`); nil in states written before juju-sim had them.
    var secrets: [String: SimSecret]?

    var isKubernetes: Bool { type == "caas" }

    var info: SimModelInfo {
        SimModelInfo(name: name, uuid: uuid, type: type, isController: isController, createdAt: createdAt,
                     cloud: cloud, region: region, credential: credential, dyingUntil: dyingUntil)
    }

    init(name: String, uuid: String, type: String, isController: Bool = false, createdAt: Double) {
        self.name = name
        self.uuid = uuid
        self.type = type
        self.isController = isController
        self.createdAt = createdAt
    }
}
