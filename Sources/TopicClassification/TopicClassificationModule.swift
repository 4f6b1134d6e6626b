// The TopicClassification module.
