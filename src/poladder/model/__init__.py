"""The formats: pydantic models of the ladder, a profile and the results poladder prints."""
