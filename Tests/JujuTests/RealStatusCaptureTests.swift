import Foundation
import Juju
import TenantCore
import XCTest

/// Every real `juju status` capture in Fixtures/juju-status (Juju 2.9 to 3.6, IaaS and k8s,
/// JSON and YAML) decodes with the decoder tenantctl uses, and reads what it should.
final class RealStatusCaptureTests: XCTestCase {
    /// The captures this suite asserts on: a new fixture must get assertions too.
    static let expected: Set<String> = [
        "cou-openstack-ussuri-focal-juju2.9.42.json",
        "jockey-charmed-k8s-core-lxd-juju3.1.5.json",
        "jockey-charmed-k8s-empty-apps-juju3.1.5.json",
        "jubilant-lxd-subordinates-blocked-juju2.9.52.json",
        "jubilant-lxd-subordinates-blocked-juju3.6.4.json",
        "jubilant-microk8s-hook-error-juju2.9.50.json",
        "jubilant-microk8s-snappass-juju2.9.50.json",
        "jubilant-microk8s-snappass-juju3.6.1.json",
        "juju-doctor-cos-lite-microk8s-offers-juju3.6.1.yaml",
        "juju-doctor-grafana-agent-vm-saas-error-juju3.5.4.yaml",
        "juju-doctor-workshop-microk8s-juju3.6.5.yaml",
    ]

    func testEveryCaptureDecodes() throws {
        let files = try Fixtures.statusFiles()
        XCTAssertEqual(Set(files), Self.expected, "fixtures and assertions must match one to one")
        for file in files {
            let status = try Fixtures.status(file)
            XCTAssertFalse(status.model.name.isEmpty, file)
            XCTAssertFalse(status.applications.isEmpty, file)
            for (name, application) in status.applications {
                XCTAssertFalse(application.charm.isEmpty, "\(file): \(name) has a charm")
                XCTAssertNotNil(application.applicationStatus, "\(file): \(name) has a status")
            }
        }
    }

    func testOpenStack29IaaSWithStringRelationsAndSeries() throws {
        let status = try Fixtures.status("cou-openstack-ussuri-focal-juju2.9.42.json")
        XCTAssertEqual(status.model.type, .iaas)
        XCTAssertEqual(status.model.version, "2.9.42")
        XCTAssertEqual(status.machines.count, 12)
        XCTAssertEqual(status.applications.count, 17)
        XCTAssertEqual(status.machines["0"]?.series, "focal")
        XCTAssertNil(status.machines["0"]?.base)
        XCTAssertEqual(status.machines["0"]?.hardwareCharacteristics["availability-zone"], "nova")
        XCTAssertEqual(status.unitCount(of: "mysql"), 3)
        let mysql = try XCTUnwrap(status.applications["mysql"])
        XCTAssertEqual(mysql.charmChannel, "8.0/stable")
        XCTAssertEqual(mysql.charmRevision, 56)
        // 2.9 shape: bare application names, read into the one relation type.
        XCTAssertEqual(mysql.relations["cluster"], [JujuStatus.RelationTarget(relatedApplication: "mysql")])
        XCTAssertEqual(mysql.relations["db-router"]?.count, 6)
        XCTAssertFalse(mysql.relations["db-router"]?.first?.isObjectShape ?? true)
        // 7 subordinate applications, their units found under the principals.
        XCTAssertEqual(status.applications.values.filter(\.isSubordinate).count, 7)
        XCTAssertEqual(status.applications["neutron-openvswitch"]?.subordinateTo, ["nova-compute"])
        XCTAssertEqual(Array(status.units(of: "neutron-openvswitch").keys), ["neutron-openvswitch/0"])
        XCTAssertEqual(status.leader(of: "nova-compute"), "nova-compute/0")
        XCTAssertTrue(status.units(of: "nova-compute").values.allSatisfy(\.health.isHealthy))
    }

    func testCharmedKubernetes315ObjectRelationsContainersAndBlockedSubordinates() throws {
        let status = try Fixtures.status("jockey-charmed-k8s-core-lxd-juju3.1.5.json")
        XCTAssertEqual(status.model.version, "3.1.5")
        XCTAssertEqual(Set(status.machines.keys), ["0", "1"])
        XCTAssertEqual(Array(status.machines["0"]!.containers.keys), ["0/lxd/0"])
        XCTAssertEqual(Set(status.allMachines.keys), ["0", "1", "0/lxd/0"])
        XCTAssertEqual(status.applications["easyrsa"]?.units["easyrsa/0"]?.machine, "0/lxd/0")
        XCTAssertEqual(status.applications["etcd"]?.units["etcd/0"]?.openPorts, ["2379/tcp"])
        let calico = status.units(of: "calico")
        XCTAssertEqual(Set(calico.keys), ["calico/0", "calico/1"])
        XCTAssertEqual(calico["calico/1"]?.workloadStatus?.current, "blocked")
        XCTAssertEqual(calico["calico/1"]?.health, .failed("blocked: ignore-loose-rpf config is in conflict with rp_filter value"))
        XCTAssertEqual(status.units(of: "containerd")["containerd/0"]?.workloadStatus?.message,
                       "containerd resource binary containerd-stress failed a version check")
        XCTAssertEqual(status.leader(of: "calico"), "calico/0")
        // 3.1.5 already writes relations as objects.
        XCTAssertEqual(status.applications["calico"]?.relations["cni"], [
            JujuStatus.RelationTarget(relatedApplication: "kubernetes-control-plane", interface: "kubernetes-cni", scope: "container"),
            JujuStatus.RelationTarget(relatedApplication: "kubernetes-worker", interface: "kubernetes-cni", scope: "container"),
        ])
        XCTAssertEqual(status.applications["calico"]?.relations["etcd"]?.first?.scope, "global")
        XCTAssertTrue(status.applications["calico"]?.relations["etcd"]?.first?.isObjectShape ?? false)
        XCTAssertEqual(status.applications["calico"]?.subordinateTo, ["kubernetes-control-plane", "kubernetes-worker"])
    }

    func testEmptyApplicationsHaveNoUnitsKey() throws {
        let status = try Fixtures.status("jockey-charmed-k8s-empty-apps-juju3.1.5.json")
        XCTAssertEqual(status.applications.count, 8)
        XCTAssertEqual(status.unitCount(of: "kubernetes-service-checks"), 0)
        XCTAssertEqual(status.unitCount(of: "nrpe"), 0)
        XCTAssertEqual(status.applications["nrpe"]?.applicationStatus?.current, "unknown")
        XCTAssertEqual(status.applications["kubernetes-control-plane"]?.applicationStatus,
                       StatusInfo(current: "waiting", message: "Waiting for 3 kube-system pods to start", since: "23 Mar 2024 13:39:46-06:00"))
    }

    func testSubordinatesBlockedOn29And36Agree() throws {
        let old = try Fixtures.status("jubilant-lxd-subordinates-blocked-juju2.9.52.json")
        let new = try Fixtures.status("jubilant-lxd-subordinates-blocked-juju3.6.4.json")
        // The same deployment numbered its nrpe units differently on each version.
        for (status, units) in [(old, ["nrpe/0", "nrpe/1"]), (new, ["nrpe/1", "nrpe/2"])] {
            XCTAssertEqual(status.applications["nrpe"]?.subordinateTo, ["ubun2", "ubuntu"])
            XCTAssertEqual(status.units(of: "nrpe").keys.sorted(), units)
            for unit in status.units(of: "nrpe").values {
                XCTAssertEqual(unit.workloadStatus?.current, "blocked")
                XCTAssertEqual(unit.workloadStatus?.message, "Nagios server not configured or related")
                XCTAssertEqual(unit.openPorts, ["icmp", "5666/tcp"])
                XCTAssertNil(unit.machine, "subordinate units carry no machine")
            }
            XCTAssertEqual(status.relationPairs, [["nrpe", "ubun2"], ["nrpe", "ubuntu"]])
        }
        XCTAssertEqual(old.machines["1"]?.series, "jammy")
        XCTAssertEqual(new.machines["1"]?.base, JujuBase(name: "ubuntu", channel: "24.04"))
        XCTAssertEqual(new.machines["1"]?.base?.description, "ubuntu@24.04")
        XCTAssertEqual(old.applications["nrpe"]?.relations["general-info"]?.map(\.relatedApplication), ["ubun2", "ubuntu"])
        XCTAssertEqual(new.applications["nrpe"]?.relations["general-info"]?.map(\.interface), ["juju-info", "juju-info"])
        XCTAssertEqual(CharmChannel.normalized(old.applications["ubuntu"]!.charmChannel!), new.applications["ubuntu"]!.charmChannel)
    }

    func testKubernetesHookErrorOn29() throws {
        let status = try Fixtures.status("jubilant-microk8s-hook-error-juju2.9.50.json")
        XCTAssertEqual(status.model.type, .caas)
        XCTAssertTrue(status.machines.isEmpty)
        let database = try XCTUnwrap(status.applications["database"])
        XCTAssertEqual(database.charm, "local:jammy/database-0")
        XCTAssertEqual(database.charmName, "database")
        XCTAssertEqual(database.charmOrigin, "local")
        XCTAssertNil(database.charmChannel)
        XCTAssertEqual(database.scale, 1)
        let unit = try XCTUnwrap(database.units["database/0"])
        XCTAssertEqual(unit.workloadStatus?.message, "hook failed: \"db-relation-created\" for webapp:db")
        XCTAssertEqual(unit.health, .failed("error: hook failed: \"db-relation-created\" for webapp:db"))
        XCTAssertEqual(unit.providerID, "database-0")
        XCTAssertEqual(status.applications["webapp"]?.units["webapp/0"]?.health,
                       .pending("workload unknown, agent idle"))
    }

    func testSnappassOn29And36() throws {
        let old = try Fixtures.status("jubilant-microk8s-snappass-juju2.9.50.json")
        let new = try Fixtures.status("jubilant-microk8s-snappass-juju3.6.1.json")
        XCTAssertEqual(old.applications["snappass-test"]?.series, "kubernetes")
        XCTAssertEqual(new.applications["snappass-test"]?.base?.description, "ubuntu@20.04")
        XCTAssertEqual(old.applications["snappass-test"]?.charmChannel, "stable")
        XCTAssertEqual(new.applications["snappass-test"]?.charmChannel, "latest/stable")
        XCTAssertTrue(CharmChannel.same("stable", "latest/stable"))
        for status in [old, new] {
            let app = try XCTUnwrap(status.applications["snappass-test"])
            XCTAssertEqual(app.scale, 1)
            XCTAssertEqual(app.charmRevision, 9)
            XCTAssertEqual(app.units["snappass-test/0"]?.leader, true)
            XCTAssertEqual(app.units["snappass-test/0"]?.address?.isEmpty, false)
        }
        XCTAssertEqual(new.applications["snappass-test"]?.units["snappass-test/0"]?.health, .healthy)
        XCTAssertEqual(new.controllerTimestamp, "12:04:55+13:00")
    }

    func testCOSLiteYAMLWithOffers() throws {
        let status = try Fixtures.status("juju-doctor-cos-lite-microk8s-offers-juju3.6.1.yaml")
        XCTAssertEqual(status.model.type, .caas)
        XCTAssertEqual(status.applications.count, 6)
        XCTAssertTrue(status.applications.values.allSatisfy { $0.scale == 1 })
        XCTAssertEqual(status.offers.count, 4)
        XCTAssertEqual(status.offers["loki-logging"]?.application, "loki")
        XCTAssertEqual(status.offers["loki-logging"]?.endpoints["logging"], JujuStatus.Endpoint(interface: "loki_push_api", role: "provider"))
        XCTAssertEqual(status.applications["loki"]?.relations["ingress"],
                       [JujuStatus.RelationTarget(relatedApplication: "traefik", interface: "ingress_per_unit", scope: "global")])
        XCTAssertEqual(status.applications["loki"]?.charmRevision, 181)
    }

    func testGrafanaAgentYAMLWithSAASAndHookError() throws {
        let status = try Fixtures.status("juju-doctor-grafana-agent-vm-saas-error-juju3.5.4.yaml")
        XCTAssertEqual(status.model.type, .iaas)
        XCTAssertEqual(Set(status.applicationEndpoints.keys), ["grafana-dashboard", "loki", "prometheus"])
        let loki = try XCTUnwrap(status.applicationEndpoints["loki"])
        XCTAssertEqual(loki.url, "k8s-nov08:admin/obc-502.loki")
        XCTAssertEqual(loki.relations["logging"]?.map(\.relatedApplication), ["agent", "agent-stable"])
        let agent = try XCTUnwrap(status.applications["agent"])
        XCTAssertEqual(agent.applicationStatus?.current, "error")
        XCTAssertEqual(agent.charmName, "grafana-agent")
        // Relations to SAAS applications carry no scope.
        let logging = try XCTUnwrap(agent.relations["logging-consumer"]?.first)
        XCTAssertEqual(logging.relatedApplication, "loki")
        XCTAssertNil(logging.scope)
        XCTAssertEqual(status.units(of: "agent")["agent/1"]?.workloadStatus?.message, "hook failed: \"upgrade-charm\"")
        XCTAssertEqual(status.units(of: "agent-stable")["agent-stable/0"]?.workloadStatus?.message, "tracing: off")
        XCTAssertEqual(status.machines["1"]?.base?.channel, "22.04", "YAML's quoted \"22.04\" stays text")
    }

    func testWorkshopYAML() throws {
        let status = try Fixtures.status("juju-doctor-workshop-microk8s-juju3.6.5.yaml")
        XCTAssertEqual(status.model.name, "doctor")
        XCTAssertEqual(status.model.controller, "microk8s-1")
        XCTAssertEqual(status.model.version, "3.6.5")
        XCTAssertEqual(status.applications["prometheus-k8s"]?.charmRevision, 234)
        XCTAssertEqual(status.applications["alertmanager-k8s"]?.charmRevision, 157)
        XCTAssertEqual(status.unitCount(of: "prometheus-k8s"), 1)
        XCTAssertTrue(status.applications.values.flatMap(\.units.values).allSatisfy(\.health.isHealthy))
    }

    /// What tenantctl stores in snapshots must read back the same.
    func testEveryCaptureRoundTripsThroughEncoding() throws {
        for file in try Fixtures.statusFiles() {
            let status = try Fixtures.status(file)
            let again = try JujuStatus.decode(json: try JSONEncoder().encode(status))
            XCTAssertEqual(again, status, file)
        }
    }
}
