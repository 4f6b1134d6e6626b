// Tests for DeduplicationTests.
