// The Deduplication module.
