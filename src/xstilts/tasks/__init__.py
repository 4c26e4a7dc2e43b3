"""The task registry (tasks and data sources as data) and the readers of every raw format."""
