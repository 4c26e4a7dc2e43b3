"""One module per pipeline stage: resolve the config, call the library, write outputs."""
