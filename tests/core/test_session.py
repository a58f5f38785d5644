"""The UI-free session: moving over visible questions, conditions, progress, autosave policy."""

from __future__ import annotations

from wizard.answers import Status

import tomllib

import pytest

from wizard.draft import Answer, Draft
from wizard.errors import DraftError
from wizard.session import DEBOUNCE, MAX_WAIT, Session


def ids(questions):
    return [q.id for q in questions]


def test_new_draft_is_written_at_once_and_never_overwrites(tmp_path, mini_bank):
    path = tmp_path / "d.datasheet.toml"
    s = Session.create(mini_bank, "  Birds  ", path)
    data = tomllib.loads(path.read_text())
    assert data["draft"]["title"] == "Birds" and data["draft"]["bank"] == "mini"
    assert data["draft"]["bank_sha256"] == mini_bank.sha256
    # Format 2: every question has its table from the start; where the author stands is not in the file.
    assert data["format"] == 2 and "current" not in data["draft"] and "updated" not in data["draft"]
    assert list(data["answers"]) == [q.id for q in mini_bank.questions]
    s.close()
    with pytest.raises(DraftError, match="already exists"):
        Session.create(mini_bank, "Birds", path)


def test_next_and_previous_walk_visible_questions_only(mini_session):
    s = mini_session
    assert ids(s.visible_questions()) == ["purpose", "name", "kind", "relates"]
    seen = [s.current.id]
    while s.next():
        seen.append(s.current.id)
    assert seen == ["purpose", "name", "kind", "relates"] and s.at_end
    s.choose("relates", "yes")
    assert s.next() and s.current.id == "consent"
    s.tick("tags", ("names",))
    assert ids(s.visible_questions())[-1] == "names_note"  # a section revealed by a multichoice answer
    assert s.previous() and s.current.id == "relates"
    s.go("kind")
    assert s.position() == 3


def test_hiding_keeps_answers_and_moves_off_hidden_questions(mini_session):
    s = mini_session
    s.choose("relates", "yes")
    s.go("consent")
    s.write_text("consent", "Signed forms.")
    s.choose("relates", "no")
    assert "consent" not in ids(s.visible_questions())
    assert s.answer("consent").text == "Signed forms."
    assert [q.id for q in s.hidden_answers()] == ["consent"]
    assert s.next() and s.current.id == "relates"  # the nearest visible place
    s.go("consent")
    assert s.current.id == "relates"


def test_progress_counts_visible_and_marks(mini_session):
    s = mini_session
    assert str(s.progress()) == "0/4"
    s.write_text("purpose", "Testing.")
    s.mark("name", Status.NA, "No short name.")
    s.mark("kind", Status.UNKNOWN)
    assert str(s.progress()) == "3/4"
    about = s.bank.section("about")
    assert str(s.section_progress(about)) == "3/3"
    assert ids(s.missing(required_only=True)) == ["relates"]
    s.choose("relates", "yes")
    assert str(s.progress()) == "4/6"
    assert ids(s.missing()) == ["consent", "tags"]  # required first
    assert not s.complete
    s.write_text("consent", "yes")
    assert s.complete
    assert s.state_of(s.bank.question("name")) == "na"
    assert s.state_of(s.bank.question("tags")) == "unanswered"


def test_typing_over_a_mark_makes_it_an_answer(mini_session):
    s = mini_session
    s.mark("purpose", Status.NA, "why")
    s.write_text("purpose", "Real answer")
    assert s.answer("purpose") == Answer("answered", "Real answer")
    s.write_text("purpose", "   ")
    assert s.answer("purpose") is None


def test_choice_text_is_kept_when_value_changes(mini_session):
    s = mini_session
    s.choose("relates", "yes")
    s.explain("relates", "Volunteers.")
    s.choose("relates", "no")
    assert s.answer("relates") == Answer("answered", "Volunteers.", "no")


def test_autosave_policy_debounces_but_never_waits_more_than_a_second(tmp_path, mini_bank):
    t = [100.0]
    s = Session(mini_bank, Session.create(mini_bank, "T", tmp_path / "t.datasheet.toml").draft, tmp_path / "t.datasheet.toml", clock=lambda: t[0])
    assert s.seconds_until_save() is None
    s.write_text("purpose", "a")
    assert s.seconds_until_save() == pytest.approx(DEBOUNCE)
    for _ in range(10):  # typing steadily
        t[0] += 0.1
        s.write_text("purpose", s.answer("purpose").text + "b")
    assert s.save_due()  # the max wait has passed although typing never paused
    assert MAX_WAIT < 1.0
    s.save()
    assert not s.dirty and s.seconds_until_save() is None
    data = tomllib.loads((tmp_path / "t.datasheet.toml").read_text())
    assert data["answers"]["purpose"]["text"] == "a" + "b" * 10


def test_resume_opens_at_the_last_question_and_reports_orphans(tmp_path, mini_bank):
    path = tmp_path / "r.datasheet.toml"
    s = Session.create(mini_bank, "R", path)
    s.choose("relates", "yes")
    s.go("consent")
    s.close()
    text = path.read_text().replace("[answers.relates]", '[answers.old_q]\nstatus = "answered"\ntext = "kept"\n\n[answers.relates]')
    path.write_text(text)
    again = Session.open(path)
    assert again.current.id == "consent"
    assert [o.id for o in again.orphans()] == ["old_q"]
    again.write_text("purpose", "x")
    again.save()
    assert "[answers.old_q]" in path.read_text()
    again.close()


def test_bank_change_is_reported(tmp_path, mini_bank):
    bank_copy = tmp_path / "mini.toml"
    bank_copy.write_bytes(mini_bank.path.read_bytes())
    from wizard.bank import load_bank

    path = tmp_path / "b.datasheet.toml"
    Session.create(load_bank(bank_copy), "B", path).close()
    assert 'bank_path = "mini.toml"' in path.read_text()
    assert not Session.open(path, lock=False).bank_changed
    bank_copy.write_text(bank_copy.read_text() + "\n# edited\n")
    assert Session.open(path, lock=False).bank_changed


def test_a_missing_bank_file_says_where_it_was_expected(tmp_path, mini_bank):
    bank_copy = tmp_path / "ours.toml"
    bank_copy.write_bytes(mini_bank.path.read_bytes())
    from wizard.bank import load_bank
    from wizard.errors import BankError

    path = tmp_path / "m.datasheet.toml"
    Session.create(load_bank(bank_copy), "M", path).close()
    bank_copy.unlink()
    with pytest.raises(BankError, match="bank file is missing"):
        Session.open(path)


def test_second_session_is_read_only(tmp_path, mini_bank):
    path = tmp_path / "l.datasheet.toml"
    first = Session.create(mini_bank, "L", path)
    second = Session.open(path)
    assert second.read_only and "already open" in second.read_only_reason
    second.write_text("purpose", "ignored")
    second.close()
    assert "ignored" not in path.read_text()
    first.close()
    third = Session.open(path)
    assert not third.read_only
    third.close()


def test_hand_edit_is_not_overwritten(tmp_path, mini_bank):
    import os

    path = tmp_path / "h.datasheet.toml"
    s = Session.create(mini_bank, "H", path)
    path.write_text(path.read_text().replace('title = "H"', 'title = "Hand"'))
    os.utime(path, ns=(5, 5))
    assert s.changed_on_disk
    s.write_text("purpose", "mine")
    with pytest.raises(DraftError, match="changed by another program"):
        s.save()
    s.reload_from_disk()
    assert s.draft.title == "Hand" and s.answer("purpose") is None
    s.close()


def test_visibility_follows_text_answers_that_a_rule_reads_while_typing_elsewhere_keeps_it(tmp_path):
    """Typing re-checks visibility and progress only when it can change them: when an answer is
    emptied or filled, or when a `when` rule reads the answer being typed."""
    from wizard.bank import load_bank

    bank_file = tmp_path / "b.toml"
    bank_file.write_text(
        'format = 1\n[bank]\nid = "b"\ntitle = "B"\nversion = "1"\n'
        '[[sections]]\nid = "s"\ntitle = "S"\n'
        '[[sections.questions]]\nid = "code"\nprompt = "Code?"\ntype = "line"\n'
        '[[sections.questions]]\nid = "notes"\nprompt = "Notes?"\n'
        '[[sections.questions]]\nid = "secret"\nprompt = "Only for code x"\nwhen = { question = "code", equals = "x" }\n',
        encoding="utf-8")
    s = Session.create(load_bank(bank_file), "T", tmp_path / "t.datasheet.toml", lock=False)
    assert ids(s.visible_questions()) == ["code", "notes"]
    s.write_text("code", "x")
    assert ids(s.visible_questions()) == ["code", "notes", "secret"]
    s.write_text("code", "xy")  # still answered, but the rule reads its words
    assert ids(s.visible_questions()) == ["code", "notes"]
    s.write_text("notes", "a")
    assert str(s.progress()) == "2/2"
    revision = s._answers_revision  # noqa: SLF001 - the cache key typing must not churn
    for text in ("ab", "abc", "abc d"):
        s.write_text("notes", text)
    assert s._answers_revision == revision and str(s.progress()) == "2/2"  # noqa: SLF001
    s.write_text("notes", "")
    assert str(s.progress()) == "1/2" and s.state_of(s.bank.question("notes")) == "unanswered"


def test_set_answer_cleans_text_and_keeps_the_old_answers_unknown_keys(tmp_path, mini_bank):
    """A clean answer is stored as given (not copied); one to clean, or one that drops the unknown
    keys of the answer it replaces, is stored cleaned and with those keys."""
    s = Session(mini_bank, Draft(title="T", bank_id="mini"))
    clean = Answer(text="Birds.", extra={"heading": "Purpose"})
    s.set_answer("purpose", clean)
    assert s.answer("purpose") is clean
    s.set_answer("purpose", Answer(text="Birds.\r\nAll.\x00", other="a\rb"))
    stored = s.answer("purpose")
    assert (stored.text, stored.other, stored.extra) == ("Birds.\nAll.", "a\nb", {"heading": "Purpose"})
    bare = Answer(text="Ducks.")
    s.set_answer("name", bare)
    assert s.answer("name") is bare and s.answer("name").extra == {}


def test_an_answer_that_appears_or_goes_bumps_the_standing_without_being_judged(mini_session, monkeypatch):
    """Judging a new answer may compile its format's pattern; whether it appeared is enough to know
    that what is visible or counted may change. Edits of a stored answer are judged as before."""
    import wizard.answers

    s = mini_session
    real = wizard.answers.verdict
    monkeypatch.setattr(wizard.answers, "verdict", lambda q, a: pytest.fail("judged"))
    before = s.standing_revision
    s.write_text("purpose", "Birds.")
    assert s.standing_revision == before + 1
    s.clear("purpose")
    assert s.standing_revision == before + 2
    s.write_text("purpose", "Birds.")
    monkeypatch.setattr(wizard.answers, "verdict", real)
    before = s.standing_revision
    s.write_text("purpose", "Birds and bees.")  # still answered: typing does not churn the standing
    assert s.standing_revision == before
    s.mark("purpose", Status.NA)
    assert s.standing_revision == before + 1


def _theirs(path, mark):  # type: ignore[no-untyped-def]
    """Another program's edit of the draft: a comment line added."""
    path.write_text(path.read_text(encoding="utf-8") + f"# {mark}\n", encoding="utf-8")


@pytest.mark.parametrize("moment", ["after our save's rename", "while we open the draft", "while we reload it"])
def test_an_edit_by_another_program_at_any_moment_is_never_taken_for_ours(tmp_path, mini_bank, monkeypatch, moment):
    """The stamp that tells our writes from theirs is taken from the file we wrote (before its
    rename) and before we read one, never from the path afterwards: an edit landing just after our
    rename, or between our read and a look at the file, is found at the next save (the author is
    asked), not overwritten by it."""
    import wizard.draft_writer as writer_module
    import wizard.session as session_module
    from wizard.errors import DraftChangedOnDisk

    path = tmp_path / "race.datasheet.toml"
    session = Session.create(mini_bank, "Race", path)
    if moment == "after our save's rename":
        real_write = writer_module.atomic_write

        def write_then_theirs(target, text, **options):  # type: ignore[no-untyped-def]
            written = real_write(target, text, **options)
            _theirs(target, "theirs, just after our rename")
            return written

        session.write_text("purpose", "mine")
        monkeypatch.setattr(writer_module, "atomic_write", write_then_theirs)
        session.save()
        monkeypatch.undo()
    else:
        session.close()
        real_load = session_module.load_draft

        def load_then_theirs(target):  # type: ignore[no-untyped-def]
            draft = real_load(target)
            _theirs(target, "theirs, just after our read")
            return draft

        if moment == "while we open the draft":
            monkeypatch.setattr(session_module, "load_draft", load_then_theirs)
            session = Session.open(path)
        else:
            session = Session.open(path)
            _theirs(path, "theirs, which the reload takes")
            monkeypatch.setattr(session_module, "load_draft", load_then_theirs)
            session.reload_from_disk()
        monkeypatch.undo()
    session.write_text("purpose", "mine, and more")
    with pytest.raises(DraftChangedOnDisk):
        session.save()
    assert "# theirs, just after our" in path.read_text(encoding="utf-8")  # their last edit is still there
