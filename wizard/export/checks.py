"""`check --for hf|croissant|neurips`: what a destination still lacks or would reject, with "did you mean"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.export import targets
from wizard.export.collect import exports_of, raw_values, state_of, targeted
from wizard.untrusted import shown

if TYPE_CHECKING:
    from wizard.bank import Question
    from wizard.session import Session

DESTINATIONS = ("hf", "croissant", "neurips")
# What the Hub needs for a card to be found and filtered: the front matter keys people search by.
HF_NEEDED = ("license", "language", "task_categories", "size_categories", "dataset_summary")


def _bank_targets(session: Session, destination: str) -> list[str]:
    """Export names in the bank that the destination does not know (a typo in a custom bank)."""
    import difflib

    problems = []
    known = targets.all_targets(destination)
    for question in session.bank.questions:
        target = exports_of(question).get(destination)
        if target and not targets.is_target(destination, target):
            close = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(f"bank: question {question.id!r} exports to {destination} {target!r}, "
                            f"which is not a {destination} target{hint}")
    return problems


def _who(questions: list[Question]) -> str:
    return ", ".join(f"{q.id!r} ({q.prompt})" for q in questions)


def _missing(session: Session, destination: str, needed: tuple[str, ...], label: dict[str, str] | None = None,
             *, title_ok: bool = True) -> list[str]:
    """Needed targets with no usable answer: unanswered, or no question of the bank fills them."""
    feeding = targeted(session, destination)
    problems = []
    for target in needed:
        name = (label or {}).get(target, target)
        if target in ("name", "pretty_name"):
            if not title_ok:
                problems.append(f"{name}: the draft has no title; give it one (the dataset's name)")
            continue
        questions = feeding.get(target, [])
        if not questions:
            problems.append(f"{name}: no question of the bank {session.bank.id!r} fills it")
            continue
        states = [state_of(session, q)[0] for q in questions]
        if not any(s in ("answered", "na", "unknown", "invalid") for s in states):
            problems.append(f"{name}: not answered yet; answer {_who(questions)}")
    return problems


_VOCAB_WHAT = {"licenses": "a Hub license id", "languages": "an ISO 639-1 or 639-3 language code",
               "hf-tasks": "a Hub task category", "size-categories": "a Hub size category"}


def vocabulary_problems(session: Session, destination: str) -> list[str]:
    """Values of vocabulary questions that are not on the list, with "did you mean"."""
    from wizard import vocabulary

    problems = []
    for target, questions in targeted(session, destination).items():
        for q in questions:
            name = getattr(q, "vocabulary", "")
            if not name or name not in vocabulary.names():
                continue
            for value in raw_values(session, q):
                if not vocabulary.is_valid(name, value):
                    what = _VOCAB_WHAT.get(name, f"in the {name} list")
                    problems.append(f"{target}: {vocabulary.describe(name, value, what)}")
    return problems


def _invalid(session: Session, destination: str) -> list[str]:
    """Answers the bank's rules reject (a line failing its format, a value not an option)."""
    problems = []
    for target, questions in targeted(session, destination).items():
        for q in questions:
            state, problem = state_of(session, q)
            if state == "invalid" and not getattr(q, "vocabulary", ""):
                problems.append(f"{target}: the answer to {q.id!r} is invalid" + (f": {problem}" if problem else ""))
    return problems


def check_hf(session: Session) -> list[str]:
    from wizard.export.hf import front_matter

    _fm, fm_problems, _sections = front_matter(session)
    problems = _bank_targets(session, "hf") + vocabulary_problems(session, "hf")
    problems += [p for p in fm_problems + _invalid(session, "hf") if p not in problems]
    problems += _license_other(session, "hf")
    problems += _missing(session, "hf", ("pretty_name",) + HF_NEEDED, title_ok=bool(session.draft.title.strip()))
    return problems


def _license_other(session: Session, destination: str) -> list[str]:
    from wizard.export.collect import raw_values

    for q in targeted(session, destination).get("license", []):
        if "other" in raw_values(session, q):
            return ["license: 'other' also needs `license_name` and `license_link` in the card's front matter "
                    "(add them to the README by hand; a merge keeps them), or choose a listed license"]
    return []


def check_croissant(session: Session, *, rai: tuple[str, ...] = ()) -> list[str]:
    from wizard.export.croissant import properties

    props, prop_problems = properties(session)
    problems = _bank_targets(session, "croissant") + vocabulary_problems(session, "croissant")
    problems += [p for p in prop_problems if p not in problems]
    problems += _invalid(session, "croissant")
    missing = _missing(session, "croissant", targets.CROISSANT_REQUIRED + rai,
                       title_ok=bool(session.draft.title.strip()))
    problems += missing
    # Required properties need a value: a core property marked not applicable or unknown writes nothing.
    named = {m.split(":", 1)[0] for m in missing}
    feeding = targeted(session, "croissant")
    for target in targets.CROISSANT_REQUIRED:
        if target == "name" or target in props or target in named:
            continue
        questions = feeding.get(target, [])
        if any(state_of(session, q)[0] == "invalid" for q in questions) or any(target in p for p in problems):
            continue
        problems.append(f"{target}: required by Croissant, but {_who(questions)} is marked not applicable "
                        "or unknown; give the value")
    return problems


def check_destination(session: Session, destination: str) -> list[str]:
    if destination == "hf":
        return check_hf(session)
    if destination == "croissant":
        return check_croissant(session)
    if destination == "neurips":
        return check_croissant(session, rai=targets.NEURIPS_RAI)
    raise ValueError(destination)


TITLES = {"hf": "the Hugging Face Hub", "croissant": "Croissant 1.1 + RAI 1.0",
          "neurips": "NeurIPS (Croissant core + minimal RAI)"}


def report(destination: str, problems: list[str]) -> str:
    where = TITLES[destination]
    if not problems:
        return f"Ready for {where}: nothing missing or invalid."
    lines = [f"For {where}, {len(problems)} thing{'s' if len(problems) != 1 else ''} to fix:"]
    lines += [f"  - {shown(p)}" for p in problems]
    return "\n".join(lines)
