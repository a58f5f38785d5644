"""`datasheet-wizard import`: read the source, print the report, write the draft (unless --dry-run)."""

from __future__ import annotations

import argparse
import sys

from wizard.errors import WizardError


def cmd_import(args: argparse.Namespace) -> int:
    from wizard.bank import find_bank
    from wizard.importer import create_draft, hidden_answers, orphan_ids, read_source, stage
    from wizard.importer.report import render_report

    bank = find_bank(args.bank)
    title = args.title.strip() if args.title is not None else None
    if title is not None and not title:
        raise WizardError("--title must not be empty: give the dataset's name, e.g. --title \"CityBirds\".")
    path = args.draft
    if path is not None and (path.exists() or path.is_symlink()) and not args.dry_run:
        raise WizardError(f"{path} already exists; an import never overwrites a file. Choose another --draft.")
    result = read_source(args.source, bank)
    title = title or result.title or args.source.stem
    ids = orphan_ids(result, bank)
    staging = stage(result, bank)
    report = render_report(result, bank, ids, hidden_answers(staging))
    if args.dry_run:
        print(report)
        print("\n(dry run: nothing was written)")
        return 0
    from wizard.draft import default_draft_path

    path = path or default_draft_path(title)
    if path.exists() or path.is_symlink():
        raise WizardError(f"{path} already exists; an import never overwrites a file. Choose another --draft, or "
                          f"--title for another name.")
    session = create_draft(result, bank, title, path, staging)
    from wizard.statefiles import remember_session  # not wizard.recent: RecentDraft is not needed to write the list

    remember_session(session)
    print(report)
    print(f"\nWrote {path}. Carry on with `datasheet-wizard resume {path}`.")
    sys.stdout.flush()
    return 0
