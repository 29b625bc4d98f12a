"""CLI: --out names files by the pattern and embeds parameters; `info` reads any image."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from studio.core.metadata_read import read_metadata_file
from tests.core import metadata_samples as samples
from tests.test_cli import one_json, run_cli


def test_out_writes_pattern_names_with_parameters_and_info_reads_them(
    studio_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        proc = run_cli(
            "generate", "雪中的红狐 at dawn", "--model", "gpt-image-2.6-sunburst",
            "--size", "1024x1536", "--quality", "low", "-n", "2", "--out", str(out), "--json",
            home=studio_home,
        )  # fmt: skip
    finally:
        os.umask(old)
    assert proc.returncode == 0, proc.stderr
    data = one_json(proc)
    paths = [Path(i["path"]) for i in data["images"]]
    job = data["history_id"]
    assert [p.name.split("_", 1)[1] for p in paths] == [
        f"{job}_雪中的红狐-at-dawn-01.png",
        f"{job}_雪中的红狐-at-dawn-02.png",
    ]
    for path in paths:
        assert path.parent == out.resolve()
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        found = read_metadata_file(path).settings
        assert found is not None and found.prompt == "雪中的红狐 at dawn"
        assert (found.model, found.size, found.quality) == (
            "gpt-image-2.6-sunburst",
            "1024x1536",
            "low",
        )

    info = run_cli("info", str(paths[0]), "--json", home=studio_home)
    assert info.returncode == 0, info.stderr
    report = one_json(info)
    assert report["ok"] is True and report["format"] == "png"
    assert report["settings"]["prompt"] == "雪中的红狐 at dawn"
    assert report["settings"]["source"] == "Image Studio"
    assert report["settings"]["provider"] == "sandbox"
    assert report["content_credentials"] is False
    text = run_cli("info", str(paths[0]), home=studio_home)
    assert "prompt: 雪中的红狐 at dawn" in text.stdout and "size: 1024x1536" in text.stdout


def test_no_metadata_writes_the_providers_bytes(studio_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain"
    proc = run_cli(
        "generate", "a kettle", "--model", "gpt-image-2.6-sunburst", "--quality", "low",
        "--out", str(out), "--no-metadata", "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = one_json(proc)
    saved = Path(data["images"][0]["path"])
    history = one_json(run_cli("history", "--json", home=studio_home))
    stored = Path(history["jobs"][0]["images"][0])  # the provider's bytes, as stored
    assert saved.read_bytes() == stored.read_bytes()
    assert read_metadata_file(saved).settings is None


def test_info_reads_other_tools_and_refuses_what_is_not_an_image(
    studio_home: Path, tmp_path: Path
) -> None:
    comfy = tmp_path / "comfy.png"
    comfy.write_bytes(samples.comfy_png())
    report = one_json(run_cli("info", str(comfy), "--json", home=studio_home))
    assert report["settings"]["source"] == "ComfyUI"
    assert report["settings"]["seed"] == 156680208700286
    signed = tmp_path / "signed.jpg"
    signed.write_bytes(samples.c2pa_jpeg())
    report = one_json(run_cli("info", str(signed), "--json", home=studio_home))
    assert report["content_credentials"] is True and report["settings"] is None
    text = run_cli("info", str(signed), home=studio_home).stdout
    assert "no parameters the studio reads" in text and "present (not verified)" in text
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not an image")
    proc = run_cli("info", str(junk), "--json", home=studio_home)
    assert (
        proc.returncode == 2
        and "PNG, JPEG, WebP, GIF and SVG" in one_json(proc)["error"]["message"]
    )
    missing = run_cli("info", str(tmp_path / "nope.png"), home=studio_home)
    assert missing.returncode == 2 and "could not be read" in missing.stderr


def test_out_naming_a_file_is_refused_before_anything_is_sent(
    studio_home: Path, tmp_path: Path
) -> None:
    taken = tmp_path / "taken.png"
    taken.write_bytes(b"mine")
    for out in (taken, taken / "sub"):
        proc = run_cli(
            "generate", "x", "--model", "gpt-image-2.6-sunburst", "--out", str(out), "--json",
            home=studio_home,
        )  # fmt: skip
        assert proc.returncode == 2, proc.stdout + proc.stderr
        error = one_json(proc)["error"]
        assert error["kind"] == "validation" and "not a folder" in error["message"]
    assert taken.read_bytes() == b"mine"
    listing = run_cli("history", "--json", home=studio_home)
    assert one_json(listing)["jobs"] == []  # nothing was sent


def test_info_on_a_file_it_cannot_read_says_only_why(studio_home: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    for path, why in (
        (tmp_path / "missing.png", "No such file or directory"),
        (text, "PNG, JPEG, WebP, GIF and SVG"),
    ):
        proc = run_cli("info", str(path), home=studio_home)
        assert proc.returncode == 2
        assert proc.stdout == ""
        (line,) = proc.stderr.splitlines()
        assert line.startswith(f"error: {path}: ") and why in line, line


@pytest.mark.parametrize("fmt", ["gif", "svg"])
def test_out_embeds_parameters_in_gifs_and_svgs_and_info_reads_them(
    studio_home: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    proc = run_cli(
        "generate", "a dancing fox", "--model", "gpt-image-2.6-flare", "--size", "1024x1024",
        "--output-format", fmt, "--out", str(out), "--json", home=studio_home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    path = Path(one_json(proc)["images"][0]["path"])
    assert path.suffix == f".{fmt}"
    info = run_cli("info", str(path), "--json", home=studio_home)
    assert info.returncode == 0, info.stderr
    report = one_json(info)
    assert report["ok"] is True and report["format"] == fmt and report["problems"] == []
    settings = report["settings"]
    assert settings["source"] == "Image Studio" and settings["prompt"] == "a dancing fox"
    assert settings["model"] == "gpt-image-2.6-flare" and settings["provider"] == "sandbox"
    assert settings["params"]["output_format"] == fmt
    text = run_cli("info", str(path), home=studio_home).stdout
    assert f"{path}: {fmt}" in text and "prompt: a dancing fox" in text
    assert "model: gpt-image-2.6-flare" in text
