"""The one error type every failure in the core becomes.

A provider's error object, a proxy's HTML page, a dropped connection and a
validation problem all end up as a :class:`StudioError` with a readable message,
so the GUI and the CLI can explain any failure the same way.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from studio.core.redaction import scrub_bytes, scrub_text


class ErrorKind(enum.StrEnum):
    """What went wrong, at the level the user and the CLI exit codes care about."""

    VALIDATION = "validation"  # nothing was sent
    PROVIDER = "provider"  # the provider answered with an error
    NETWORK = "network"  # network, timeout or protocol failure
    CANCELLED = "cancelled"  # the user stopped it


@dataclass(frozen=True)
class Text:
    """A phrase inside a message that a UI may translate too (e.g. "{a} or {b}").

    ``str()`` gives the English text, so it can be passed as a template argument.
    """

    template: str
    args: Mapping[str, object] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, template: str, **args: Any) -> Text:
        return cls(template, args)

    def __str__(self) -> str:
        return self.template.format(**self.args)


def phrase_to_json(text: Text) -> dict[str, Any]:
    """A core phrase as stored JSON (so a UI can still translate it when reopened)."""
    args: dict[str, Any] = {}
    for name, value in text.args.items():
        if isinstance(value, Text):
            args[name] = phrase_to_json(value)
        elif isinstance(value, bool | int | float | str):
            args[name] = value
        else:
            args[name] = str(value)
    return {"template": text.template, "args": args}


def phrase_from_json(data: dict[str, Any]) -> Text:
    """A stored phrase again (stored data is read as untrusted: a malformed one raises
    ValueError or TypeError, and its English message is shown instead)."""
    args = {
        name: phrase_from_json(value) if isinstance(value, dict) else value
        for name, value in dict(data.get("args") or {}).items()
    }
    return Text(str(data.get("template", "")), args)


@dataclass(frozen=True)
class Problem:
    """One validation problem: which field, and a sentence a person understands.

    ``template`` and ``args`` are optional: when set, ``message`` is
    ``template.format(**args)`` and a UI may translate the template instead
    (the core stays English and Qt-free; values of type :class:`Text` in
    ``args`` are translatable phrases themselves).
    """

    field: str
    message: str
    template: str = dataclasses.field(default="", compare=False, repr=False)
    args: Mapping[str, object] = dataclasses.field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    @classmethod
    def of(cls, field_name: str, template: str, **args: Any) -> Problem:
        """A problem whose English message is ``template.format(**args)``."""
        return cls(field_name, template.format(**args), template, args)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(eq=False)
class StudioError(Exception):
    """A failure with everything needed to explain it and to recover from it.

    ``raw_body`` keeps what the server sent (when anything) so that a parse
    failure never loses a paid result; it is never shown in full to the user.
    """

    kind: ErrorKind
    message: str
    status: int | None = None
    code: str | None = None
    request_id: str | None = None
    retry_after: float | None = None
    raw_body: bytes | None = field(default=None, repr=False)
    problems: tuple[Problem, ...] = ()
    #: the request may have reached the provider (so a retry might be billed again)
    maybe_processed: bool = True
    #: the studio's own sentence as an English template (see :class:`Problem`); empty
    #: when ``message`` is the provider's words, which are shown as they are
    template: str = field(default="", repr=False)
    #: the template's values (not ``args``: that is :class:`BaseException`'s)
    values: Mapping[str, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # a key echoed by a provider never reaches a message, a log or the history
        self.message = scrub_text(self.message)
        if self.raw_body:
            self.raw_body = scrub_bytes(self.raw_body)
        if any(isinstance(v, str) for v in self.values.values()):
            self.values = {
                k: scrub_text(v) if isinstance(v, str) else v for k, v in self.values.items()
            }
        Exception.__init__(self, self.message)

    @classmethod
    def of(
        cls,
        kind: ErrorKind,
        template: str,
        *,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
        raw_body: bytes | None = None,
        maybe_processed: bool = True,
        **args: Any,
    ) -> StudioError:
        """An error whose English message is ``template.format(**args)`` (translatable);
        the template may also name ``{status}``."""
        if status is not None:
            args = {"status": status, **args}
        return cls(
            kind,
            template.format(**args),
            status=status,
            code=code,
            request_id=request_id,
            retry_after=retry_after,
            raw_body=raw_body,
            maybe_processed=maybe_processed,
            template=template,
            values=args,
        )

    def __str__(self) -> str:
        return self.message

    @classmethod
    def validation(cls, problems: list[Problem] | tuple[Problem, ...]) -> StudioError:
        text = "; ".join(str(p) for p in problems) or "invalid request"
        return cls(ErrorKind.VALIDATION, text, problems=tuple(problems), maybe_processed=False)

    @classmethod
    def cancelled(cls) -> StudioError:
        return cls(ErrorKind.CANCELLED, "Cancelled.")

    def to_json(self) -> dict[str, object]:
        """The CLI's ``error`` object (exact shape relied on by scripts)."""
        return {
            "kind": self.kind.value,
            "message": self.message,
            "status": self.status,
            "code": self.code,
        }
