// The StandardStages module.
