import DNSPlanning
import Foundation

/// CreateHostedZone, for a domain tenantctl just bought: Route 53 Domains usually makes the zone
/// itself (moto does too), so an existing public zone of that name is success. The caller
/// reference is derived from the name: a retry after a lost answer is refused by Route 53
/// (`HostedZoneAlreadyExists`) instead of making a second zone.
extension Route53Provider {
    /// Returns false when the zone was already there.
    @discardableResult
    public func createHostedZone(_ zone: String) async throws -> Bool {
        let name = DNSName.normalized(zone)
        do {
            _ = try await zoneID(name)
            return false
        } catch let error as DNSProviderError where error.kind == .zoneNotFound {}
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">\
            <Name>\(XMLText.escape(name)).</Name><CallerReference>tenantctl-\(XMLText.escape(name))</CallerReference>\
            <HostedZoneConfig><Comment>made by tenantctl for a registered domain</Comment><PrivateZone>false</PrivateZone></HostedZoneConfig>\
            </CreateHostedZoneRequest>
            """
        let response = try await api.send(.post, "/hostedzone", body: body)
        if response.isSuccess { return true }
        if Route53Decoding.error(response.data)?.code == "HostedZoneAlreadyExists" { return false }
        throw api.failure(response, doing: "creating the hosted zone \(name)")
    }
}
