"""CLI pieces for models, lifecycle and money: ``models``, ``spend`` and the ``cost`` and
``replacement`` fields of a job's JSON. Qt-free like the rest of the CLI."""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from studio.core.errors import StudioError
    from studio.core.history.models import JobRecord
    from studio.core.service import Studio


def cost_payload(record: JobRecord | None) -> dict[str, Any]:
    """``{estimated, actual, currency, rates_source}`` of a finished job."""
    est = (record.estimate if record is not None else None) or {}
    estimated = est.get("cost") if isinstance(est.get("cost"), int | float) else None
    actual = record.cost if record is not None else None
    currency = (record.cost_currency if record is not None else None) or est.get("currency")
    source = record.cost_source if record is not None and record.cost_source else None
    if source is None and isinstance(est.get("sources"), list):
        source = "; ".join(str(s) for s in est["sources"]) or None
    return {"estimated": estimated, "actual": actual, "currency": currency, "rates_source": source}


def replacement_hint(studio: Studio, model: str, err: StudioError) -> dict[str, Any]:
    """For a 404 ``model_not_found`` on a model the tables know has shut down: what to use."""
    if err.status != 404 or err.code != "model_not_found":
        return {}
    caps = studio.capabilities.get(model)
    shutdown = None if caps is None else caps.lifecycle.shutdown
    if caps is None or shutdown is None:
        return {}
    life = caps.lifecycle
    return {
        "model": model,
        "shutdown_date": shutdown.isoformat(),
        "replacement": life.replacement,
        "replacements": list(life.replacements),
    }


def models_payload(
    studio: Studio, provider_id: str, ids: list[str], dates: dict[str, str | None]
) -> list[dict[str, Any]]:
    """Each listed model's state today: the provider's shutdown date over the tables'."""
    from studio.core.lifecycle import State, parse_date, today

    day = today()
    rows = []
    for mid in ids:
        caps = studio.capabilities.get(mid)
        life = caps.lifecycle if caps is not None else None
        if mid in dates:
            shutdown, source = parse_date(dates[mid]), "provider"
        elif life is not None:
            shutdown, source = life.shutdown, "tables"
        else:
            shutdown, source = None, "unknown"
        if shutdown is None:
            state = State.ACTIVE if source != "unknown" else None
        else:
            state = State.RETIRED if day >= shutdown else State.DEPRECATED
        rows.append(
            {
                "id": mid,
                "state": None if state is None else state.value,
                "shutdown_date": None if shutdown is None else shutdown.isoformat(),
                "replacement": life.replacement if life is not None else None,
                "known": caps is not None,
                "source": source,
            }
        )
    return rows


def spend_payload(studio: Studio, args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    since = None
    if args.days:
        since = time.time() - args.days * 86400
    from studio.core.providers import SANDBOX_ID

    rows = studio.history.spend(by=args.by, since=since)
    items = [
        {
            "period": r.period,
            "provider": r.provider_id,
            "currency": r.currency,
            "amount": round(r.amount, 6),
            "jobs": r.jobs,
            # the built-in sandbox prices its jobs at the model's rates, charged by nobody
            "simulated": r.provider_id == SANDBOX_ID,
        }
        for r in rows
    ]
    totals: dict[str, float] = {}
    simulated: dict[str, float] = {}
    for r in rows:
        into = simulated if r.provider_id == SANDBOX_ID else totals
        into[r.currency] = into.get(r.currency, 0.0) + r.amount
    from studio.cli_text import translate

    jobs = {
        (True, False): translate("cli", "({n} job)"),
        (False, False): translate("cli", "({n} jobs)"),
        (True, True): translate("cli", "({n} job, simulated: the sandbox charges nothing)"),
        (False, True): translate("cli", "({n} jobs, simulated: the sandbox charges nothing)"),
    }
    text = "\n".join(
        f"{i['period']:<10} {i['provider']:<14} {i['amount']:>12.4f} {i['currency']}  "
        + jobs[i["jobs"] == 1, bool(i["simulated"])].format(n=i["jobs"])
        for i in items
    )
    payload = {
        "by": args.by,
        "since": None if since is None else dt.datetime.fromtimestamp(since, dt.UTC).isoformat(),
        "spend": items,
        "totals": {k: round(v, 6) for k, v in sorted(totals.items())},
        "simulated_totals": {k: round(v, 6) for k, v in sorted(simulated.items())},
    }
    return payload, text or translate("cli", "no spend recorded yet")
