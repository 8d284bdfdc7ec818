"""The domain core: entities, URL rules and site assembly. No I/O, no Jinja."""
