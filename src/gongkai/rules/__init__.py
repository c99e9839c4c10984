"""The rule families (GK1xx–GK5xx), one module each, with the text scanners and wording tables
they use; `catalog` loads them all into the registry of `gongkai.findings`."""
