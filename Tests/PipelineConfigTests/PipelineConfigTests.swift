// Tests for PipelineConfigTests.
