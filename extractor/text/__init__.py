"""Text machinery every field shares: the normalised view, numerals, line layout, the section tree, splitting a file into reports."""
