"""What every rule may look at besides the documents: the site configuration and `today`."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from gongkai.config.settings import ConfigError, SiteConfig

TODAY_ENV = "GONGKAI_TODAY"


def today_from_env() -> dt.date:
    """The build day: `GONGKAI_TODAY=YYYY-MM-DD` for reproducible builds and tests, else the date."""
    value = os.environ.get(TODAY_ENV)
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"环境变量 {TODAY_ENV}={value} 不是日期：请写成 YYYY-MM-DD") from None


@dataclass(frozen=True)
class Context:
    config: SiteConfig
    today: dt.date
