"""Packaging files: icons rendered from the SVG, the .desktop entry and AppStream metadata."""

from __future__ import annotations

import configparser
import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"


def _make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pixel(image: Image.Image, x: int, y: int) -> tuple[int, ...]:
    value = image.getpixel((x, y))
    assert isinstance(value, tuple)
    return tuple(int(v) for v in value)


def test_committed_icons_exist_at_every_size() -> None:
    mk = _make_icons()
    for size in mk.SIZES:
        with Image.open(ICONS / f"image-studio-{size}.png") as im:
            assert im.size == (size, size)
            assert im.mode == "RGBA"
    with Image.open(ICONS / "image-studio.ico") as ico:
        assert {(s, s) for s in mk.ICO_SIZES} <= set(ico.info["sizes"])
    with Image.open(ICONS / "image-studio.icns") as icns:
        assert icns.format == "ICNS"


@pytest.mark.usefixtures("qapp")  # a QApplication first, so rendering never creates a bare one
def test_make_icons_renders_the_svg(tmp_path: Path) -> None:
    mk = _make_icons()
    written = mk.make_icons(ICONS / "image-studio.svg", tmp_path)
    assert {p.name for p in written} >= {"image-studio-16.png", "image-studio.ico"}
    with Image.open(tmp_path / "image-studio-256.png") as im:
        rgba = im.convert("RGBA")
        # rounded tile: transparent corner, opaque body, the white card in the middle
        assert _pixel(rgba, 0, 0)[3] == 0
        assert _pixel(rgba, 20, 128)[3] == 255
        r, g, b, a = _pixel(rgba, 64, 80)
        assert a == 255 and min(r, g, b) >= 240
    # the committed PNGs are what the SVG produces (regenerate with make_icons.py)
    for size in (16, 64):
        name = f"image-studio-{size}.png"
        with Image.open(tmp_path / name) as fresh, Image.open(ICONS / name) as committed:
            diff = ImageChops.difference(fresh.convert("RGBA"), committed.convert("RGBA"))
            extrema = diff.getextrema()
            assert all(isinstance(band, tuple) and band[1] <= 8 for band in extrema), name


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / "image-studio.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "image-studio"
    assert (ICONS / f"{entry['Icon']}.svg").exists()
    assert entry["Categories"].endswith(";")
    assert "Graphics" in entry["Categories"].split(";")


def test_appstream_metainfo() -> None:
    root = ET.parse(PACKAGING / "io.imagestudio.ImageStudio.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == "io.imagestudio.ImageStudio"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == "image-studio.desktop"
    assert root.findtext("project_license") == "MIT"
    binary = root.find("provides/binary")
    assert binary is not None and binary.text == "image-studio"
    release = root.find("releases/release")
    assert release is not None
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert release.get("version") == version


def test_spec_bundles_resources_and_both_entry_points() -> None:
    text = (PACKAGING / "image-studio.spec").read_text(encoding="utf-8")
    compile(text, "image-studio.spec", "exec")
    assert '"studio" / "__main__.py"' in text
    assert 'RESOURCES = ROOT / "resources"' in text
    assert 'launcher("image-studio", console=True)' in text
    assert 'launcher("image-studio-gui", console=False)' in text


def test_every_catalogue_the_build_makes_is_shipped() -> None:
    """The app loads ``studio_<lang>.qm`` for Chinese and for English (plural forms), the
    CLI ``cli_zh_CN.json``: the build script makes them all, the bundle takes every file
    of the package's resources but the .ts sources, and the wheel leaves out only the .ts."""
    import fnmatch
    import tomllib

    spec = importlib.util.spec_from_file_location("i18n_build", PACKAGING / "i18n_build.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    langs = (*build.LANGS, *build.PLURAL_LANGS)
    assert {"zh_CN", "en"} <= set(langs)
    translations = ROOT / "studio" / "resources" / "translations"
    shipped = [translations / f"studio_{lang}.qm" for lang in langs]
    # the command line's catalogue (read without Qt), one per translated language
    shipped += [translations / f"cli_{lang}.json" for lang in build.LANGS]
    assert all(qm.is_file() and qm.stat().st_size > 0 for qm in shipped)
    bundle = (PACKAGING / "image-studio.spec").read_text(encoding="utf-8")
    assert 'path.suffix not in {".ts", ".py", ".pyc"}' in bundle
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    excluded = wheel["tool"]["hatch"]["build"]["targets"]["wheel"]["exclude"]
    for qm in shipped:
        name = str(qm.relative_to(ROOT))
        assert not any(fnmatch.fnmatch(name, pattern) for pattern in excluded), name
