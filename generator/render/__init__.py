"""Site -> bytes: the plan of every output file, Jinja pages, feeds, vCards. Writes nothing."""
