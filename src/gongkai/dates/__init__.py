"""Days and time limits: official working days, the statutory deadlines and update rules, and how a
date is written in Chinese. Below the content model: procurement chains, rules, pages and the
ledger all count with them."""
