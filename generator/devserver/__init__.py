"""The dev server: `serve` builds in memory, serves on 127.0.0.1, rebuilds on change, reloads the browser."""
