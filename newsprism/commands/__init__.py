"""One module per group of commands; `newsprism.cli` registers them on the application."""
