"""Everything that touches the output folder."""
