"""The app's palette offers "export: Croissant" and "export: Hugging Face card"; they write beside the draft."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.publish import example_copy


async def test_palette_exports_write_beside_the_draft(tmp_path: Path) -> None:
    from wizard.app.app import WizardApp
    from wizard.app.commands import ACTIONS
    from wizard.session import Session

    names = [name for name, _help, _action in ACTIONS]
    assert "export: Croissant" in names and "export: Hugging Face card" in names
    draft = example_copy(tmp_path)
    session = Session.open(draft)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await app.run_action("export_croissant")
        await app.run_action("export_hf")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
    assert (tmp_path / "example.croissant.json").exists()
    assert (tmp_path / "example.README.md").read_text(encoding="utf-8").startswith("---\npretty_name: TinyObjects-10\n")
    assert any("example.README.md" in n for n in notes)


def test_plain_mode_offers_the_exports_at_the_end(tmp_path: Path) -> None:
    from tests.helpers.plain import ENTER, drive
    from wizard.session import Session

    draft = example_copy(tmp_path)
    session = Session.open(draft)
    session.go("total_instances")  # the last question of the default bank
    try:
        # keep the answer; no Markdown; yes to Croissant; yes to the card; then the keys run out
        code, out = drive(session, ENTER + "n" + "y" + "y")
    finally:
        session.close()
    assert "example.croissant.json (Croissant metadata)." in out
    assert "example.README.md (Hugging Face dataset card)." in out
    assert (tmp_path / "example.croissant.json").exists()
    assert (tmp_path / "example.README.md").read_text(encoding="utf-8").startswith("---\npretty_name: TinyObjects-10\n")
