import ArgumentParser
import Foundation
import NormalizationEvaluation
import WireCtlCommands

/// `wirectl bench extraction`: single-core speed of the normalize stage's logic on real HTML pages.
struct BenchExtraction: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction",
        abstract: "Pages/s and MB/s of HTML normalization (and of the extractor alone) on one core, over a directory of pages.",
        discussion: "Build with -c release. Prints the range over --passes timed passes after one warm-up pass.")
    @Option(help: "Directory of .html pages (e.g. ../shared/data/extraction/pages).") var pages: String
    @Option(help: "Timed passes over all pages.") var passes = 5

    func validate() throws {
        guard passes >= 1 else { throw ValidationError("--passes must be at least 1, got \(passes)") }
    }

    func run() async throws {
        let loaded: [String]
        do { loaded = try ExtractionBenchmark.loadPages(URL(fileURLWithPath: pages)) } catch { throw CommandFailure("\(error)", code: 2) }
        print(ExtractionBenchmark.run(pages: loaded, passes: passes))
    }
}
