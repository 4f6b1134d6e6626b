import StandardStages
import WorkerRuntime

// The dedupe worker: the shared worker runtime around the `dedupe` stage.
await WorkerMain.run(worker: "wire-dedupe", summary: "Flags exact and near-duplicate articles against everything seen in the retention window.") { settings, context in
    try StandardStages.make(kind: "dedupe", parameters: settings.parameters, context: context)
}
