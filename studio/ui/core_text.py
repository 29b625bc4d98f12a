"""The core's English problem messages, in the user's language.

The Qt-free core builds each :class:`~studio.core.errors.Problem` from an
English template and its arguments (``Problem.of``); here the template (and any
:class:`~studio.core.errors.Text` phrase among the arguments) is translated in
the ``core`` context and then filled in. :data:`TEMPLATES` lists every template
so that ``pyside6-lupdate`` extracts them; ``tests/ui/test_core_text.py``
checks that it matches the templates the core actually uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from studio.core.errors import Problem, StudioError, Text
from studio.core.phrasing import Phrasing
from studio.ui.library.core_phrases import LIBRARY_MARKED
from studio.ui.metadata_phrases import METADATA_MARKED

if TYPE_CHECKING:
    from studio.core.history.models import JobError
    from studio.core.templates import BadRow, TemplateError

CONTEXT = "core"


#: the core's sentences in the window's language (Qt's catalogue, the ``core`` context)
_SAID = Phrasing(lambda template: QCoreApplication.translate(CONTEXT, template))


def phrase_text(text: Text) -> str:
    """A core :class:`Text` phrase in the current UI language."""
    return _SAID.phrase(text)


def problem_text(problem: Problem) -> str:
    """``problem``'s message in the current UI language (its English message as a fallback)."""
    return _SAID.problem(problem)


def error_text(err: StudioError) -> str:
    """The studio's own sentence in ``err``, translated; the provider's words stay as they are."""
    return _SAID.error(err)


def job_error_text(error: JobError) -> str:
    """Why a job in the history failed: the studio's own sentence translated (when it
    kept its phrase), the provider's words as they are."""
    return _SAID.kept(error.message, error.text)


def failure_text(exc: BaseException) -> str:
    """Why work stopped: the studio's own sentence translated, anything else as it is."""
    return error_text(exc) if isinstance(exc, StudioError) else str(exc)


def bad_row_text(row: BadRow) -> str:
    """Why a row of a batch's values is refused, in the current UI language."""
    return row.reason if row.text is None else _SAID.phrase(row.text)


def stored_text(error: Mapping[str, object] | None) -> str:
    """A stored error's sentence (a group member's), translated when it kept its phrase."""
    if not error:
        return ""
    message = str(error.get("message", ""))
    said = _SAID.stored(message, error.get("text"))
    if said is not None:
        return said
    # stored before its phrase was kept: a known English sentence is still translated
    if message in _stored_sentences():
        return QCoreApplication.translate(CONTEXT, message)
    return message


def template_error_text(err: TemplateError) -> str:
    """Why a batch's template or values cannot be sent (without the rows)."""
    return err.message if err.text is None else _SAID.phrase(err.text)


# every template the core passes to ``Problem.of`` / ``Text.of`` (or joins with)
_MARKED: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("core", "generate"),
    QT_TRANSLATE_NOOP("core", "edit"),
    QT_TRANSLATE_NOOP("core", "variations"),
    QT_TRANSLATE_NOOP("core", "stream"),
    QT_TRANSLATE_NOOP("core", "upload"),
    QT_TRANSLATE_NOOP("core", "{a}, {b}"),
    QT_TRANSLATE_NOOP("core", "{count} byte"),
    QT_TRANSLATE_NOOP("core", "{count} bytes"),
    QT_TRANSLATE_NOOP("core", "just over {size}"),
    QT_TRANSLATE_NOOP("core", "{name} must be true or false, not {value}."),
    QT_TRANSLATE_NOOP("core", "{value} is not a {name} {model} accepts: {hint}."),
    QT_TRANSLATE_NOOP("core", "the mask"),
    QT_TRANSLATE_NOOP("core", "both sides must be multiples of {n}"),
    QT_TRANSLATE_NOOP("core", "each side must be at least {n}"),
    QT_TRANSLATE_NOOP("core", "the longest side must be at most {n}"),
    QT_TRANSLATE_NOOP("core", "the image must have {low:,} to {high:,} pixels"),
    QT_TRANSLATE_NOOP("core", "the aspect ratio must be at most {n:g}:1"),
    QT_TRANSLATE_NOOP("core", "{name} must be a whole number, not {value}."),
    QT_TRANSLATE_NOOP("core", "{name} must be at least {limit} (got {value})."),
    QT_TRANSLATE_NOOP("core", "{name} must be at most {limit} (got {value})."),
    QT_TRANSLATE_NOOP("core", "{name} must be text like 1024x1024, not {value}."),
    QT_TRANSLATE_NOOP("core", "{name} must be text, not {value}."),
    QT_TRANSLATE_NOOP("core", "{value} is not a valid {name} for {model}."),
    QT_TRANSLATE_NOOP("core", "the image"),
    QT_TRANSLATE_NOOP("core", "{name} is a {format} image; {model} accepts {allowed}."),
    QT_TRANSLATE_NOOP("core", "{name} is {size}; {model} accepts images up to {limit}."),
    QT_TRANSLATE_NOOP("core", "{name} is {size}; {model} needs a square image."),
    QT_TRANSLATE_NOOP("core", "{name} is {size}; {model} accepts at most {side} pixels a side."),
    QT_TRANSLATE_NOOP("core", "{name} is a CMYK {format}; image APIs need RGB. Convert it to RGB."),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} is an animated {format} ({frames} frames); only still images are accepted.",
    ),
    QT_TRANSLATE_NOOP("core", "{name} is a 16-bit PNG; the provider reduces it to 8 bits."),
    QT_TRANSLATE_NOOP("core", "{model} does not take a mask."),
    QT_TRANSLATE_NOOP("core", "A mask is only used for edits, not {mode}."),
    QT_TRANSLATE_NOOP("core", "{url} is not an http or https address."),
    QT_TRANSLATE_NOOP("core", "{file_id} is not a file id (like file-abc123)."),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} is {size}; when an input is a URL or a file id the edit is sent as JSON, where each local image must be at most {limit}.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{provider} does not take edits that reference images by URL or file id; add the images as local files instead.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{model} does not take markup; choose a model that does (such as gpt-image-2.5 or 2.6) or paint a mask instead.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "Markup is only used for edits, not {mode}."),
    QT_TRANSLATE_NOOP(
        "core",
        "Send either a mask or markup, not both: the provider refuses the two together.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Markup is sent only with local input files; an edit with an input by URL or file id cannot carry it.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "{name} cannot be used as markup: {reason}."),
    QT_TRANSLATE_NOOP("core", "{name} is a {format}; markup must be a PNG."),
    QT_TRANSLATE_NOOP("core", "{name} is {size}; markup must be under {limit}."),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} is {size} but {image} is {image_size}; markup must be the same size as the (first) image.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} has no transparent pixels; markup must be transparent where there is nothing drawn.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "the markup"),
    QT_TRANSLATE_NOOP("core", "{name} cannot be used as a mask: {reason}."),
    QT_TRANSLATE_NOOP("core", "{name} is a {format}; a mask must be a PNG."),
    QT_TRANSLATE_NOOP("core", "{name} is {size}; a mask must be under {limit}."),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} is {size} but {image} is {image_size}; the mask must be the same size as the (first) image.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} has no alpha channel, so it marks nothing to edit. Import it as a mask (black-and-white masks are converted to transparency).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "Add an input image: {model} needs one to {mode}."),
    QT_TRANSLATE_NOOP(
        "core",
        "{name} has no transparency and there is no mask: {model} edits the transparent area, so paint a mask or use an image with transparent pixels.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "nothing"),
    QT_TRANSLATE_NOOP("core", "{model} does not support {mode} (it offers: {offered})."),
    QT_TRANSLATE_NOOP("core", "Write a prompt: {model} needs one to {mode}."),
    QT_TRANSLATE_NOOP(
        "core",
        "The prompt is {length:,} characters; {model} accepts at most {limit:,}.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{model} was retired by OpenAI on {date}; only relays may still serve it.",
    ),
    QT_TRANSLATE_NOOP("core", "Variations take no prompt; it will not be sent."),
    QT_TRANSLATE_NOOP("core", "Input images and masks are only sent for edits."),
    QT_TRANSLATE_NOOP("core", "choose {choices}"),
    QT_TRANSLATE_NOOP("core", "use WIDTHxHEIGHT"),
    QT_TRANSLATE_NOOP("core", "{hint} or WIDTHxHEIGHT like 1024x1024"),
    QT_TRANSLATE_NOOP("core", "{value} is not a valid {name} for {model} ({help})."),
    QT_TRANSLATE_NOOP("core", "{model} takes '{name}' only for {where}, not {mode}."),
    QT_TRANSLATE_NOOP("core", "n must be between 1 and {most} for {model}."),
    QT_TRANSLATE_NOOP("core", "{name} cannot be used: {reason}."),
    QT_TRANSLATE_NOOP("core", "{model} takes at most {limit} input image; you gave {count}."),
    QT_TRANSLATE_NOOP("core", "{model} takes at most {limit} input images; you gave {count}."),
    QT_TRANSLATE_NOOP(
        "core",
        "{model} does not take the relay extra '{name}' (only models whose table lists it do; add it in your capabilities override if your relay takes it).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "{model} does not take '{name}'."),
    QT_TRANSLATE_NOOP("core", "{name} must be an object with {fields}, not {value}."),
    QT_TRANSLATE_NOOP(
        "core", "Models that have shut down were replaced in your saved defaults ({moves})."
    ),
    QT_TRANSLATE_NOOP("core", "not set"),
    QT_TRANSLATE_NOOP("core", "{name} needs {other} = {wanted} (it is {now})."),
    QT_TRANSLATE_NOOP("core", "The mask marks nothing to edit (no transparent pixels)."),
    QT_TRANSLATE_NOOP("core", "The mask has semi-transparent pixels; APIs read them unreliably."),
    QT_TRANSLATE_NOOP("core", "The mask covers the whole image: all of it is redrawn."),
    QT_TRANSLATE_NOOP(
        "core",
        "'{model}' is not in the capability tables. Add it to {path} to use it.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "'{model}' is not in the capability tables: did you mean {near}? (A model of its own can be added to {path}.)",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "No API key for {provider}. Add one in Settings → Providers, or set IMAGE_STUDIO_API_KEY for scripts.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "{provider} does not take uploads."),
    QT_TRANSLATE_NOOP(
        "core",
        "{provider} speaks the '{protocol}' protocol, which this version does not know (it knows: {known}).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "{a} or {b}"),
    QT_TRANSLATE_NOOP("core", "{a}; {b}"),
    # saved files (the metadata read back from them: studio/ui/metadata_phrases.py)
    QT_TRANSLATE_NOOP("core", "The file name pattern is empty."),
    QT_TRANSLATE_NOOP("core", "The file name pattern is longer than {limit} characters."),
    QT_TRANSLATE_NOOP("core", "A file name pattern cannot contain a slash."),
    QT_TRANSLATE_NOOP("core", "{field} is not a field; the fields are: {fields}."),
    QT_TRANSLATE_NOOP("core", "A brace in the file name pattern is not closed."),
    # studio/core/templates.py, batch.py: why a batch's values cannot be sent
    QT_TRANSLATE_NOOP(
        "core",
        "the template has a lone '{token}' at character {at}: a variable is {example} (letters, digits, _); write {open} or {close} for a brace",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "the template has no {{variables}} to fill"),
    QT_TRANSLATE_NOOP("core", "cannot read {path}: {reason}"),
    QT_TRANSLATE_NOOP("core", "{path} is larger than {mb} MB"),
    QT_TRANSLATE_NOOP("core", "the values are larger than {mb} MB"),
    QT_TRANSLATE_NOOP("core", "is {size:,} bytes long; at most {limit:,}"),
    QT_TRANSLATE_NOOP("core", "is not valid UTF-8 (byte {at})"),
    QT_TRANSLATE_NOOP("core", "the values table is empty"),
    QT_TRANSLATE_NOOP("core", "the values table's first line cannot be read"),
    QT_TRANSLATE_NOOP("core", "the table's header (line {line}) cannot be read as CSV ({reason})"),
    QT_TRANSLATE_NOOP(
        "core",
        "the template uses {names}, which the table's header (line {line}: {header}) does not have",
    ),
    QT_TRANSLATE_NOOP("core", "the table has more than {n:,} rows"),
    QT_TRANSLATE_NOOP("core", "some rows of the values table are refused"),
    QT_TRANSLATE_NOOP("core", "the values table has no rows"),
    QT_TRANSLATE_NOOP("core", "is empty"),
    QT_TRANSLATE_NOOP("core", "cannot be read as CSV ({reason})"),
    QT_TRANSLATE_NOOP("core", "has {count} value; the header has {width}"),
    QT_TRANSLATE_NOOP("core", "has {count} values; the header has {width}"),
    QT_TRANSLATE_NOOP("core", "has no value for {names}"),
    QT_TRANSLATE_NOOP(
        "core", "makes a prompt of {size:,} characters; the model accepts at most {limit:,}"
    ),
    QT_TRANSLATE_NOOP("core", "some prompts are too long"),
    QT_TRANSLATE_NOOP("core", "{model} refuses some members"),
    QT_TRANSLATE_NOOP("core", "{message}"),
    # studio/core/conversation.py, responses_client.py
    QT_TRANSLATE_NOOP("core", "Moderation is 'low' or 'auto', not '{value}'."),
    QT_TRANSLATE_NOOP("core", "The Responses image tool makes one image per turn."),
    # studio/core/turns.py
    QT_TRANSLATE_NOOP("core", "Turn {turn} is not part of this thread."),
    QT_TRANSLATE_NOOP("core", "Thread {thread} has no finished turn to continue."),
    QT_TRANSLATE_NOOP("core", "Turn {turn} has no image to continue from."),
    # studio/core/history/groups.py: why a member of a comparison or batch was not finished
    QT_TRANSLATE_NOOP(
        "core", "The studio closed while this member was being sent; it is not sent again."
    ),
    QT_TRANSLATE_NOOP("core", "Discarded before it was sent."),
    # studio/core/history/store.py, models.py: why a job in the history made nothing
    QT_TRANSLATE_NOOP("core", "The provider returned no images."),
    QT_TRANSLATE_NOOP("core", "The studio closed before this job finished."),
    QT_TRANSLATE_NOOP("core", "{count} request failed; the other images were kept. {reason}"),
    QT_TRANSLATE_NOOP("core", "{count} requests failed; the other images were kept. {reason}"),
    # studio/core/batch.py: why a member of a batch was not sent
    QT_TRANSLATE_NOOP("core", "The spend cap stopped the batch before this member."),
    QT_TRANSLATE_NOOP("core", "The batch was cancelled before this member was sent."),
    # studio/core/client.py, studio/core/wire.py, studio/core/http.py: what a request lacks
    QT_TRANSLATE_NOOP("core", "{provider} has no usable address ({address})."),
    QT_TRANSLATE_NOOP("core", "Give either a file or a url."),
    QT_TRANSLATE_NOOP("core", "Cannot read {file}: {reason}."),
    QT_TRANSLATE_NOOP("core", "{name} is not a PNG, JPEG or WebP image."),
    QT_TRANSLATE_NOOP("core", "An edit needs at least one input image."),
    QT_TRANSLATE_NOOP("core", "A variation needs exactly one input image."),
    QT_TRANSLATE_NOOP("core", "Give a file or a url to upload."),
    QT_TRANSLATE_NOOP("core", "The CA file {path} cannot be used: {reason}."),
)
TEMPLATES: tuple[str, ...] = tuple(str(t) for t in (*_MARKED, *LIBRARY_MARKED, *METADATA_MARKED))

# why a member was not finished, as older versions stored it (English only, no phrase)
_STORED_BEFORE: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("core", "The batch was discarded before this member."),
)


@cache
def _stored_sentences() -> frozenset[str]:
    """The English sentences a member's stored reason may be without its phrase: the
    templates that take no values, and the older versions' ones."""
    return frozenset(t for t in (*TEMPLATES, *(str(t) for t in _STORED_BEFORE)) if "{" not in t)


# the sentences of StudioError.of / protocol_error and the phrases inside them
_ERRORS_MARKED: tuple[object, ...] = (
    # studio/core/http.py
    QT_TRANSLATE_NOOP("core", "Could not connect to the provider in time ({detail})."),
    QT_TRANSLATE_NOOP(
        "core",
        "The provider's TLS certificate could not be verified ({detail}). Behind a company proxy that inspects TLS, set its CA file in the network settings.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "Could not connect to the provider: {detail}."),
    QT_TRANSLATE_NOOP("core", "No connection became free in time."),
    QT_TRANSLATE_NOOP(
        "core",
        "The provider did not answer in time. It may still be working on the request (and charge for it); check before retrying, or raise the read timeout.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "Sending the request took too long."),
    QT_TRANSLATE_NOOP(
        "core",
        "The connection broke after the request was sent ({detail}). The provider may have processed it.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "Network failure: {detail}."),
    QT_TRANSLATE_NOOP("core", "The reply is {size} MB, over the {limit} MB limit."),
    QT_TRANSLATE_NOOP("core", "The reply is larger than the {limit} MB limit; it was not read."),
    QT_TRANSLATE_NOOP(
        "core", "The provider returned an image address the studio cannot fetch: {url}"
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Could not download the image (HTTP {status}; result links expire after about an hour): {reason}",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "Could not download the image (HTTP {status}): {reason}"),
    QT_TRANSLATE_NOOP("core", "Too many redirects while downloading the image."),
    # studio/core/client.py, service.py
    QT_TRANSLATE_NOOP(
        "core",
        "The provider redirected the request to {where}; check the base URL (the studio never forwards the key to another address).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "No images arrived."),
    QT_TRANSLATE_NOOP("core", "Unexpected error: {reason}"),
    QT_TRANSLATE_NOOP(
        "core",
        "The result could not be stored ({reason}). The reply is kept in the journal and stored at the next start, once there is room.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core", "The result could not be stored ({reason}), nor kept in the journal."
    ),
    # studio/core/streaming.py
    QT_TRANSLATE_NOOP(
        "core",
        "The stream was cut before the image was complete ({count} partial image had arrived).",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The stream was cut before the image was complete ({count} partial images had arrived).",
    ),
    QT_TRANSLATE_NOOP("core", "The stream was cut before the image was complete."),
    QT_TRANSLATE_NOOP("core", "The streamed reply is larger than the {limit} MB limit."),
    # studio/core/responses.py
    QT_TRANSLATE_NOOP("core", "The provider's reply was empty."),
    QT_TRANSLATE_NOOP("core", "The provider's reply is an HTML page, not JSON ({summary})."),
    QT_TRANSLATE_NOOP("core", "The provider's reply is not valid JSON (it may be cut off)."),
    QT_TRANSLATE_NOOP("core", "The provider sent image data that is not valid base64."),
    QT_TRANSLATE_NOOP("core", "The image from {url} is not a readable picture ({size} bytes)."),
    QT_TRANSLATE_NOOP("core", "The image is not a readable picture ({size} bytes)."),
    QT_TRANSLATE_NOOP("core", "The provider's reply is not a JSON object."),
    QT_TRANSLATE_NOOP("core", "The provider's reply has no image list (`data`)."),
    QT_TRANSLATE_NOOP("core", "The provider's reply contains no images."),
    QT_TRANSLATE_NOOP("core", "An image entry in the provider's reply is not an object."),
    QT_TRANSLATE_NOOP("core", "The image at {url} was not downloaded."),
    QT_TRANSLATE_NOOP(
        "core", "An image entry has neither `b64_json` nor a `url` the studio understands."
    ),
    QT_TRANSLATE_NOOP("core", "The upload reply has no `Resp` object."),
    QT_TRANSLATE_NOOP("core", "The upload reply has no `img_id`."),
    QT_TRANSLATE_NOOP("core", "The model list reply has no `data` list."),
    # studio/core/responses.py: result formats
    QT_TRANSLATE_NOOP(
        "core",
        "The reply says its images are {declared} but the data is {actual} ({size} bytes).",
    ),
    QT_TRANSLATE_NOOP("core", "not an image"),
    # studio/core/remote_inputs.py: the thumbnail of an input address
    QT_TRANSLATE_NOOP("core", "{url} is not an http or https address."),
    QT_TRANSLATE_NOOP(
        "core",
        "{url} carries a user name or password; the studio sends no credentials with an input address.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core", "{host} is {reason}; the studio fetches nothing from there for this provider."
    ),
    QT_TRANSLATE_NOOP("core", "{url} is not a picture the studio can show ({size} bytes)."),
    # studio/core/svgsafe.py: why a drawing is shown as a placeholder
    QT_TRANSLATE_NOOP("core", "The drawing repeats parts that repeat other parts (nested <use>)."),
    QT_TRANSLATE_NOOP(
        "core",
        "The drawing refers to an outside resource ({ref}); such references are never loaded.",
    ),
    QT_TRANSLATE_NOOP("core", "The drawing contains a script (the {name} attribute)."),
    QT_TRANSLATE_NOOP("core", "The drawing's style imports an outside stylesheet."),
    QT_TRANSLATE_NOOP("core", "The drawing declares a DTD (entities are never expanded)."),
    QT_TRANSLATE_NOOP("core", "The drawing declares an entity (entities are never expanded)."),
    QT_TRANSLATE_NOOP("core", "The drawing refers to an external entity."),
    QT_TRANSLATE_NOOP(
        "core",
        "The drawing is {size:,} bytes; drawings over {limit:,} bytes are not rendered.",
    ),
    QT_TRANSLATE_NOOP("core", "The document is empty."),
    QT_TRANSLATE_NOOP("core", "The drawing's viewBox is not four numbers ({box})."),
    QT_TRANSLATE_NOOP(
        "core",
        "The drawing's viewBox is {w:g}x{h:g}; at most {limit:g} a side is rendered.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The drawing declares a size of {w}x{h}; at most {limit:g} a side is rendered.",
    ),
    QT_TRANSLATE_NOOP("core", "The drawing has more than {limit:,} elements."),
    QT_TRANSLATE_NOOP("core", "The drawing nests more than {limit} levels deep."),
    QT_TRANSLATE_NOOP("core", "The drawing contains a <{name}> element."),
    QT_TRANSLATE_NOOP("core", "The drawing is not well-formed XML ({detail})."),
    QT_TRANSLATE_NOOP("core", "The drawing could not be read safely."),
    QT_TRANSLATE_NOOP("core", "The document is not an SVG drawing (its root is <{name}>)."),
    QT_TRANSLATE_NOOP(
        "core",
        "One attribute of the drawing is {size:,} characters; at most {limit:,}.",
    ),
    # studio/core/errorparse.py: error replies
    QT_TRANSLATE_NOOP("core", "an empty reply"),
    QT_TRANSLATE_NOOP("core", "an HTML page ({summary})"),
    QT_TRANSLATE_NOOP("core", "an unreadable reply: {text}"),
    QT_TRANSLATE_NOOP("core", "bad gateway"),
    QT_TRANSLATE_NOOP("core", "service unavailable"),
    QT_TRANSLATE_NOOP("core", "gateway timeout"),
    QT_TRANSLATE_NOOP("core", "unknown error"),
    QT_TRANSLATE_NOOP("core", "web server is down"),
    QT_TRANSLATE_NOOP("core", "connection timed out"),
    QT_TRANSLATE_NOOP("core", "origin is unreachable"),
    QT_TRANSLATE_NOOP("core", "timed out waiting for the provider"),
    QT_TRANSLATE_NOOP(
        "core",
        "A proxy in front of the provider answered HTTP {status} ({meaning}) with {what}. The request may still be processed; check before retrying.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core", "A proxy in front of the provider answered HTTP {status} ({meaning}) with {what}."
    ),
    QT_TRANSLATE_NOOP("core", "The provider refused the request on content grounds: {detail}"),
    QT_TRANSLATE_NOOP("core", "The account is out of quota or balance: {detail}"),
    QT_TRANSLATE_NOOP("core", "The provider rejected the API key (HTTP 401): {detail}"),
    QT_TRANSLATE_NOOP("core", "The provider rejected the API key (HTTP 401). It sent {what}."),
    QT_TRANSLATE_NOOP("core", "No balance, or access forbidden (HTTP 403): {detail}"),
    QT_TRANSLATE_NOOP("core", "No balance, or access forbidden (HTTP 403). It sent {what}."),
    QT_TRANSLATE_NOOP(
        "core", "The provider does not know this endpoint or model (HTTP 404): {detail}"
    ),
    QT_TRANSLATE_NOOP(
        "core", "The provider does not know this endpoint or model (HTTP 404). It sent {what}."
    ),
    QT_TRANSLATE_NOOP("core", "The request is too large for the provider (HTTP 413): {detail}"),
    QT_TRANSLATE_NOOP(
        "core", "The request is too large for the provider (HTTP 413). It sent {what}."
    ),
    QT_TRANSLATE_NOOP(
        "core", "Too many requests; the provider asks to slow down (HTTP 429): {detail}"
    ),
    QT_TRANSLATE_NOOP(
        "core", "Too many requests; the provider asks to slow down (HTTP 429). It sent {what}."
    ),
    QT_TRANSLATE_NOOP("core", "This provider does not offer this endpoint (HTTP 501): {detail}"),
    QT_TRANSLATE_NOOP(
        "core", "This provider does not offer this endpoint (HTTP 501). It sent {what}."
    ),
    QT_TRANSLATE_NOOP("core", "The provider reported an error: {detail}"),
    QT_TRANSLATE_NOOP("core", "The provider reported an error. It sent {what}."),
    QT_TRANSLATE_NOOP("core", "The provider had an internal error (HTTP {status}): {detail}"),
    QT_TRANSLATE_NOOP(
        "core", "The provider had an internal error (HTTP {status}). It sent {what}."
    ),
    QT_TRANSLATE_NOOP("core", "The provider rejected the request (HTTP {status}): {detail}"),
    QT_TRANSLATE_NOOP("core", "The provider rejected the request (HTTP {status}). It sent {what}."),
    # addresses: result links and plain HTTP (studio/core/addresses.py)
    QT_TRANSLATE_NOOP(
        "core",
        "The provider's image link points to {host}, {reason}; the studio does not fetch such links (the reply is kept in the journal).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "a cloud metadata address"),
    QT_TRANSLATE_NOOP("core", "a link-local address"),
    QT_TRANSLATE_NOOP("core", "an unspecified address"),
    QT_TRANSLATE_NOOP("core", "a multicast address"),
    QT_TRANSLATE_NOOP("core", "a broadcast address"),
    QT_TRANSLATE_NOOP("core", "a loopback or private address of this network"),
    QT_TRANSLATE_NOOP(
        "core",
        "{provider} is set to plain HTTP ({url}): the key and your images would cross the network unencrypted. Use https://, or allow plain HTTP for this provider in Settings → Providers.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The upload of a local file names it by its path, which {provider} cannot read from another machine. Upload by URL, or let this provider receive the file's bytes as a data URL (Settings → Providers).",  # noqa: E501
    ),
    # limits: the job deadline, stream and reply caps
    QT_TRANSLATE_NOOP(
        "core",
        "The stream sent only keep-alives for {seconds} s, no image; it was stopped. The provider may still be working on the request (and charge for it).",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core", "A stream event is larger than the {limit} MB limit; the stream was stopped."
    ),
    QT_TRANSLATE_NOOP("core", "The stream sent more than {limit} final images; it was stopped."),
    QT_TRANSLATE_NOOP(
        "core",
        "The provider sent {count} images where at most {limit} can be asked for; the reply was refused.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The job did not finish within its deadline of {seconds} s and was stopped. The provider may still be working on it (and charge for it); the deadline is in the network settings.",  # noqa: E501
    ),
    # studio/core/responses_client.py, responses_wire.py
    QT_TRANSLATE_NOOP(
        "core",
        "{provider} does not offer the Responses image tool (its profile does not say so); conversations need a provider that does.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The stream was cut before the turn was complete ({count} partial image had arrived). Send it again to retry; it may be billed again.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The stream was cut before the turn was complete ({count} partial images had arrived). Send it again to retry; it may be billed again.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("core", "The provider's reply is not a response object."),
    QT_TRANSLATE_NOOP("core", "The provider's reply has no output items."),
    QT_TRANSLATE_NOOP(
        "core", "The model answered without calling the image tool; nothing was drawn."
    ),
    # studio/core/batch.py
    QT_TRANSLATE_NOOP("core", "The provider {provider} is no longer configured."),
    # studio/core/group_spend.py
    # a spend cap on a group priced in several currencies ({currencies}: "USD, CNY")
    QT_TRANSLATE_NOOP(
        "core",
        "A spend cap is counted in one currency, but these targets are priced in {currencies}: run them without a cap, or run the targets of each currency separately.",  # noqa: E501
    ),
    # studio/core/group_inputs.py: a comparison of edits whose pictures are gone
    QT_TRANSLATE_NOOP("core", "The input images of this comparison cannot be read ({reason})."),
    QT_TRANSLATE_NOOP("core", "its record is damaged"),
    # studio/core/history/reads.py: a single job whose markup annotations are gone
    QT_TRANSLATE_NOOP(
        "core", "The markup drawn on this job's input image cannot be read ({reason})."
    ),
)
ERROR_TEMPLATES: tuple[str, ...] = tuple(str(t) for t in _ERRORS_MARKED)

#: the built-in capability tables' constraint messages (data, so listed here for lupdate)
_TABLES_MARKED: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("core", "A transparent background needs PNG or WebP output."),
    QT_TRANSLATE_NOOP("core", "GIF output takes no streaming, previews, mask or compression."),
    QT_TRANSLATE_NOOP(
        "core",
        "SVG output makes one image (n = 1) and takes no streaming, previews or compression.",
    ),
)
TABLE_TEXT: tuple[str, ...] = tuple(str(t) for t in _TABLES_MARKED)
