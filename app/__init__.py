"""MotCua — the one-stop counter application of Vietnam Social Security (BHXH)."""

__version__ = "0.1.0"
