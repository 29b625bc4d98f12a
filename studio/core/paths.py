"""Where settings, history, images, journals and logs live.

``--home DIR`` or ``IMAGE_STUDIO_HOME`` puts everything under one folder
(scripts, tests, portable use); otherwise the platform's standard locations.
The GUI and the CLI use this same module, so both see one history.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from studio import APP_ID, ORG_NAME

HOME_ENV = "IMAGE_STUDIO_HOME"


@dataclass(frozen=True)
class Paths:
    """Where the studio keeps its settings and its data."""

    config_dir: Path
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def capabilities_override(self) -> Path:
        return self.config_dir / "capabilities.toml"

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def prompt_library_db(self) -> Path:
        return self.data_dir / "prompts.sqlite3"

    @property
    def images_dir(self) -> Path:
        return self.data_dir / "images"

    @property
    def group_inputs_dir(self) -> Path:
        """The pictures comparisons of edits edit (:mod:`studio.core.group_inputs`)."""
        return self.data_dir / "group-inputs"

    @property
    def thumbnails_dir(self) -> Path:
        return self.data_dir / "thumbnails"

    @property
    def cache_dir(self) -> Path:
        """What the studio can make again from its own files (the parsed tables)."""
        return self.data_dir / "cache"

    @property
    def journal_dir(self) -> Path:
        return self.data_dir / "journal"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    def ensure(self) -> Paths:
        for d in (self.config_dir, self.data_dir, self.images_dir, self.journal_dir, self.logs_dir):
            d.mkdir(parents=True, exist_ok=True)
        return self


def resolve_paths(home: str | os.PathLike[str] | None = None) -> Paths:
    """The locations for ``home`` (``--home``), ``$IMAGE_STUDIO_HOME``, or the platform's."""
    chosen = home if home is not None else os.environ.get(HOME_ENV) or None
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return Paths(config_dir=root / "config", data_dir=root / "data")
    import platformdirs  # only without a chosen home (~40 ms to import)

    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_ID, ORG_NAME)),
        data_dir=Path(platformdirs.user_data_dir(APP_ID, ORG_NAME)),
    )
