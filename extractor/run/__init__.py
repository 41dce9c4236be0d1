"""Running extraction over inputs: the Python API, engines (processes, Dask), resumable runs, progress."""
