"""The history store: assessments (and what else a person keeps) in SQLite, beside the core."""
