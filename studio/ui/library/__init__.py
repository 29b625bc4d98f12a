"""The prompt library's window parts: the dialog, the edit form, and the composer's menus."""
