"""``image-studio converse`` and ``history --thread`` as scripts use them: real
subprocesses (each turn a fresh process, so every continuation is one after a restart),
the real sandbox over HTTP."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image

from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.test_cli import one_json, run_cli

KEY = {"IMAGE_STUDIO_API_KEY": "sk-converse-cli-sentinel"}
MODEL = "gpt-image-2.6-sunburst"


def _turn(home: Path, server: SandboxServer, text: str, *extra: str) -> dict[str, Any]:
    proc = run_cli(
        "converse",
        text,
        "--model",
        MODEL,
        "--provider",
        "openai",
        "--base-url",
        server.base_url,
        "--size",
        "1024x1024",
        "--quality",
        "low",
        *extra,
        "--json",
        home=home,
        env=KEY,
    )
    data = one_json(proc)
    assert "Traceback" not in proc.stderr
    return data


def _bodies(server: SandboxServer) -> list[dict[str, Any]]:
    return [r.json() for r in server.requests if r.path == "/v1/responses"]


def _instruction(body: dict[str, Any]) -> str:
    user = next(i for i in body["input"] if i.get("role") == "user")
    return " ".join(c["text"] for c in user["content"] if c["type"] == "input_text")


def test_three_turns_with_a_branch_and_the_thread_tree(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    first = _turn(studio_home, sandbox, "a harbour at noon")
    assert first["ok"] is True, first
    thread = first["thread_id"]
    second = _turn(
        studio_home,
        sandbox,
        "make the sky stormier",
        "--thread",
        str(thread),
        "--stream",
        "--partial-images",
        "1",
    )
    third = _turn(studio_home, sandbox, "now remove the boat", "--thread", str(thread))
    branch = _turn(
        studio_home,
        sandbox,
        "add a red boat instead",
        "--thread",
        str(thread),
        "--from-turn",
        str(first["turn_id"]),
    )
    for data in (second, third, branch):
        assert data["ok"] is True, data
        assert data["thread_id"] == thread
        assert set(data) >= {
            "ok",
            "thread_id",
            "turn_id",
            "images",
            "revised_prompt",
            "usage",
            "cost",
        }
    bodies = _bodies(sandbox)
    assert "previous_response_id" not in bodies[0]
    assert bodies[1]["previous_response_id"].startswith("resp_")
    assert _instruction(bodies[1]) == "make the sky stormier" and bodies[1]["stream"] is True
    assert bodies[2]["previous_response_id"] != bodies[1]["previous_response_id"]
    assert bodies[3]["previous_response_id"] == bodies[1]["previous_response_id"]  # turn 1 again
    assert bodies[1]["model"] == "gpt-5.5"  # the provider's text model, from its profile
    assert second["parent_turn_id"] == first["turn_id"]
    assert third["parent_turn_id"] == second["turn_id"]
    assert branch["parent_turn_id"] == first["turn_id"]
    images = [Image.open(d["images"][0]) for d in (first, second, third, branch)]
    assert all(im.size == (1024, 1024) for im in images)
    assert len({im.tobytes() for im in images}) == 4
    assert "now remove the boat" in third["revised_prompt"]

    proc = run_cli("history", "--thread", str(thread), "--json", home=studio_home)
    tree = one_json(proc)
    assert tree["turn_count"] == 4
    (root,) = tree["turns"]
    assert root["instruction"] == "a harbour at noon"
    kids = {c["instruction"]: c for c in root["children"]}
    assert set(kids) == {"make the sky stormier", "add a red boat instead"}
    assert kids["make the sky stormier"]["children"][0]["instruction"] == "now remove the boat"
    assert root["response_id"].startswith("resp_") and root["image_generation_call_id"]

    found = one_json(run_cli("history", "--search", "remove the boat", "--json", home=studio_home))
    assert [j["id"] for j in found["jobs"]] == [third["turn_id"]]


def test_a_forgotten_response_is_continued_in_the_item_form_in_one_request(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    first = _turn(studio_home, sandbox, "a lighthouse")
    sandbox.conversations.forget()  # the provider restarted or dropped the stored response
    sandbox.clear_requests()
    second = _turn(studio_home, sandbox, "paint it red", "--thread", str(first["thread_id"]))
    assert second["ok"] is True, second
    assert second["continued_by"] == "item"
    bodies = _bodies(sandbox)
    assert len(bodies) == 2
    assert bodies[0]["previous_response_id"]
    assert "previous_response_id" not in bodies[1]
    assert bodies[1]["input"][0]["type"] == "image_generation_call"
    assert _instruction(bodies[1]) == "paint it red"


def test_a_mask_goes_as_input_image_mask_of_the_images_size(
    studio_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    first = _turn(studio_home, sandbox, "a meadow")
    mask = Image.new("RGBA", (1024, 1024), (0, 0, 0, 255))
    mask.paste((0, 0, 0, 0), (0, 0, 1024, 400))
    path = tmp_path / "mask.png"
    mask.save(path)
    second = _turn(
        studio_home, sandbox, "add clouds", "--thread", str(first["thread_id"]), "--mask", str(path)
    )
    assert second["ok"] is True, second
    ref = _bodies(sandbox)[1]["tools"][0]["input_image_mask"]["image_url"]
    import base64

    sent = Image.open(io.BytesIO(base64.b64decode(ref.partition(",")[2])))
    assert sent.size == (1024, 1024)


def test_a_cut_stream_keeps_the_partial_image_and_offers_a_retry_not_taken(
    studio_home: Path, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault(path="/responses", action="stream_cut"))
    proc = run_cli(
        "converse",
        "a castle",
        "--model",
        MODEL,
        "--provider",
        "openai",
        "--base-url",
        sandbox.base_url,
        "--size",
        "1024x1024",
        "--quality",
        "low",
        "--stream",
        "--partial-images",
        "2",
        "--json",
        home=studio_home,
        env=KEY,
    )
    data = one_json(proc)
    assert data["ok"] is False and data["error"]["code"] == "stream_cut"
    assert "To retry" in proc.stderr and "partial image" in proc.stderr
    assert len(_bodies(sandbox)) == 1  # never sent again on its own
    partial = proc.stderr.split("its last partial image: ")[1].split(". To retry")[0]
    with Image.open(partial) as im:
        assert im.size == (1024, 1024)


def _seed_deep_thread(home: Path, depth: int) -> int:
    """A thread of ``depth`` turns, each continuing the one before, written straight
    into the history (no provider needed to make it that deep)."""
    from studio.core.errors import ErrorKind, StudioError
    from studio.core.history import threads
    from studio.core.history.store import HistoryStore
    from studio.core.paths import resolve_paths
    from tests.core.history.history_helpers import generate_request

    store = HistoryStore(resolve_paths(home))
    try:
        parent: threads.TurnRow | None = None
        for i in range(depth):
            job = store.start_job(
                provider_id="p", provider_name="P", request=generate_request(f"step {i}")
            )
            parent = threads.add_turn(store, job, parent=parent, text_model="gpt-5.5")
            store.fail_job(job, StudioError.of(ErrorKind.NETWORK, "cut {n}", n=i))
        assert parent is not None
        return parent.thread_id
    finally:
        store.close()


def test_a_thread_two_thousand_turns_deep_prints_as_json_and_as_text(studio_home: Path) -> None:
    import sys

    thread = _seed_deep_thread(studio_home, 2_000)
    proc = run_cli("history", "--thread", str(thread), "--json", home=studio_home)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "RecursionError" not in proc.stderr
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)  # reading it back nests as deep as the thread (a reader's limit)
    try:
        tree = one_json(proc)
    finally:
        sys.setrecursionlimit(limit)
    assert tree["ok"] is True and tree["turn_count"] == 2_000
    (node,) = tree["turns"]
    seen = []
    while True:
        seen.append(node["instruction"])
        assert node["error"]["message"] == f"cut {len(seen) - 1}"
        if not node["children"]:
            break
        (node,) = node["children"]
    assert seen == [f"step {i}" for i in range(2_000)]

    text = run_cli("history", "--thread", str(thread), home=studio_home)
    assert text.returncode == 0, text.stderr[-2000:]
    lines = text.stdout.splitlines()
    assert lines[0] == f"thread {thread}: 2000 turns" and len(lines) == 2_001
    # a straight thread is not indented: its text grows with the turns, not their square
    assert lines[1].startswith("turn ") and lines[-1].startswith("turn ")
    assert "step 1999" in lines[-1] and len(text.stdout) < 2_001 * 120


def test_the_thread_json_is_what_json_dumps_writes() -> None:
    import json

    from studio.cli_converse import deep_json

    value = {"a": [1, 2.5, None, True, {"b": 'ü "q" \n'}], "c": {}, "d": [], "e": ("x",)}
    assert deep_json(value) == json.dumps(value, ensure_ascii=False)
