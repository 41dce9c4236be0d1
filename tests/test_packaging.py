"""The distribution's name and the install lines a new user copies."""
import re
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME = PROJECT["name"]


def test_the_distribution_has_its_own_name_and_keeps_the_command():
    # "mrx" on the public index belongs to an unrelated package.
    assert NAME == "mrx-reports"
    assert PROJECT["scripts"] == {"mrx": "extractor.cli:run"}


def test_extras_name_the_distribution_itself():
    references = [r for reqs in PROJECT["optional-dependencies"].values() for r in reqs if "[" in r]
    assert references, "the test extra pulls in the other extras"
    for requirement in references:
        name, extras = re.match(r"([\w.-]+)\[([\w,-]+)\]", requirement).groups()
        assert name == NAME, requirement
        assert set(extras.split(",")) <= set(PROJECT["optional-dependencies"]), requirement


def test_the_installed_distribution_is_this_one():
    dist = metadata.distribution(NAME)
    assert [ep.value for ep in dist.entry_points if ep.name == "mrx"] == ["extractor.cli:run"]


def documents():
    yield ROOT / "README.md"
    yield from (ROOT / "docs").glob("*.md")
    yield from (ROOT / "extractor").rglob("*.py")
    yield ROOT / "Makefile"


def test_no_install_line_names_another_package():
    wrong = re.compile(r"pip install\s+['\"]?mrx(\[|\b(?!-reports))")
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in documents()
             for m in wrong.finditer(p.read_text(encoding="utf-8"))]
    assert not found


def test_readme_opens_with_the_two_commands_and_says_how_to_reach_mrx():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make run", "make test"]
    after = readme.split("```")[2]
    for way in (".venv/bin/mrx", "source .venv/bin/activate", "pipx install ."):
        assert way in after, way
    assert "pip install -e '.[notebook]'" in readme
