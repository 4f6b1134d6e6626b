import ReadingStats
import WorkerRuntime

// The stats worker: the example of a stage added by deploying a new worker.
await WorkerMain.run(worker: "wire-stats", summary: "Adds word statistics and reading time (the example of an added stage).") { settings, _ in
    try ReadingStatsStage(parameters: settings.parameters)
}
