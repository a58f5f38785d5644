"""The plain prompts and the full-screen app are two faces of one session: same answers, same draft."""

from __future__ import annotations

import asyncio

from tests.helpers.drafts import disk_answers
from tests.helpers.paths import MINI
from tests.helpers.plain import ENTER, SPACE, drive, line, pick, text
from wizard.app.app import WizardApp
from wizard.bank import load_bank
from wizard.session import Session


async def test_plain_and_app_write_the_same_draft(tmp_path):
    bank = load_bank(MINI)

    plain_path = tmp_path / "plain.datasheet.toml"
    plain = Session.create(bank, "Same", plain_path)
    keys = (
        text("Why we made it")  # purpose
        + line("CB")  # name
        + pick(0) + ENTER  # kind: images; no explanation
        + pick(0)  # relates: yes
        + text("Volunteers")  # explanation
        + text("Signed forms")  # consent (revealed by yes)
        + SPACE + ENTER + ENTER  # tags: faces; no explanation
    )
    await asyncio.to_thread(drive, plain, keys)  # questionary runs its own event loop

    app_path = tmp_path / "app.datasheet.toml"
    session = Session.create(bank, "Same", app_path)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"Why we made it", "ctrl+n", *"CB", "enter")
        await pilot.press("enter", "ctrl+n")  # the list has the focus: Enter picks images
        await pilot.press("enter", *"Volunteers", "ctrl+n")  # yes; letters typed on the list go to the explanation
        await pilot.press(*"Signed forms", "ctrl+n")
        await pilot.press("space", "ctrl+s", "ctrl+q")

    expected = {
        "purpose": {"status": "answered", "text": "Why we made it"},
        "name": {"status": "answered", "text": "CB"},
        "kind": {"status": "answered", "value": "images"},
        "relates": {"status": "answered", "value": "yes", "text": "Volunteers"},
        "consent": {"status": "answered", "text": "Signed forms"},
        "tags": {"status": "answered", "value": ["faces"]},
    }
    assert disk_answers(plain_path) == expected
    assert disk_answers(app_path) == expected
    # the drafts differ only in their file names' slugs and timestamps
    strip = lambda p: [l for l in p.read_text().splitlines() if not l.startswith(("created", "updated", "current"))]  # noqa: E731
    assert strip(plain_path) == strip(app_path)
