import Foundation
import Testing
import TopicClassification
@testable import TopicTraining

/// Regression floor of the shipped recipe on AG News data. The development figure (MODEL.md: the recipe trained on
/// 62,532 rows of train.csv + train-extra.csv, scored on their stratified tenth) takes minutes in a debug build, so
/// this runs the same recipe on `train.csv` alone: trained on a stratified 9/10 (5,130 rows), scored on the held-out
/// tenth (572 rows, seed 6) — `wirectl eval classifier --csv ../shared/data/ag_news/train.csv --holdout`.
@Suite struct HoldoutAccuracyTests {
    static let pool: URL = {
        // Tests/TopicTrainingTests/<file> -> repo root -> ../shared/data
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data/ag_news/train.csv")
    }()

    @Test func shippedRecipeHeldOutAccuracy() throws {
        let report = try TopicRecipe.holdoutAccuracy(files: [Self.pool], seed: TopicRecipe.seed)
        print(report)
        #expect(report.count == 572)
        // Guards the measured accuracy 0.8811 (log-loss 0.3914) (release and debug alike: training is deterministic). The floor sits 0.015
        // below it: about one standard error of 572 rows (0.013) plus rounding, so a recipe change that costs more
        // than that fails here; smaller changes are judged on the development split (MODEL.md).
        #expect(report.accuracy >= 0.866)
        #expect(report.logLoss < 0.42)
        #expect(report.perLabel.allSatisfy { $0.f1 > 0.8 })
    }
}
