"""The command line in the user's language: Chinese as the window chooses it, English
otherwise, and ``--json`` the same bytes in every language."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "studio" / "resources" / "translations" / "cli_zh_CN.json"
#: the variables that choose a language, cleared so that each test sets its own
_LANGUAGE_VARS = ("IMAGE_STUDIO_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def run_cli(
    *args: str, home: Path, lang: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``image-studio ARGS`` as a person runs it, in ``lang`` ($IMAGE_STUDIO_LANG) when given
    (a C.UTF-8 system locale otherwise)."""
    full = {k: v for k, v in os.environ.items() if k not in _LANGUAGE_VARS}
    full.update({"IMAGE_STUDIO_HOME": str(home), "LANG": "C.UTF-8", **(env or {})})
    if lang is not None:
        full["IMAGE_STUDIO_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
    )


def test_generate_in_english_and_in_chinese(studio_home: Path) -> None:
    english = run_cli("generate", "a red fox", "--model", "gpt-image-1", home=studio_home)
    assert english.returncode == 0, english.stderr
    assert "1 image from Sandbox (offline) / gpt-image-1:" in english.stdout
    assert "estimated cost: " in english.stdout and "history id 1" in english.stdout
    assert not re.search(r"[\u4e00-\u9fff]", english.stdout + english.stderr)

    chinese = run_cli(
        "generate", "a red fox", "--model", "gpt-image-1", home=studio_home, lang="zh_CN"
    )
    assert chinese.returncode == 0, chinese.stderr
    first, path, cost, history = chinese.stdout.splitlines()
    assert first == "来自 Sandbox (offline) / gpt-image-1 的 1 张图片："
    assert path.strip().endswith("01.png") and Path(path.strip()).is_file()
    assert cost.startswith("估计费用：") and cost.endswith("（模拟：沙盒不收费）")
    assert history == "历史记录 ID 2"

    listing = run_cli("history", home=studio_home, lang="zh_CN")
    assert listing.stdout.count(" 成功 ") == 2, listing.stdout


def test_a_failure_and_its_advice_in_chinese(studio_home: Path, sandbox: SandboxServer) -> None:
    blocked = {"error": {"message": "Rejected.", "type": "x", "code": "moderation_blocked"}}
    sandbox.inject(Fault(path="/images/generations", status=400, body=blocked))
    proc = run_cli(
        "generate", "an otter", "--model", "gpt-image-1", "--base-url", sandbox.base_url,
        home=studio_home, lang="zh_CN", env={"IMAGE_STUDIO_API_KEY": "k"},
    )  # fmt: skip
    assert proc.returncode == 3
    error, todo = proc.stderr.splitlines()[-2:]
    assert error.startswith("错误：") and "Rejected." in error  # the provider's words stay
    assert todo == "  怎么办：换一种说法描述提示词；若模型支持，也可试试 --moderation low。"

    # the history tells it again, in Chinese too
    listing = run_cli("history", home=studio_home, lang="zh_CN")
    first, why, again = listing.stdout.splitlines()
    assert " 失败 " in first and "an otter" in first
    # as in the window's history, a stored sentence with the provider's words in it keeps
    # the English it was stored with
    assert why.strip().startswith("原因：") and why.endswith("Rejected."), why
    assert again.strip().startswith("怎么办：换一种说法描述提示词")


def test_the_cores_problems_read_as_the_window_says_them(studio_home: Path) -> None:
    """A validation problem is the core's template, translated in the ``core`` context
    and then filled in, exactly as the window shows it."""
    proc = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--size", "7x7", home=studio_home, lang="zh"
    )
    assert proc.returncode == 2
    assert "错误：size: 7x7 不是 gpt-image-1 接受的 size：可选 auto" in proc.stderr, proc.stderr

    usage = run_cli("generate", "--model", "gpt-image-1", home=studio_home, lang="zh_CN")
    assert usage.returncode == 2
    assert usage.stderr.strip().endswith("错误：需要提供 PROMPT"), usage.stderr
    # argparse's own words too, and the CLI's reasons inside them
    refused = run_cli("history", "--limit", "0", home=studio_home, lang="zh_CN")
    assert refused.returncode == 2
    assert refused.stderr.startswith("用法：image-studio history"), refused.stderr
    assert "错误：参数 --limit：必须在 1 到 100000 之间" in refused.stderr
    missing = run_cli("generate", "x", home=studio_home, lang="zh_CN")
    assert "错误：缺少必需的参数：--model" in missing.stderr


def test_help_models_and_an_empty_history_in_chinese(studio_home: Path) -> None:
    helped = run_cli("generate", "--help", home=studio_home, lang="zh_CN")
    assert "要生成的内容（用引号括起）" in helped.stdout
    assert "同时把图片保存到此文件夹" in helped.stdout
    assert "显示此帮助信息并退出" in helped.stdout and "选项" in helped.stdout
    top = run_cli("--help", home=studio_home, lang="zh_CN")
    assert "根据提示词生成图片" in top.stdout and "退出码：0 成功" in top.stdout

    models = run_cli("models", home=studio_home, lang="zh_CN")
    assert models.returncode == 0, models.stderr
    assert re.search(r"^gpt-image-2\s+可用", models.stdout, re.M), models.stdout
    assert run_cli("history", home=studio_home, lang="zh_CN").stdout == "还没有任务\n"
    assert run_cli("history", home=studio_home, lang="en").stdout == "no jobs yet\n"


def test_the_language_is_chosen_as_the_window_chooses_it(studio_home: Path) -> None:
    """$IMAGE_STUDIO_LANG, else the language saved in Settings, else the system locale."""
    settings = studio_home / "config" / "settings.json"
    by_locale = run_cli("history", home=studio_home, env={"LANG": "zh_CN.UTF-8"})
    assert by_locale.stdout == "还没有任务\n"
    preferred = {"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}
    assert run_cli("history", home=studio_home, env=preferred).stdout == "还没有任务\n"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"language": "en"}), encoding="utf-8")
    assert run_cli("history", home=studio_home, env={"LANG": "zh_CN.UTF-8"}).stdout == (
        "no jobs yet\n"
    )
    settings.write_text(json.dumps({"language": "zh_CN"}), encoding="utf-8")
    assert run_cli("history", home=studio_home).stdout == "还没有任务\n"
    # --home after the command finds the same settings
    elsewhere = run_cli("history", "--home", str(studio_home), home=studio_home / "other")
    assert elsewhere.stdout == "还没有任务\n"
    assert run_cli("history", home=studio_home, lang="en").stdout == "no jobs yet\n"


def test_json_is_the_same_bytes_in_every_language(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    """Scripts parse ``--json``: its keys and its messages stay English."""
    run_cli("generate", "a fox", "--model", "gpt-image-1", home=studio_home)
    commands = [
        ("history", "--json"),
        ("spend", "--json"),
        ("generate", "x", "--model", "gpt-image-1", "--size", "7x7", "--json"),
        ("generate", "--model", "gpt-image-1", "--json"),
        ("history", "--thread", "99", "--json"),
    ]
    for args in commands:
        english = run_cli(*args, home=studio_home, lang="en")
        chinese = run_cli(*args, home=studio_home, lang="zh_CN")
        assert chinese.stdout == english.stdout and chinese.returncode == english.returncode
        assert english.stdout.strip().startswith("{"), args

    quota = {"error": {"message": "quota", "type": "x", "code": "insufficient_user_quota"}}
    answers = []
    for lang in ("en", "zh_CN"):
        sandbox.inject(Fault(path="/images/generations", status=402, body=quota))
        proc = run_cli(
            "generate", "x", "--model", "gpt-image-1", "--base-url", sandbox.base_url, "--json",
            home=studio_home, lang=lang, env={"IMAGE_STUDIO_API_KEY": "k"},
        )  # fmt: skip
        assert proc.returncode == 3
        answer = json.loads(proc.stdout)
        assert answer["error"].pop("request_id")  # the sandbox's own, new for each request
        answers.append(answer)
    assert answers[0] == answers[1] and answers[0]["error"]["kind"] == "provider"
    assert answers[0]["error"]["message"] == "The provider rejected the request (HTTP 402): quota"
    invalid = run_cli(
        "generate", "x", "--model", "gpt-image-1", "--size", "7x7", "--json",
        home=studio_home, lang="zh_CN",
    )  # fmt: skip
    assert "7x7 is not a size gpt-image-1 accepts" in json.loads(invalid.stdout)["error"]["message"]


def test_english_loads_no_catalogue_and_no_language_loads_qt(studio_home: Path) -> None:
    code = (
        "import json, sys; from studio.cli import run_cli; from studio import cli_text; "
        "from studio.__main__ import sandbox_url; "
        "rc = run_cli(['generate', 'x', '--model', 'gpt-image-1'], sandbox=sandbox_url); "
        "print(json.dumps({'rc': rc, 'catalogue': bool(cli_text._catalogue), "
        "'qt': any(m.startswith('PySide6') for m in sys.modules)}), file=sys.stderr)"
    )
    for lang, loaded in (("en", False), ("zh_CN", True)):
        env = {k: v for k, v in os.environ.items() if k not in _LANGUAGE_VARS}
        env.update({"IMAGE_STUDIO_HOME": str(studio_home), "IMAGE_STUDIO_LANG": lang})
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
        )
        report = json.loads(proc.stderr.strip().splitlines()[-1])
        assert report == {"rc": 0, "catalogue": loaded, "qt": False}, (lang, proc.stderr)


def _marked() -> tuple[set[str], set[str]]:
    """Every literal the CLI passes to ``translate``/``QT_TRANSLATE_NOOP``: (cli, core)."""
    cli: set[str] = set()
    core: set[str] = set()
    for path in sorted((ROOT / "studio").glob("cli*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) != 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            context, text = node.args
            if name not in ("translate", "QT_TRANSLATE_NOOP"):
                continue
            if not isinstance(text, ast.Constant):
                continue  # a marked string held in a variable: it is marked where it is written
            if isinstance(context, ast.Constant) and context.value == "cli":
                cli.add(text.value)
            elif isinstance(context, ast.Name) and context.id == "CORE":
                core.add(text.value)
            else:
                raise AssertionError(f"{path.name}:{node.lineno}: a context lupdate cannot read")
    return cli, core


def _fields(text: str) -> set[str]:
    if "%" in text:  # argparse's own words: %-formatted, braces are plain text
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _percent(text: str) -> list[str]:
    return sorted(re.findall(r"%(?:\(\w+\))?[rsd%]|%", text))


def test_every_cli_text_has_a_finished_chinese_translation() -> None:
    """A new (or changed) string the CLI shows fails here until the catalogue is rebuilt
    (``packaging/i18n_build.py``) with its translation filled in."""
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    cli, core = _marked()
    assert len(cli) > 200
    missing = sorted(cli - set(catalogue["cli"])) + sorted(core - set(catalogue["core"]))
    assert missing == [], "untranslated CLI texts: " + "; ".join(map(repr, missing))
    for source, chinese in catalogue["cli"].items():
        assert _fields(chinese) == _fields(source), (source, chinese)
        # argparse's own words are %-formatted; and a "%" in a help text would break it
        assert _percent(chinese) == _percent(source), (source, chinese)
    assert not sorted(set(catalogue["cli"]) - cli), "texts the CLI no longer shows"


def test_the_catalogue_is_what_the_finished_ts_says() -> None:
    """``cli_zh_CN.json`` is made from ``studio_zh_CN.ts``: a translation changed in the
    .ts reaches the CLI only when the build is run again."""
    spec = importlib.util.spec_from_file_location(
        "i18n_build", ROOT / "packaging" / "i18n_build.py"
    )
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    ts = ROOT / "studio" / "resources" / "translations" / "studio_zh_CN.ts"
    assert build.cli_catalogue(ts) == json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert "studio/cli_text.py" in build.sources()
