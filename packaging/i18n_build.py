"""Regenerate the translation catalogue: ``uv run python packaging/i18n_build.py``.

Runs ``pyside6-lupdate`` over every UI module (and ``studio/app.py``) to update
``studio/resources/translations/studio_zh_CN.ts`` (translations already there are
kept; no source locations, so that parallel changes to the UI do not all collide on
line numbers), then ``pyside6-lrelease`` to compile the ``.qm`` the app loads.

The command line never loads Qt: its texts (``translate("cli", ...)`` in
``studio/cli*.py``) are extracted into the same catalogue, and ``cli_zh_CN.json`` is
written from the finished translations of the ``cli`` and ``core`` contexts, for
:mod:`studio.cli_text` to read (``--cli-json``: only that, from the ``.ts`` as it is).

English is the source language, but "%n prompt(s)" needs a catalogue to say "1 prompt"
and "2 prompts": ``studio_en.ts`` holds only the messages with a count (lupdate's
``-pluralonly``), each with its singular and plural form.

A string that moved to another class (a module split in two) keeps its translation:
lupdate files it under the new class as unfinished, and the build fills it from the
translation the same source text had before.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "studio" / "resources" / "translations"
LANGS = ("zh_CN",)
#: catalogues of the plural forms only (English: the source says "%n job(s)")
PLURAL_LANGS = ("en",)


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


#: the contexts the command line reads from its JSON catalogue
CLI_CONTEXTS = ("cli", "core")


def sources() -> list[str]:
    files = [*sorted((ROOT / "studio" / "ui").rglob("*.py")), ROOT / "studio" / "app.py"]
    files += sorted((ROOT / "studio").glob("cli*.py"))
    return [str(f.relative_to(ROOT)) for f in files if f.exists()]


def _finished(ts: Path) -> dict[str, str]:
    """Source text -> its finished translation, over every context of a catalogue."""
    if not ts.exists():
        return {}
    known: dict[str, str] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if source is None or translation is None or translation.get("type"):
            continue
        if source.text and translation.text:
            known.setdefault(source.text, translation.text)
    return known


_UNFINISHED = re.compile(
    r"(<source>(?P<source>[^<]*)</source>(?:\s*<(?:extra|translator)?comment>[^<]*"
    r"</(?:extra|translator)?comment>)*\s*)<translation type=\"unfinished\">(?P<text>[^<]*)"
)


def _fill_moved(ts: Path, known: dict[str, str]) -> int:
    """Finish the messages whose source text had a translation before.

    lupdate proposes that translation itself ("same-text heuristic") but leaves it
    unfinished, so the compiled catalogue would not carry it. The file is edited as
    text so that its layout stays lupdate's.
    """
    text = ts.read_text(encoding="utf-8")
    filled = 0

    def finish(match: re.Match[str]) -> str:
        nonlocal filled
        source = html.unescape(match["source"])
        proposed = html.unescape(match["text"])
        if not proposed or known.get(source) != proposed:
            return match[0]
        filled += 1
        return f"{match[1]}<translation>{match['text']}"

    text = _UNFINISHED.sub(finish, text)
    if filled:
        ts.write_text(text, encoding="utf-8")
    return filled


_CODE_NOTE = re.compile(r"\n\s*<extracomment>.*?</extracomment>", re.S)


def _drop_code_notes(ts: Path) -> int:
    """Remove the notes lupdate made of the code's own comments.

    The studio writes ``#:`` over an attribute to document it (Sphinx's style); lupdate
    takes every ``#:`` comment before a ``tr()`` call as a note to the translator and
    joins them, so a translator read notes such as "item data role holding the model's
    state, for tests and styling". None is meant for them: a word that needs context
    gets it from ``tr()``'s disambiguation instead.
    """
    text = ts.read_text(encoding="utf-8")
    clean, dropped = _CODE_NOTE.subn("", text)
    if dropped:
        ts.write_text(clean, encoding="utf-8")
    return dropped


def cli_catalogue(ts: Path) -> dict[str, dict[str, str]]:
    """The finished translations of :data:`CLI_CONTEXTS`: context -> source -> text."""
    found: dict[str, dict[str, str]] = {c: {} for c in CLI_CONTEXTS}
    for context in ET.parse(ts).getroot().iter("context"):
        into = found.get(context.findtext("name") or "")
        if into is None:
            continue
        for message in context.iter("message"):
            source, translation = message.find("source"), message.find("translation")
            if source is None or translation is None or translation.get("type"):
                continue
            if source.text and translation.text:
                into[source.text] = translation.text
    return {c: dict(sorted(m.items())) for c, m in found.items()}


def write_cli_catalogue(ts: Path, out: Path) -> None:
    text = json.dumps(cli_catalogue(ts), ensure_ascii=False, indent=1, sort_keys=True)
    out.write_text(text + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    out = TRANSLATIONS
    if argv == ["--cli-json"]:  # from the catalogues as they are (packaging/build.sh)
        for lang in LANGS:
            write_cli_catalogue(out / f"studio_{lang}.ts", out / f"cli_{lang}.json")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for lang in (*LANGS, *PLURAL_LANGS):
        ts = out / f"studio_{lang}.ts"
        known = _finished(ts)
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                *sources(),
                "-no-obsolete",
                *(("-pluralonly",) if lang in PLURAL_LANGS else ()),
                "-locations",
                "none",
                "-target-language",
                lang,
                "-ts",
                str(ts),
            ],
            cwd=ROOT,
            check=True,
        )
        _fill_moved(ts, known)
        _drop_code_notes(ts)
        if "<name></name>" in ts.read_text(encoding="utf-8"):
            # lupdate lost track of a class (a construct its Python parser does not
            # follow); those strings would never be found at run time
            print(f"{ts.name}: strings outside any class context; see <name></name>")
            return 1
        subprocess.run(
            [_tool("pyside6-lrelease"), str(ts), "-qm", str(out / f"studio_{lang}.qm")],
            cwd=ROOT,
            check=True,
        )
        if lang in LANGS:
            write_cli_catalogue(ts, out / f"cli_{lang}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
