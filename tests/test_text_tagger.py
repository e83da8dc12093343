"""The note tagger on real marked notes: reading them, their tags, a few training steps on a
tiny subset of HPO, the safetensors folder, linking through the recognizer, and clear
errors (no full training here: docs/recognition.md has the trained tagger's numbers)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

pytest.importorskip("faiss")
pytest.importorskip("transformers")

from kgmed.errors import BundleError, InputError  # noqa: E402
from kgmed.text import ConceptRecognizer  # noqa: E402
from kgmed.text import tagger as tagger_module  # noqa: E402
from kgmed.text.recognizer import _tagged_status  # noqa: E402
from kgmed.text.tagger import NoteTagger, _tagged_windows, read_marked_notes, train_tagger  # noqa: E402

NOTES = Path(__file__).resolve().parents[1] / "pipelines" / "data" / "clinical-notes-10-cases.jsonl"
SKIPPED = Path(__file__).resolve().parents[1] / "pipelines" / "data" / "clinical-notes-2-cases.jsonl"


@pytest.fixture(scope="module")
def few_notes(tmp_path_factory):
    path = tmp_path_factory.mktemp("notes") / "notes.jsonl"
    path.write_text("\n".join(NOTES.read_text(encoding="utf-8").splitlines()[:4]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def subset_rows(default_kg, few_notes):
    kg = default_kg
    rows = {kg.index(kg.resolve(h)) for n in read_marked_notes([few_notes]) for _, _, h, _ in n.spans if h in kg}
    rows.update(kg.index(h) for h in ("HP:0001250", "HP:0001288", "HP:0000750"))
    return sorted(rows)


@pytest.fixture(scope="module")
def tagger_dir(default_kg, few_notes, subset_rows, tmp_path_factory):
    out = tmp_path_factory.mktemp("tagger") / "model"
    return train_tagger([few_notes], default_kg, out_dir=out, rows=subset_rows, ner_epochs=0.5, ner_batch_size=2,
                        link_steps=2, link_batch_size=8, threads=1, progress=False)


def test_marked_notes_keep_each_phrase_and_its_publication():
    notes = read_marked_notes([NOTES])
    lines = [json.loads(x) for x in NOTES.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(notes) == len(lines)
    first, case = notes[0], lines[0]
    assert [first.text[a:b] for a, b, _, _ in first.spans] == [m["phrase"] for m in case["mentions"]]
    assert [(h, st) for _, _, h, st in first.spans] == [(m["hpo"], m["status"]) for m in case["mentions"]]
    assert first.group.isdigit() and first.source == f"{NOTES}:1"
    # a feature the writer could not phrase ("skipped") is passed over, not an error
    skipped = [json.loads(x) for x in SKIPPED.read_text(encoding="utf-8").splitlines() if x.strip()]
    k = next(i for i, c in enumerate(skipped) if any(m.get("skipped") for m in c["mentions"]))
    note = read_marked_notes([SKIPPED])[k]
    assert len(note.spans) == sum(1 for m in skipped[k]["mentions"] if not m.get("skipped"))


def test_malformed_notes_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = NOTES.read_text(encoding="utf-8").splitlines()[0]
    case = json.loads(good)
    case["mentions"][0]["phrase"] = "words that are not in the note"
    bad.write_text(good + "\n\n" + json.dumps(case) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:3: .*not in the text"):
        read_marked_notes([bad])
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:1"):
        read_marked_notes([bad])
    case["mentions"][0]["status"] = "maybe"
    bad.write_text(json.dumps(case) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="status must be"):
        read_marked_notes([bad])
    with pytest.raises(InputError, match="cannot read"):
        read_marked_notes([tmp_path / "missing.jsonl"])


def test_windows_tag_the_marked_words_with_their_status():
    from transformers import AutoTokenizer

    from kgmed.text.dense import default_model_path

    note = read_marked_notes([NOTES])[0]
    tok = AutoTokenizer.from_pretrained(default_model_path())
    windows = _tagged_windows(tok, note, 256, 64)
    enc = tok(note.text, return_offsets_mapping=True, truncation=True, max_length=256, stride=64,
              return_overflowing_tokens=True, padding="max_length")
    a, b, _, status = note.spans[0]
    first = [t for t, (s, e) in enumerate(enc["offset_mapping"][0]) if s != e and a <= s < b]
    tags = windows[0][2]
    begin = 1 if status == "present" else 3
    assert tags[first[0]] == begin and all(tags[t] == begin + 1 for t in first[1:])
    assert tags[0] == -100  # [CLS] is not scored
    assert {t for w in windows for t in w[2]} <= {-100, 0, 1, 2, 3, 4}


def test_tagger_folder_is_safetensors_and_json_and_reused(default_kg, few_notes, subset_rows, tagger_dir,
                                                          monkeypatch):
    files = {p.relative_to(tagger_dir).as_posix() for p in tagger_dir.rglob("*") if p.is_file()}
    assert {"training.json", "index.json", "index.safetensors", "ner/model.safetensors"} <= files
    assert any(f.startswith("linker/") and f.endswith(".safetensors") for f in files)
    assert not any(f.endswith((".bin", ".pt", ".pkl", ".pickle")) for f in files)
    info = json.loads((tagger_dir / "training.json").read_text())
    assert info["notes"] == 4 and info["linker"]["steps"] == 2 and info["sources"] == {
        "notes.jsonl": hashlib.sha256(few_notes.read_bytes()).hexdigest()}
    monkeypatch.setattr(tagger_module, "_train_token_classifier", lambda *a, **k: pytest.fail("retrained"))
    again = train_tagger([few_notes], default_kg, out_dir=tagger_dir, rows=subset_rows, ner_epochs=0.5,
                         ner_batch_size=2, link_steps=2, link_batch_size=8)
    assert again == tagger_dir
    with pytest.raises(TypeError, match="unknown tagger option"):
        train_tagger([few_notes], default_kg, out_dir=tagger_dir, epochs=3)
    with pytest.raises(ValueError, match="no marked notes left"):
        train_tagger([few_notes], default_kg, out_dir=tagger_dir / "x", force=True,
                     exclude_groups=[n.group for n in read_marked_notes([few_notes])])


def test_tagger_links_only_what_the_dictionary_leaves(default_kg, tagger_dir):
    tagger = NoteTagger(tagger_dir, kg=default_kg, threshold=-1.0, min_words=1).build()
    text = read_marked_notes([NOTES])[5].text
    spans = tagger.tag(text)
    assert tagger.describe()["min_words"] == 1 and tagger.describe()["index"] > 0
    assert all(0 <= a < b <= len(text) and st in ("present", "excluded") for a, b, st in spans)
    plain = ConceptRecognizer(default_kg).build()
    rec = ConceptRecognizer(default_kg, tagger=tagger).build()
    base = plain.recognize(text)
    both = rec.recognize(text)
    extra = [f for f in both if f.method == "tagger"]
    assert [f for f in both if f.method != "tagger"] == base  # the dictionary's readings stay
    for f in extra:  # each linked phrase is whole words no dictionary reading touches
        assert text[f.start:f.end] == f.text and not any(g.start < f.end and g.end > f.start for g in base)
        assert 0.0 <= f.confidence <= 1.0
    assert NoteTagger(tagger_dir, kg=default_kg, threshold=1.01).build().link_phrases(["no seizures"])[0][1] <= 1.01
    assert rec.recognize("") == []


def test_tagger_status_keeps_the_context_rules_exclusions():
    assert _tagged_status("present", "excluded") == "excluded"  # "fetal movements normal"
    assert _tagged_status("excluded", "present") == "excluded"  # the rules' own negation stays
    assert _tagged_status("uncertain", "excluded") == "uncertain"
    assert _tagged_status("present", None) == "present"


def test_missing_or_corrupted_tagger_is_a_clear_error(default_kg, tagger_dir, tmp_path):
    with pytest.raises(BundleError, match="kgmed tagger train"):
        NoteTagger(tmp_path / "none", kg=default_kg).build()
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("training.json", "index.json"):
        (broken / name).write_text((tagger_dir / name).read_text())
    (broken / "index.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(BundleError, match="unusable"):
        NoteTagger(broken, kg=default_kg).build()
    with pytest.raises(RuntimeError, match="not built"):
        NoteTagger(tagger_dir).tag("text")


def test_cli_says_how_to_train_the_tagger(default_kg, few_notes, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import kgmed.cli.diagnose as cli_diagnose
    import kgmed.cli.text as cli_text
    from kgmed.cli.main import _register, app

    _register()
    runner = CliRunner()

    def too_early(*args, **kwargs):
        raise AssertionError("the KG or the engine was loaded before the missing tagger was reported")

    monkeypatch.setattr(cli_text, "load_kg", too_early)
    monkeypatch.setattr(cli_diagnose, "_engine", too_early)
    r = runner.invoke(app, ["recognize", "--tagger", "No seizures."])  # the test home holds no tagger
    assert r.exit_code == 2 and "kgmed tagger train" in r.output
    r = runner.invoke(app, ["diagnose", "--tagger", "No seizures."])
    assert r.exit_code == 2 and "kgmed tagger train" in r.output
    r = runner.invoke(app, ["tagger", "train", str(tmp_path / "missing.jsonl")])
    assert r.exit_code == 2 and "no such file" in r.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    r = runner.invoke(app, ["tagger", "train", str(bad), "--out", str(tmp_path / "t")])
    assert r.exit_code == 2 and "bad.jsonl:1" in r.output
    r = runner.invoke(app, ["tagger", "train", str(few_notes), "--held-out", str(few_notes),
                            "--out", str(tmp_path / "t")])
    assert r.exit_code == 2 and "no marked-note files" in r.output
