import ExternalStage
import WorkerRuntime

// The exec worker: a stage written in any language, as a child process speaking JSON lines.
await WorkerMain.run(worker: "wire-exec", summary: "Runs an external command as a stage (JSON lines on stdin/stdout).") { settings, _ in
    try ExternalStage(parameters: settings.parameters)
}
