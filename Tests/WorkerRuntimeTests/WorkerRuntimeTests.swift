// Tests for WorkerRuntimeTests.
