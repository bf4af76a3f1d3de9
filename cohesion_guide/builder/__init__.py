"""The policy builder in the browser: the calls it makes into the engine, its questions, the engine's zip."""
