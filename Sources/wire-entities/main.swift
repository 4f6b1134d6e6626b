import StandardStages
import WorkerRuntime

// The entities worker: the shared worker runtime around the `entities` stage.
await WorkerMain.run(worker: "wire-entities", summary: "Finds people, organizations, places, dates and amounts, with canonical names.") { settings, context in
    try StandardStages.make(kind: "entities", parameters: settings.parameters, context: context)
}
