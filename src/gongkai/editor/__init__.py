"""The editor's tools: `new` (a document from the column's template) and `--fix` (the safe fixes
of the typography rules applied to the files)."""
