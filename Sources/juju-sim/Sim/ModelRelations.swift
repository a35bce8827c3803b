/// Relations, including the subordinate (container-scoped) ones that create units.
extension SimModel {
    /// `app` or `app:endpoint` into an endpoint. When the endpoint is left out, Juju infers it
    /// from the charms' metadata; juju-sim has none, so it names the endpoint after the other
    /// side's charm (`juju-info` for subordinates), which is stable and readable.
    func endpoint(_ text: String, other: String) throws -> SimRelation.Endpoint {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let app = parts[0]
        guard applications[app] != nil || saas[app] != nil else { throw SimError.applicationNotFound(app) }
        if parts.count == 2 { return SimRelation.Endpoint(application: app, name: parts[1]) }
        let otherApp = String(other.split(separator: ":")[0])
        if applications[app]?.subordinate == true || applications[otherApp]?.subordinate == true {
            return SimRelation.Endpoint(application: app, name: "juju-info")
        }
        let name = applications[otherApp].map { CharmStore.charmName($0.charm) } ?? otherApp
        return SimRelation.Endpoint(application: app, name: name)
    }

    func findRelation(_ first: String, _ second: String) throws -> Int? {
        let wanted = [try endpoint(first, other: second), try endpoint(second, other: first)]
        let explicit = [first.contains(":"), second.contains(":")]
        return relations.firstIndex { relation in
            // Both orders; an endpoint left out on the command line matches any endpoint.
            [[0, 1], [1, 0]].contains { order in
                (0..<2).allSatisfy { side in
                    let candidate = relation.endpoints[order[side]]
                    return candidate.application == wanted[side].application
                        && (!explicit[side] || candidate.name == wanted[side].name)
                }
            }
        }
    }

    @discardableResult
    mutating func integrate(_ first: String, _ second: String, at now: Double) throws -> SimRelation {
        let ends = [try endpoint(first, other: second), try endpoint(second, other: first)]
        let description = ends.map(\.description).joined(separator: " ")
        if try findRelation(first, second) != nil {
            throw SimError.failure("cannot add relation \"\(description)\": relation \(description) already exists")
        }
        let subordinates = ends.map { applications[$0.application]?.subordinate == true }
        let container = subordinates[0] != subordinates[1] && ends.allSatisfy { applications[$0.application] != nil }
        // Without charm metadata the interface is named after the endpoint (`juju-info` when
        // a subordinate relation names none).
        let relation = SimRelation(id: nextRelationID, endpoints: ends, interface: ends[0].name,
                                   scope: container ? "container" : "global")
        nextRelationID += 1
        relations.append(relation)
        if container, let principal = ends.first(where: { applications[$0.application]?.subordinate == false }) {
            for unit in applications[principal.application]?.sortedUnits ?? [] {
                attachSubordinates(to: unit.name, at: now)
            }
        }
        return relation
    }

    mutating func removeRelation(_ first: String, _ second: String) throws {
        guard let index = try findRelation(first, second) else {
            throw SimError.failure("relation \"\(first) \(second)\" not found")
        }
        let relation = relations.remove(at: index)
        guard relation.scope == "container",
              let subordinate = relation.endpoints.first(where: { applications[$0.application]?.subordinate == true }),
              let principal = relation.other(than: subordinate.application) else { return }
        for unit in (applications[subordinate.application]?.units ?? [:]).values
        where unit.principal?.hasPrefix(principal.application + "/") == true {
            applications[subordinate.application]?.units[unit.name] = nil
        }
    }

    /// The principals a subordinate is attached to (`subordinate-to` in status).
    func principals(of subordinate: String) -> [String] {
        relations.filter { $0.scope == "container" && $0.involves(subordinate) }
            .compactMap { $0.other(than: subordinate)?.application }
            .sorted()
    }
}
