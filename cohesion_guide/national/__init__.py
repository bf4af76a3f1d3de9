"""The national edition: every open state-funded school in England from one register extract, built as
one site per authority (the fork model), in shards that run anywhere, assembled under a national home."""
