import WireSources

// wire-ingest: drop directories and feed URLs (pipelines.yaml `sources:`) into the pipeline's input topic.
await IngestMain.run()
