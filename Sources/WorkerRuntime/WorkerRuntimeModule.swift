// The WorkerRuntime module.
