/// juju-sim: a test double for the `juju` CLI, standing in for Juju 3.6 wherever tenantctl's
/// tests, benchmark and demo need a Juju and none exists.
///
/// It answers the commands tenantctl runs (`bootstrap`, `controllers`, `models`, `add-model`,
/// `destroy-model`, `status`, `add-machine`, `deploy`, `refresh`, `add-unit`, `remove-unit`,
/// `scale-application`, `config`, `integrate`, `remove-relation`, `remove-application`,
/// `remove-machine`, `export-bundle`) with Juju's flags, JSON/YAML shapes, error texts and exit
/// codes, keeping a simulated world in `$JUJU_SIM_HOME/state.json`. Each invocation is a
/// process; concurrent ones serialize their read-modify-write with `flock`, so parallel calls
/// lose no update. Statuses are derived from how long ago each change happened
/// (`JUJU_SIM_SETTLE_SECONDS`), so health gates see units converge over time. Faults (latency,
/// transient failures, hangs, blocked or failed units) are injected through `JUJU_SIM_*`
/// variables; see `juju-sim --help` (`Help.swift`) for the full list.
///
/// It provisions nothing and models no storage, resources, spaces or charm metadata; where
/// Juju would read a charm (endpoints, subordinate-ness, the latest revision of a channel) it
/// uses documented stand-ins.
import Foundation

let exitCode = JujuSim.run(Array(CommandLine.arguments.dropFirst()))
exit(exitCode)
