"""File names from the pattern: any script, safe everywhere, bounded in bytes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from studio.core.filenames import (
    DEFAULT_PATTERN,
    MAX_NAME_BYTES,
    NameFields,
    check_pattern,
    preview,
    render_name,
    safe_name,
    slugify,
    unique_path,
)
from studio.core.settings import Settings, load_settings, save_settings

WHEN = time.mktime((2026, 11, 30, 9, 5, 0, 0, 0, -1))


def fields(prompt: str, **kw: object) -> NameFields:
    return NameFields(created_at=WHEN, job_id=7, prompt=prompt, ext="png", **kw)  # type: ignore[arg-type]


def test_default_pattern_gives_date_job_and_slug() -> None:
    name = render_name(DEFAULT_PATTERN, fields("A red fox, in the SNOW!"))
    assert name == "2026-11-30_7_a-red-fox-in-the-snow.png"


def test_chinese_prompt_keeps_its_characters() -> None:
    assert slugify("雪中的红狐，水彩画") == "雪中的红狐-水彩画"
    name = render_name(DEFAULT_PATTERN, fields("雪中的红狐 watercolour"))
    assert name == "2026-11-30_7_雪中的红狐-watercolour.png"


def test_slug_is_bounded_in_bytes_and_never_splits_a_character() -> None:
    slug = slugify("猫" * 100, max_bytes=10)
    assert slug == "猫猫猫" and len(slug.encode()) <= 10


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('a<b>c:d"e/f\\g|h?i*j.png', "a-b-c-d-e-f-g-h-i-j.png"),
        ("CON.png", "_CON.png"),
        ("nul.png", "_nul.png"),
        ("com1.tar.png", "_com1.tar.png"),
        ("name. . .png", "name.png"),
        ("tab\there\x00.png", "tab-here.png"),
        ("....png", "image.png"),
    ],
)
def test_names_are_safe_on_every_system(raw: str, expected: str) -> None:
    assert safe_name(raw, "png") == expected


def test_a_long_prompt_under_any_pattern_stays_under_the_byte_limit() -> None:
    pattern = "{prompt-slug}_{prompt-slug}_{prompt-slug}_{model}.{ext}"
    name = render_name(pattern, fields("很长的提示词" * 200, model="m" * 300))
    assert name.endswith(".png") and len(name.encode()) <= MAX_NAME_BYTES


def test_several_images_of_a_job_are_numbered() -> None:
    first = render_name(DEFAULT_PATTERN, fields("fox", index=1, count=2))
    second = render_name(DEFAULT_PATTERN, fields("fox", index=2, count=2))
    assert first.endswith("_fox-01.png") and second.endswith("_fox-02.png")
    assert render_name("{job}-{n}.{ext}", fields("fox", index=3, count=4)) == "7-03.png"


def test_pattern_checks_name_the_problem() -> None:
    assert check_pattern(DEFAULT_PATTERN) is None
    unknown = check_pattern("{date}_{colour}.{ext}")
    assert unknown is not None and "{colour}" in unknown.message
    assert check_pattern("sub/{job}") is not None
    assert check_pattern("{job") is not None
    assert check_pattern("  ") is not None
    # an unusable pattern falls back to the default instead of failing a save
    assert render_name("{nope}", fields("fox")) == render_name(DEFAULT_PATTERN, fields("fox"))


def test_preview_shows_an_example() -> None:
    expected = "gpt-image-2.6-sunburst_a-red-fox-in-the-snow-watercolour.png"
    assert preview("{model}_{prompt-slug}") == expected


def test_unique_path_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "fox.png").write_bytes(b"x")
    (tmp_path / "fox-2.png").write_bytes(b"x")
    assert unique_path(tmp_path, "fox.png") == tmp_path / "fox-3.png"
    assert unique_path(tmp_path, "new.png") == tmp_path / "new.png"


def test_the_pattern_is_a_setting_that_refuses_a_bad_value(tmp_path: Path) -> None:
    from studio.core.paths import resolve_paths

    paths = resolve_paths(tmp_path)
    settings = Settings()
    assert settings.file_pattern == DEFAULT_PATTERN
    settings.file_pattern = "{job}_{n}.{ext}"
    save_settings(paths, settings)
    loaded, problems = load_settings(paths)
    assert loaded.file_pattern == "{job}_{n}.{ext}" and not problems
    target = paths.settings_file
    target.write_text('{"file_pattern": "{bogus}"}', encoding="utf-8")
    loaded, problems = load_settings(paths)
    assert loaded.file_pattern == DEFAULT_PATTERN
    assert any("file_pattern" in p for p in problems)
