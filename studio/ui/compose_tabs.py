"""The composer's Tab order: down the column as it reads.

Qt's default order is the order widgets were made, and the composer's parts are made
at different times (the options on every model change, the inputs when Edit first
shows them), so Tab wandered: from the model picker to the messages and Generate,
from the prompt to the result and the jobs before the options. The order is set again
whenever the options are rebuilt or the inputs are made; the boxes that only show text
(the form's scroll area, the messages) take no focus.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from studio.ui.compose_panel import ComposePanel


def tab_chain(compose: ComposePanel) -> list[QWidget]:
    """The composer's widgets in the order Tab visits them."""
    prompt = compose.prompt
    chain: list[QWidget] = [
        compose.modes,
        compose.provider_box,
        compose.model_box,
        compose.switch_button,
        prompt.library_button,
        prompt.recent_button,
        prompt.snippet_button,
        prompt.text,
    ]
    if compose.inputs_page.built():
        inputs = compose.inputs_page.widget()
        chain += [
            inputs.add_button,
            inputs.url_button,
            inputs.paste_button,
            inputs.remove_button,
            inputs.clear_button,
            inputs.list,
        ]
    chain += compose.params.focus_order()
    chain.append(compose.generate_button)
    return chain


def order_tabs(compose: ComposePanel) -> None:
    chain = tab_chain(compose)
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)


def keep_tab_order(compose: ComposePanel) -> None:
    """Order the composer's Tab chain now and whenever its parts are made again."""
    for shows_only in (compose.form_scroll, compose.messages):
        shows_only.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    compose.params.rebuilt.connect(lambda: order_tabs(compose))
    compose.inputs_page.made.connect(lambda _panel: order_tabs(compose))
    order_tabs(compose)
