"""`python -m gongkai verify site/`: the built output searched for what must not be public."""
