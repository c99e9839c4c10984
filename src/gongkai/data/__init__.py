"""Reference data as YAML (columns, …), read with importlib.resources."""
