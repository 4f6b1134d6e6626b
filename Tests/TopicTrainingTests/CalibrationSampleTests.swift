import Foundation
import Testing
@testable import TopicClassification
@testable import TopicTraining

@Suite struct CalibrationSampleTests {
    @Test func capAtOrAboveTheDataSizeChangesNothing() throws {
        let rows = TrainingTests.corpus(seed: 21, perLabel: 30)
        var options = TopicTrainingOptions()
        options.bucketBits = 12
        options.calibrationMaxRows = 0
        let all = try TopicTraining.train(rows, seed: 4, options: options) { _ in }
        options.calibrationMaxRows = rows.count
        let capped = try TopicTraining.train(rows, seed: 4, options: options) { _ in }
        #expect(ModelFile.encode(all.classifier.parameters) == ModelFile.encode(capped.classifier.parameters))
    }

    @Test func smallCapStillFitsAUsableTemperature() throws {
        let rows = TrainingTests.corpus(seed: 22, perLabel: 40)
        var options = TopicTrainingOptions()
        options.bucketBits = 12
        options.calibrationMaxRows = 30
        var lines: [String] = []
        let model = try TopicTraining.train(rows, seed: 4, options: options) { lines.append($0) }
        let t = model.classifier.parameters.temperature
        #expect(t.isFinite && t > 0)
        #expect(lines.contains { $0.hasPrefix("calibration:") })
        let test = TrainingTests.corpus(seed: 23, perLabel: 20)
        #expect(TopicEvaluation.evaluate(test, classifier: model.classifier).accuracy > 0.95)
    }
}
