"""Loading: files and YAML to models, with the position of every value kept for messages."""
