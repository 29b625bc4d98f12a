"""Exporting jobs: the chosen images byte for byte, plus their parameters as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from studio.core.history import HistoryStore
from studio.core.history.export import MANIFEST, export_jobs
from studio.core.paths import resolve_paths
from studio.core.result import ImageResult
from tests.core.history.history_helpers import generate_request, generated


def test_export_writes_images_and_a_manifest(tmp_path: Path) -> None:
    with HistoryStore(resolve_paths()) as store:
        job_id = store.start_job(
            provider_id="dmxapi",
            provider_name="DMXAPI",
            request=generate_request("河边的小海獭", size="1024x1024", api_key="sk-test-SENTINEL"),
        )
        store.finish_job(
            job_id,
            ImageResult(images=[generated((1, 1, 1), revised="otter"), generated((2, 2, 2))]),
            timings={"total_s": 3.0},
        )
        job = store.get_job(job_id)
        assert job is not None
        out = tmp_path / "out"
        written = export_jobs([job], out)
        assert sorted(p.name for p in written) == sorted(
            [f"job{job_id:06d}-01.png", f"job{job_id:06d}-02.png", MANIFEST]
        )
        assert (out / f"job{job_id:06d}-02.png").read_bytes() == job.images[1].path.read_bytes()
        text = (out / MANIFEST).read_text(encoding="utf-8")
        assert "河边的小海獭" in text  # readable, not \\u-escaped
        assert "SENTINEL" not in text
        entry = json.loads(text)["jobs"][0]
        assert entry["params"] == {"n": 1, "size": "1024x1024"}
        assert entry["revised_prompts"] == ["otter"] and entry["provider"] == "DMXAPI"

        only_first = export_jobs([job], tmp_path / "one", image_ids={job.images[0].id})
        assert [p.name for p in only_first] == [f"job{job_id:06d}-01.png", MANIFEST]
        assert not list(tmp_path.rglob("*.tmp"))
