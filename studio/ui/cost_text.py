"""Money as the window writes it: amounts, and a job's cost (real, or an estimate)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from studio.core.capabilities import ModelCaps
from studio.core.history.models import JobRecord
from studio.core.history.stacks import GroupCost
from studio.core.money import money
from studio.core.providers import SANDBOX_ID
from studio.core.request import ImageRequest

log = logging.getLogger(__name__)


def cost_text(actual: float | None, estimate: float | None, currency: str | None) -> str:
    """The cost of one job: the real one from its usage, else the estimate labelled so."""
    if actual is not None:
        return money(actual, currency)
    if estimate is not None:
        return QCoreApplication.translate("Cost", "≈ %1 (estimate)").replace(
            "%1", money(estimate, currency)
        )
    return ""


def simulated(provider_id: str) -> bool:
    """Whether a provider's costs are only what the job would cost elsewhere: the offline
    sandbox prices its usage at the model's rates (so budgets and the spend view can be
    tried), but nobody is charged."""
    return provider_id == SANDBOX_ID


def simulated_text(amount: str) -> str:
    """``amount`` marked as not charged ("$0.069 (simulated)")."""
    return QCoreApplication.translate("Cost", "%1 (simulated)").replace("%1", amount)


def record_cost_text(record: JobRecord | None) -> str:
    """A finished job's cost from its history record ("" when nothing is known); a
    sandbox job's is marked simulated."""
    if record is None:
        return ""
    est = record.estimate or {}
    estimate = est.get("cost")
    currency = record.cost_currency or est.get("currency")
    if simulated(record.provider_id):  # one label, short enough for a jobs row
        if record.cost is not None:
            return simulated_text(money(record.cost, record.cost_currency))
        if isinstance(estimate, int | float):
            return simulated_text("≈ " + money(float(estimate), str(currency or "")))
        return ""
    return cost_text(
        record.cost,  # priced from the job's usage (history v4); None when not known
        float(estimate) if isinstance(estimate, int | float) else None,
        str(currency) if currency else None,
    )


def group_cost_text(cost: GroupCost) -> str:
    """What a comparison's or batch's member jobs cost together, summed per currency
    ("$0.120 + ¥0.800"; a sandbox job's simulated, "$0.120 + $0.069 (simulated)"). Where
    an estimate stands in for a member's unpriced cost, the total is one too ("≈"); where a
    finished member's cost is not known at all, it is the least the group cost ("≥").
    "" when nothing is known, as for a single job."""
    real = " + ".join(money(p.amount, p.currency) for p in cost.parts if not p.simulated)
    sandbox = " + ".join(money(p.amount, p.currency) for p in cost.parts if p.simulated)
    if not real and not sandbox:
        return ""
    text = " + ".join(filter(None, (real, sandbox and simulated_text(sandbox))))
    if any(p.estimated for p in cost.parts):
        if cost.unknown or sandbox:  # one label, short enough for a row
            text = "≈ " + text
        else:
            text = QCoreApplication.translate("Cost", "≈ %1 (estimate)").replace("%1", text)
    if cost.unknown:
        # a finished member's cost is not known: the sum is the least the group cost
        text = QCoreApplication.translate("Cost", "≥ %1").replace("%1", text)
    return text


def estimate_line(
    request: ImageRequest, caps: ModelCaps, factor: float = 1.0, provider_id: str = ""
) -> str:
    """The composer's line under its options: the tokens and money a request would cost.
    On the offline sandbox (``provider_id``), which charges nothing, a figure from the
    model's rates is marked simulated, and a model with none says there is no charge
    rather than that its cost shows after the job."""
    try:
        from studio.core.costs import estimate

        est = estimate(request, caps, factor=factor)
    except Exception:  # an estimate must never block composing
        log.exception("estimate failed")
        return ""

    parts = []
    if est.output_tokens:
        parts.append(
            QCoreApplication.translate("ComposePanel", "≈ %1 output tokens").replace(
                "%1", f"{est.output_tokens:,}"
            )
        )
    free = simulated(provider_id)
    if est.cost is not None and free:
        parts.append(simulated_text("≈ " + money(est.cost, est.currency)))
    elif est.cost is not None:
        parts.append(
            QCoreApplication.translate("ComposePanel", "%1 (estimate)").replace(
                "%1", "≈ " + money(est.cost, est.currency)
            )
        )
    elif free:
        parts.append(QCoreApplication.translate("ComposePanel", "Sandbox: no charge"))
    if not parts:
        parts.append(
            QCoreApplication.translate(
                "ComposePanel", "No estimate for this model: its cost shows after the job"
            )
        )
    return " · ".join(parts)
