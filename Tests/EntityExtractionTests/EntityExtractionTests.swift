// Tests for EntityExtractionTests.
