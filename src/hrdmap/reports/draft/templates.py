"""The draft's templates: packaged ones, each replaceable by a file of the same name in a user's folder.

The packaged set lives in ``hrdmap/reports/templates/draft/``:

- ``report.html.jinja`` and ``report.css``: the HTML (and, through WeasyPrint, the PDF) layout;
- ``print.css``: what the PDF adds (A4 pages, page numbers, footnotes at the foot of the page);
- ``docx-styles.yaml``: fonts, sizes and spacing of the DOCX styles; a ``reference.docx`` in the user's folder,
  when there is one, is used as the base document instead of python-docx's default;
- ``phrases.yaml``: every sentence the builder writes around the extracted passages (section titles, the
  mandate and method sentences, footnote credits), as Python format strings with named fields.

``--templates DIR`` points at a folder holding any of these files; the others come from the package, and a
user ``phrases.yaml`` only needs the keys it changes.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
import yaml

from hrdmap import safe_yaml
from hrdmap.domain.errors import InvalidInput

PACKAGE = "hrdmap.reports"
FOLDER = "templates/draft"


class TemplateError(InvalidInput):
    """A template file cannot be used; ``str()`` names the file and the reason."""


class Templates:
    """The template set of a draft: a user folder first, then the packaged files.

    Args:
        folder: The user's folder, or ``None`` for the packaged set only.

    Raises:
        TemplateError: ``folder`` is given and is not a folder.
    """

    def __init__(self, folder: Path | None = None) -> None:
        if folder is not None and not folder.is_dir():
            raise TemplateError(f"{folder}: templates folder not found")
        self.folder = folder

    def user_file(self, name: str) -> Path | None:
        """The user's file called ``name``, when the user folder has one."""
        if self.folder is None:
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def text(self, name: str) -> str:
        """The text of template ``name``, the user's version first."""
        user = self.user_file(name)
        if user is not None:
            return user.read_text("utf-8")
        return files(PACKAGE).joinpath(FOLDER, name).read_text("utf-8")

    def mapping(self, name: str) -> dict[str, Any]:
        """A YAML mapping: the packaged one, with the user's keys laid over it (nested mappings merged too).

        Raises:
            TemplateError: A file is not a YAML mapping.
        """
        merged = _yaml_mapping(files(PACKAGE).joinpath(FOLDER, name).read_text("utf-8"), name)
        user = self.user_file(name)
        if user is not None:
            for key, value in _yaml_mapping(user.read_text("utf-8"), str(user)).items():
                inner = merged.get(key)
                merged[key] = {**inner, **value} if isinstance(inner, dict) and isinstance(value, dict) else value
        return merged

    def phrases(self) -> dict[str, str]:
        """The builder's phrases (``phrases.yaml``), each a format string."""
        return {str(k): str(v) for k, v in self.mapping("phrases.yaml").items()}

    def jinja(self) -> jinja2.Environment:
        """A Jinja2 environment that finds the user's templates first, autoescaping HTML."""
        loaders: list[jinja2.BaseLoader] = []
        if self.folder is not None:
            loaders.append(jinja2.FileSystemLoader(str(self.folder)))
        loaders.append(jinja2.FunctionLoader(self._packaged))
        return jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    @staticmethod
    def _packaged(name: str) -> str | None:
        resource = files(PACKAGE).joinpath(FOLDER, name)
        return resource.read_text("utf-8") if resource.is_file() else None


def _yaml_mapping(text: str, source: str) -> dict[str, Any]:
    try:
        data = safe_yaml.load(text)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None)
        raise TemplateError(f"{source}: not valid YAML" + (f": {problem}" if problem else "")) from None
    if not isinstance(data, dict):
        raise TemplateError(f"{source}: expected a mapping of names to values")
    return data
