// Tests for TopicClassificationTests.
