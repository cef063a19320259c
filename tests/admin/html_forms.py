"""Read a page's form the way a browser submits it, so that admin tests POST what a user would."""

from html.parser import HTMLParser

SKIPPED_INPUT_TYPES = {"submit", "button", "reset", "file", "image"}


class _FormParser(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.pairs: list[tuple[str, str]] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            wanted = (
                attrs.get("id") == self.form_id if self.form_id else attrs.get("id", "").endswith("_form")
            )
            self.in_form = wanted and (attrs.get("method") or "").lower() == "post"
            return
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in SKIPPED_INPUT_TYPES:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.pairs.append((name, attrs.get("value") or "on"))
                return
            self.pairs.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": attrs.get("value"), "selected": "selected" in attrs, "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [option for option in options if option["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"].strip()
                self.pairs.append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            # Browsers drop the newline that directly follows <textarea>.
            self.pairs.append((self._textarea["name"], text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_data(response, form_id: str | None = None) -> dict[str, str | list[str]]:
    """The data a browser would submit from the page's admin form (``<form id="…_form">``).

    The empty templates of inline rows (``__prefix__``) are left out, like the admin's JavaScript
    does. A name given several times maps to a list.
    """
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    data: dict[str, str | list[str]] = {}
    for name, value in parser.pairs:
        if "__prefix__" in name:
            continue
        if name in data:
            current = data[name]
            data[name] = [*current, value] if isinstance(current, list) else [current, value]
        else:
            data[name] = value
    return data


def fill_inline(data: dict, prefix: str, rows: list[dict]) -> dict:
    """Fill new rows of the inline ``prefix`` after its existing rows and update its management form."""
    initial = int(data[f"{prefix}-INITIAL_FORMS"])
    for offset, row in enumerate(rows):
        for field, value in row.items():
            data[f"{prefix}-{initial + offset}-{field}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(initial + len(rows))
    return data
