"""poladder: a command-line career-path advisor for the Product Owner career ladder."""

__version__ = "0.1.0"
