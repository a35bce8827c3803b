import Foundation

// tenantctl-bench: `make bench`. See BenchOptions.usage.

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("tenantctl-bench: \(message)\n".utf8))
    exit(status)
}

if CommandLine.arguments.count > 1, CommandLine.arguments[1] == MeasuringHelper.flag {
    MeasuringHelper.main(Array(CommandLine.arguments.dropFirst()))
}

let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error)\n\n\(BenchOptions.usage)", status: 2)
}
if options.help {
    print(BenchOptions.usage)
    exit(0)
}

do {
    if options.onlyServe {
        let figures = try Benchmark(options: options).runServeOnly()
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(figures), as: UTF8.self))
        } else {
            print(ReportText.serveSection(figures), terminator: "")
        }
        exit(0)
    }
    let report = try Benchmark(options: options).run()
    if options.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
        print(ReportText.render(report), terminator: "")
    }
    exit(options.strict && !report.withinBudgets ? 3 : 0)
} catch {
    if let signal = Interruption.shared.receivedSignal {
        fail("interrupted by signal \(signal)\(options.keep ? "" : "; work directory removed")", status: 128 + signal)
    }
    fail("error: \(error)", status: 1)
}
