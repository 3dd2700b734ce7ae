"""The version of poladder: in a module of its own, which every layer may read."""

__version__ = "0.1.0"
