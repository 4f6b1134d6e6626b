// The PipelineConfig module.
