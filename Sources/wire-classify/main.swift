import StandardStages
import WorkerRuntime

// The classify worker: the shared worker runtime around the `classify` stage.
await WorkerMain.run(worker: "wire-classify", summary: "Scores topics with a trained model plus rule-based newsroom labels.") { settings, context in
    try StandardStages.make(kind: "classify", parameters: settings.parameters, context: context)
}
