"""Text on disk -> validated records. Only reader.py touches the disk."""
