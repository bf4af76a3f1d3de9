"""The policy builder in the browser: the calls it makes into the engine, its questions from the schema, and the engine's zip."""
