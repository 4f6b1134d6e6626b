// The StageKit module.
