"""One module per record field family; each reads a Report and returns the fields it fills."""
