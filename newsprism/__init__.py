"""newsprism, the application shell: the command line, the HTTP API and pages, settings, the demo
newsroom, and the pipeline that wires crawler, storage and compare together."""

__version__ = "0.1.0"
