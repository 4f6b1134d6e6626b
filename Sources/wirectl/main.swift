import WireCtlCommands

// Exit codes are part of the command-line contract: 0 success, 2 usage or configuration error, 1 otherwise.
await WireCtlExit.main(WireCtl.self)
