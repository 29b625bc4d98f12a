"""A comparison killed mid-way (``kill -9`` of the CLI running it), for the tests of
resuming one: the first target answered, the second was sent and not answered, the
rest were never sent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter

from studio.sandbox.server import SandboxServer

#: the targets, sent one at a time in this order
MODELS = ("gpt-image-1", "dall-e-2", "dall-e-3", "gpt-image-2")
PROMPT = "a heron on one leg"


def sent_models(sandbox: SandboxServer) -> Counter[str]:
    """How many times each model reached the sandbox."""
    return Counter(
        r.json()["model"] for r in sandbox.requests if r.path.endswith("/images/generations")
    )


def kill_mid_compare(sandbox: SandboxServer, env: dict[str, str]) -> int:
    """Run ``compare`` with one request at a time and kill it while the second target
    is being answered; returns the comparison's group id."""
    sandbox.latency = 0.3
    targets = [arg for model in MODELS for arg in ("--target", model)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio", "compare", PROMPT, *targets, "--base-url",
         sandbox.base_url, "--concurrency", "1", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env},
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = json.loads(proc.stdout.readline())
        assert first["state"] == "succeeded" and first["model"] == MODELS[0], first
        deadline = time.monotonic() + 30
        while sum(sent_models(sandbox).values()) < 2:  # the second is on its way
            assert time.monotonic() < deadline, "the second target was never sent"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    assert sent_models(sandbox) == Counter(MODELS[:2])
    sandbox.latency = 0.0
    return int(first["group_id"])
