"""Background jobs: the queue (one adapter over Huey, embedded SQLite or Redis), the
task functions (thin: they call services) and the worker entry point."""
