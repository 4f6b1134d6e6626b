import WireBench
import WireCtlCommands

// The benchmark executable (`wirectl bench` runs it). The only binary that links the allocation counter.
await WireCtlExit.main(Bench.self)
