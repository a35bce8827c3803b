/// `juju-sim --help`: what the test double is, its commands and its knobs.
enum Help {
    static func version(_ settings: SimSettings) -> String { "\(settings.agentVersion)-genericlinux-amd64" }

    static func text() -> String {
        let commands = CommandTable.all.map { command in
            let aliases = command.aliases.isEmpty ? "" : " (alias: \(command.aliases.joined(separator: ", ")))"
            return "  \(command.summary)\(aliases)"
        }.joined(separator: "\n")
        return """
        juju-sim — a test double for the juju CLI (Juju 3.6), used by tenantctl's tests, benchmark
        and demo where no Juju controller exists. It is not Juju: nothing is provisioned. It keeps a
        simulated world in $JUJU_SIM_HOME and answers with Juju's flags, JSON/YAML shapes, messages
        and exit codes (ERROR … on stderr; 1 for failures, 2 for usage errors).

        Usage: juju-sim <command> [options]   (point TENANTCTL_JUJU_BIN at this binary)

        Commands:
        \(commands)
          help

        Simulated time: units go allocating → executing (install hook) → idle, workloads
        waiting → maintenance → active, machines pending → started, over JUJU_SIM_SETTLE_SECONDS of
        wall time after each change; a refresh or config change runs a hook for half of it.

        Environment:
          JUJU_SIM_HOME                state directory (default $XDG_DATA_HOME/juju-sim)
          JUJU_SIM_SETTLE_SECONDS      seconds from a new unit to idle/active (default 1.5; 0 = at once)
          JUJU_SIM_LATENCY_MS          delay before every call, outside the state lock
          JUJU_SIM_FAIL_RATE           probability (0…1) that an API call fails with a connection error
          JUJU_SIM_SEED                seed of those draws (the n-th call of a run draws the same)
          JUJU_SIM_FAIL_COMMANDS       comma-separated commands the failure rate applies to (default all)
          JUJU_SIM_FAIL_MODE           before (default: nothing happens) or after (the change is made,
                                       then the reply is "lost")
          JUJU_SIM_HANG                comma-separated commands that hang (`*` for all)
          JUJU_SIM_HANG_SECONDS        bound the hang (default: until killed)
          JUJU_SIM_UNIT_FAULT          app/0=blocked:message;app=error:hook failed: "install";app/1=lost
                                       workload faults shown once units settle (also: sim-fault)
          JUJU_SIM_CHANNEL_REVISIONS   charm@channel=rev,charm=rev: the revision a channel publishes
                                       (default: a number derived from charm and channel)
          JUJU_SIM_SUBORDINATE_CHARMS  extra charms deployed as subordinates (nrpe, mysql-router… are)
          JUJU_SIM_AGENT_VERSION       agent version reported (default 3.6.4)
          JUJU_SIM_SNAP                1 (default): behave as the strictly confined snap, for which files
                                       outside $HOME's non-hidden folders do not exist; 0: read any file
          JUJU_SIM_DESTROY_SECONDS     how long destroy-model keeps a model dying before it is gone
                                       (default: the settle time); destroy-model waits for it, as juju does
          JUJU_SIM_CALL_LOG            file that gets each call's form (command, argument count, flags;
                                       no values), for the juju command contract test
          JUJU_SIM_ARGV_LOG            file that gets each call's whole command line, for the tests
                                       that prove no secret is ever in argv
          JUJU_MODEL, JUJU_CONTROLLER  as in juju

        Refused as Juju refuses them: a trusted bundle without --trust, refresh --switch with
        --revision, a bundle revision without a channel, export-bundle of a model without
        applications.

        Simplifications: one user (admin); no storage, resources, spaces or offers of its own;
        clouds named microk8s/k8s/kubernetes (or --sim-cloud-type=k8s) bootstrap Kubernetes
        controllers whose models are caas, other clouds machine (iaas) ones; endpoints left out of
        integrate are named after the other charm; a channel's revision is simulated (above).
        Deploying a bundle again only adds what is missing, as Juju does: bundle machines map to
        the machines already hosting the units placed on them (or, with --map-machines=existing,
        to the model machines of the same ids); --overlay and --dry-run are honoured.
        """
    }
}
