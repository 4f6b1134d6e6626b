import ArticleSchema
import Foundation
import StageKit
import StandardStages
import Testing
import TopicClassification
import TopicTraining

/// Another label set end to end: CSV → `TopicTraining.train` → model file → the classify stage's `model:` parameter,
/// with a rule label beside the model's labels.
@Suite struct CustomTaxonomyTests {
    static let csv = """
        label,title,description
        Weather,Storm warning for the coast,Heavy rain and gale force winds are forecast as the storm front moves inland tonight.
        Weather,Heatwave to last the week,Temperatures will stay above 35 degrees with sunshine and no rain until Sunday.
        Weather,Snow closes mountain passes,Forecasters expect more snow and freezing fog as the cold front settles.
        Weather,Flood alert after downpour,Rivers rose overnight after a month of rain fell in six hours of thunderstorms.
        Weather,Fog delays morning flights,Thick fog and frost kept planes grounded while temperatures hovered near freezing.
        Weather,Hurricane gains strength,The storm's winds reached 180 km/h and forecasters warned of a surge and heavy rain.
        Cooking,Slow-roasted lamb with garlic,Rub the lamb with garlic and rosemary and roast it for four hours until tender.
        Cooking,The perfect sourdough loaf,Feed the starter the night before and knead the dough with flour and salt.
        Cooking,Five-minute tomato sauce,Simmer tomatoes with olive oil and basil and season the sauce with salt.
        Cooking,Chocolate cake without eggs,"Whisk flour, sugar and cocoa then bake the batter in a buttered tin for 40 minutes."
        Cooking,Crisp roast potatoes,Parboil the potatoes and roast them in hot oil until golden and crisp.
        Cooking,Lemon tart recipe,"Blind bake the pastry then fill it with lemon curd made from eggs, sugar and butter."
        Gardening,Pruning roses in winter,Cut the stems back to an outward bud and mulch the beds with compost.
        Gardening,Sowing tomatoes indoors,Sow the seeds in trays of compost and keep the seedlings on a sunny windowsill.
        Gardening,A lawn without weeds,Feed the grass in spring and pull the weeds before they seed across the lawn.
        Gardening,Planting spring bulbs,Plant tulip and daffodil bulbs in autumn at twice their depth in the soil.
        Gardening,Compost in six weeks,Turn the heap weekly and mix green clippings with dry leaves for a fast compost.
        Gardening,Hedges for small gardens,Plant the hedge in a trench and water the young shrubs through the first summer.

        """

    @Test func trainedModelForAnotherLabelSetRunsInTheClassifyStage() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("taxonomy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("household.csv"), modelURL = dir.appendingPathComponent("household.wtc")
        try Self.csv.write(to: data, atomically: true, encoding: .utf8)

        var options = TopicTrainingOptions()
        options.bucketBits = 14
        let rows = try TopicDataset.load([data])
        #expect(rows.count == 18)
        try TopicTraining.train(rows, seed: 1, options: options, log: { _ in }).write(to: modelURL)

        let stage = try ClassifyStage(parameters: StageParameters([
            "model": .string(modelURL.path),
            "rules": .array([.object(["label": .string("Baking"), "keywords": .array([.string("bake")]), "score": .number(0.9)])]),
        ]))
        #expect(stage.version.hasSuffix("household.wtc"))
        let article = ArticleRecord(title: "Rain and wind tonight", body: "A storm brings heavy rain, gale force winds and a flood warning to the coast.")
        let topics = try #require(try await stage.process(article).topics)
        #expect(topics.first?.label == "Weather")
        #expect(Set(topics.map(\.label)) == ["Weather", "Cooking", "Gardening"])

        let baking = ArticleRecord(title: "Bread at home", body: "Knead the dough with flour and bake the loaf for 40 minutes.")
        let bakingTopics = try #require(try await stage.process(baking).topics)
        #expect(bakingTopics.first?.label == "Cooking")
        #expect(bakingTopics.contains { $0.label == "Baking" && abs($0.score - 0.9) < 1e-9 })
    }

    @Test func missingOrInvalidModelFileIsAClearConfigurationError() throws {
        let missing = "/nonexistent/\(UUID().uuidString).wtc"
        do {
            _ = try ClassifyStage(parameters: StageParameters(["model": .string(missing)]))
            Issue.record("a missing model file must be rejected")
        } catch let error as StageConfigurationError {
            #expect(error.description.contains("parameters.model"))
            #expect(error.description.contains(missing))
        }
        let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("garbage-\(UUID().uuidString).wtc")
        defer { try? FileManager.default.removeItem(at: garbage) }
        try Data("not a model".utf8).write(to: garbage)
        #expect(throws: StageConfigurationError.self) {
            try ClassifyStage(parameters: StageParameters(["model": .string(garbage.path)]))
        }
    }
}
