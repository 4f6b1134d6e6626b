// The WireCtlCommands module.
