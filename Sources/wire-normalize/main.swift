import StandardStages
import WorkerRuntime

// The normalize worker: the shared worker runtime around the `normalize` stage.
await WorkerMain.run(worker: "wire-normalize", summary: "Normalizes raw wire texts and HTML pages: clean text, title, language, date, byline.") { settings, context in
    try StandardStages.make(kind: "normalize", parameters: settings.parameters, context: context)
}
