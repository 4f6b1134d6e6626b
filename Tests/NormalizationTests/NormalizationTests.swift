// Tests for NormalizationTests.
