import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_readme_opens_with_setup_and_test_commands():
    setup, tests = readme_commands()[:2]
    assert "quizbot play" in setup
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    tests = readme_commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert tests in ci_lines


def test_every_link_to_a_file_stays_inside_the_repository():
    for target in re.findall(r"\]\((?!https?://|#)([^)]+)\)", (ROOT / "README.md").read_text()):
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT) and path.is_file(), target
