"""The ground floor of matching: regex facts, pattern pre-filters, clause and list readers used by several fields."""
