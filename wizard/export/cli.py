"""The command line's publishing commands: `render --format croissant|hf [--merge-into]` and `check --for`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.errors import WizardError


def _session(draft: Path):  # type: ignore[no-untyped-def]
    from wizard.session import Session

    return Session.open(draft, lock=False)


def _refusal(problems: list[str]) -> WizardError:
    from wizard.export.checks import report

    return WizardError(
        "render --format hf refused to write ids the Hub would reject.\n" + report("hf", problems)
        + "\nFix these answers (`check --for hf` lists the same), or pass --allow-invalid to write them anyway.")


def cmd_render_export(args: argparse.Namespace) -> int:
    fmt, draft, output, merge_into = args.format, args.draft, args.output, args.merge_into
    if fmt not in ("croissant", "hf"):
        raise WizardError(f"--merge-into and --allow-invalid apply to --format croissant or hf, not {fmt}.")
    if args.allow_invalid and fmt != "hf":
        raise WizardError("--allow-invalid applies to --format hf only.")
    session = _session(draft)
    warnings: list[str] = []
    if fmt == "croissant":
        from wizard.export.croissant import render_croissant, render_croissant_merged

        text = render_croissant_merged(session, merge_into) if merge_into else render_croissant(session)
    else:
        from wizard.export.hf import ExportRefused, render_hf, render_hf_merged

        try:
            if merge_into:
                text, warnings = render_hf_merged(session, merge_into, allow_invalid=args.allow_invalid)
            else:
                text = render_hf(session, allow_invalid=args.allow_invalid)
        except ExportRefused as exc:
            raise _refusal(exc.problems) from None
        if args.allow_invalid:
            from wizard.export.hf import card

            warnings += [f"written although the Hub will reject it: {p}" for p in card(session).problems]
    if warnings:
        from wizard.untrusted import shown

        for warning in warnings:
            print(f"datasheet-wizard: warning: {shown(warning)}", file=sys.stderr)
    target = output if output is not None else merge_into
    if target is not None and str(target) != "-" and target.resolve() == draft.resolve():
        raise WizardError(f"-o {target} is the draft itself; choose another file for the {fmt} output.")
    from wizard.outputs import emit  # one rule for every output: stdout, special files, atomic replace

    if emit(target, text, fmt):
        print(f"Wrote {target} ({fmt}{', merged' if merge_into else ''}).", file=sys.stderr)
    return 0


def cmd_check_for(draft: Path, destination: str) -> int:
    from wizard.report import check_report
    from wizard.export.checks import check_destination, report

    session = _session(draft)
    problems = check_destination(session, destination)
    print(check_report(session))
    print()
    print(report(destination, problems))
    return 0 if session.complete and not problems else 1
