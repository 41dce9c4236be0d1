"""Where records go: tables, CSV / Excel, databases, the viewer."""
