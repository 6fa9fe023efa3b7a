"""Tests of course_lib.datasets.sequence: the generated addition/date files and load_data."""
import datetime
import re
import time
from pathlib import Path

import numpy as np
import pytest

from course_lib.datasets import sequence

REPO_DATA = Path(__file__).resolve().parents[1] / "data"
N_LINES = 50_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Both files written by write_sequence_files into a fresh folder (timed)."""
    folder = tmp_path_factory.mktemp("generated")
    sequence.file_bytes.cache_clear()  # time the real generation
    start = time.perf_counter()
    paths = sequence.write_sequence_files(folder)
    return folder, paths, time.perf_counter() - start


def read_lines(name):
    text = (REPO_DATA / name).read_bytes().decode("ascii")
    assert text.endswith("\n") and "\r" not in text
    return text[:-1].split("\n")


# ---------------------------------------------------------------- reproducibility

def test_regenerating_gives_the_committed_bytes(generated):
    folder, paths, seconds = generated
    assert [p.name for p in paths] == ["addition.txt", "date.txt"]
    for path in paths:
        assert path.parent == folder
        assert path.read_bytes() == (REPO_DATA / path.name).read_bytes(), path.name
    assert seconds < 3.0, f"generating both files took {seconds:.1f} s"
    assert sorted(p.name for p in folder.iterdir()) == ["addition.txt", "date.txt"]  # no temp files left


def test_generators_are_seeded():
    assert sequence.generate_addition(300, seed=1) == sequence.generate_addition(300, seed=1)
    assert sequence.generate_addition(300, seed=1) != sequence.generate_addition(300, seed=2)
    assert sequence.generate_dates(300, seed=1) == sequence.generate_dates(300, seed=1)
    assert sequence.generate_dates(300, seed=1) != sequence.generate_dates(300, seed=2)
    # a smaller n gives a prefix of the committed addition file
    assert sequence.generate_addition(1000) == read_lines("addition.txt")[:1000]


# ---------------------------------------------------------------- addition.txt

def test_addition_layout():
    lines = read_lines("addition.txt")
    assert len(lines) == N_LINES
    pattern = re.compile(r"(0|[1-9]\d{0,2})\+(0|[1-9]\d{0,2}) *_(\d+) *")
    pairs = set()
    for line in lines:
        assert len(line) == 12 and line[7] == "_", line
        m = pattern.fullmatch(line)
        assert m, line
        a, b, total = (int(g) for g in m.groups())
        assert line[:7] == f"{a}+{b}".ljust(7) and line[7:] == f"_{total}".ljust(5), line
        assert a + b == total, line
        pairs.add((min(a, b), max(a, b)))
    assert len(pairs) == N_LINES, "an unordered pair {a, b} occurs twice"


def test_addition_operands_have_one_to_three_digits_of_each_length():
    lines = read_lines("addition.txt")
    lengths = np.array([len(op) for line in lines for op in line[:7].strip().split("+")])
    counts = np.bincount(lengths, minlength=4)
    assert counts[0] == 0 and counts[4:].sum() == 0
    # single digits are rarer than drawn (1/3) because few pairs of them are distinct
    assert (counts[1:4] > 0.05 * len(lengths)).all() and counts[3] == counts.max(), counts


# ---------------------------------------------------------------- date.txt

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH_RE = "|".join(MONTHS + [m[:3] for m in MONTHS])
WEEKDAY_RE = "|".join(WEEKDAYS + [w[:3] for w in WEEKDAYS])
WORDY = re.compile(
    rf"(?:(?P<wd>{WEEKDAY_RE}), )?(?:(?P<mon>{MONTH_RE}) (?P<day>\d{{1,2}}), (?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}}) (?P<mon2>{MONTH_RE}) (?P<year2>\d{{4}}))", re.IGNORECASE)
NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")


def parse_question(question: str):
    """Independent parser: (date, weekday name or None, surface-form signature)."""
    if m := NUMERIC.fullmatch(question):
        month, day, year = (int(g) for g in m.groups())
        if len(m.group(3)) == 2:
            year += 1900 if year >= 70 else 2000
        return datetime.date(year, month, day), None, f"M/d/{'y' * len(m.group(3))}"
    m = WORDY.fullmatch(question)
    assert m, f"unparseable question {question!r}"
    mon = m.group("mon") or m.group("mon2")
    month = [i for i, name in enumerate(MONTHS, 1) if mon.lower() in (name, name[:3])][0]
    day, year = int(m.group("day") or m.group("day2")), int(m.group("year") or m.group("year2"))
    # signature: word order plus, per word, its case and full/abbreviated
    words = re.findall(r"[A-Za-z]+", question)
    shape = ["upper" if w.isupper() else "lower" if w.islower() else "title" for w in words]
    kind = ["full" if len(w) > 3 else "abbr" for w in words]
    order = "dMy" if m.group("day2") else "Mdy"
    return (datetime.date(year, month, day), m.group("wd"),
            f"{order}:{'E' if m.group('wd') else ''}:{shape}:{kind}")


def test_date_layout_and_every_question_matches_its_answer():
    lines = read_lines("date.txt")
    assert len(lines) == N_LINES
    forms = set()
    first, last = datetime.date(1970, 1, 1), datetime.date(2017, 12, 31)
    for line in lines:
        assert len(line) == 40 and line[29] == "_", line
        assert re.fullmatch(r"_\d{4}-\d{2}-\d{2}", line[29:]), line
        answer = datetime.date.fromisoformat(line[30:])
        assert first <= answer <= last, line
        question = line[:29].rstrip()
        assert question and question == question.strip(), line
        day, weekday, form = parse_question(question)
        assert day == answer, line
        if weekday:
            assert weekday.lower() in (WEEKDAYS[day.weekday()], WEEKDAYS[day.weekday()][:3]), line
        if not re.search(r"\bmay\b", question, re.IGNORECASE):  # 'May' is full and short
            forms.add(form)
    assert len(forms) >= 8, sorted(forms)
    assert len(forms) == len(sequence.DATE_FORMATS), sorted(forms)


def test_dates_cover_the_whole_range():
    years = np.array([int(line[30:34]) for line in read_lines("date.txt")])
    assert years.min() == 1970 and years.max() == 2017
    counts = np.bincount(years - 1970)
    assert counts.min() > 0.7 * counts.mean()  # roughly uniform


def test_format_date_examples():
    day = datetime.date(1984, 9, 25)  # a Tuesday
    written = {sequence.format_date(day, i) for i in range(len(sequence.DATE_FORMATS))}
    for expected in ["september 25, 1984", "TUESDAY, SEPTEMBER 25, 1984", "Sep 25, 1984",
                     "9/25/84", "9/25/1984", "tuesday, september 25, 1984", "SEP 25, 1984"]:
        assert expected in written
    assert "1984-09-25" not in written


# ---------------------------------------------------------------- load_data

@pytest.mark.parametrize("name, q_len, a_len", [("addition.txt", 7, 5), ("date.txt", 29, 11)])
def test_load_data_shapes_and_content(name, q_len, a_len):
    (x_train, t_train), (x_test, t_test), vocab = sequence.load_data(name)
    assert x_train.shape == (45_000, q_len) and t_train.shape == (45_000, a_len)
    assert x_test.shape == (5_000, q_len) and t_test.shape == (5_000, a_len)
    for a in (x_train, t_train, x_test, t_test):
        assert a.dtype == np.int32 and a.min() >= 0 and a.max() < len(vocab)
    assert (t_train[:, 0] == vocab.char_to_id["_"]).all()
    # every line of the file appears exactly once across train and test
    chars = np.frombuffer("".join(vocab.id_to_char[i] for i in range(len(vocab))).encode(), np.uint8)
    table = chars[np.c_[np.r_[x_train, x_test], np.r_[t_train, t_test]]]  # (50000, q_len + a_len)
    rows = [row.tobytes().decode() for row in table]
    assert sorted(rows) == sorted(read_lines(name))
    assert vocab.decode(x_test[0]) + vocab.decode(t_test[0]) == rows[45_000]


def test_vocab_order_of_first_appearance_and_round_trip():
    _, _, vocab = sequence.load_data("addition.txt")
    text = (REPO_DATA / "addition.txt").read_text().replace("\n", "")
    expected = list(dict.fromkeys(text))
    assert list(vocab.char_to_id) == expected
    assert vocab.id_to_char == dict(enumerate(expected))
    assert len(vocab) == 13 and set(vocab.char_to_id) == set("0123456789+_ ")
    for s in ["16+75  ", "_91  ", "999+999", ""]:
        ids = vocab.encode(s)
        assert ids.dtype == np.int32 and ids.shape == (len(s),)
        assert vocab.decode(ids) == s
        assert vocab.decode(list(ids)) == s
    _, _, dates = sequence.load_data("date.txt")
    assert dates.decode(dates.encode("TUESDAY, SEPTEMBER 25, 1984")) == "TUESDAY, SEPTEMBER 25, 1984"


def test_load_data_split_is_seeded():
    (a, _), (a_test, _), _ = sequence.load_data("addition.txt", seed=1984)
    (b, _), _, _ = sequence.load_data("addition.txt", seed=1984)
    (c, _), _, _ = sequence.load_data("addition.txt", seed=7)
    (d, _), (d_test, _), vocab = sequence.load_data("addition.txt", seed=None)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    lines = read_lines("addition.txt")
    assert vocab.decode(d[0]) == lines[0][:7] and vocab.decode(d_test[-1]) == lines[-1][:7]
    assert not np.array_equal(a, d)


def test_load_data_from_another_folder(generated):
    folder, _, _ = generated
    (x, t), _, vocab = sequence.load_data("date.txt", data_dir=str(folder))
    (x0, t0), _, vocab0 = sequence.load_data("date.txt")
    np.testing.assert_array_equal(x, x0)
    assert vocab == vocab0


def test_load_data_reads_crlf_files(tmp_path):
    text = (REPO_DATA / "addition.txt").read_text()
    (tmp_path / "addition.txt").write_bytes(text.replace("\n", "\r\n").encode())
    (x, t), _, vocab = sequence.load_data("addition.txt", data_dir=tmp_path)
    (x0, t0), _, vocab0 = sequence.load_data("addition.txt")
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(t, t0)
    assert vocab == vocab0


# ---------------------------------------------------------------- writing and errors

def test_write_refuses_to_overwrite_differing_files(tmp_path, capsys):
    sequence.write_sequence_files(tmp_path)
    path = tmp_path / "addition.txt"
    mtime = path.stat().st_mtime_ns
    sequence.write_sequence_files(tmp_path)  # same content: left untouched
    assert path.stat().st_mtime_ns == mtime
    assert "unchanged" in capsys.readouterr().out

    edited = path.read_bytes().replace(b"8+4    _12  ", b"8+4    _13  ", 1)
    path.write_bytes(edited)
    with pytest.raises(FileExistsError, match=r"addition\.txt.*differs.*line 1\).*overwrite=True"):
        sequence.write_sequence_files(tmp_path)
    assert path.read_bytes() == edited
    longer = (REPO_DATA / "addition.txt").read_bytes() + b"1+1    _2   \n"
    path.write_bytes(longer)  # one extra line at the end
    with pytest.raises(FileExistsError, match=r"line 50001\)"):
        sequence.write_sequence_files(tmp_path)
    assert path.read_bytes() == longer

    sequence.write_sequence_files(tmp_path, overwrite=True)
    assert "OVERWRITTEN" in capsys.readouterr().out
    assert path.read_bytes() == (REPO_DATA / "addition.txt").read_bytes()


def test_clear_errors(tmp_path):
    with pytest.raises(ValueError, match=r"Unknown sequence data set 'dates\.txt'.*addition\.txt"):
        sequence.load_data("dates.txt")
    with pytest.raises(FileNotFoundError, match=r"does not exist.*python -m course_lib generate-data"):
        sequence.load_data("addition.txt", data_dir=tmp_path)
    (tmp_path / "addition.txt").write_text("1+1    _2   \n1+2   _3   \n")
    with pytest.raises(ValueError, match="lines of 12 characters"):
        sequence.load_data("addition.txt", data_dir=tmp_path)
    (tmp_path / "addition.txt").write_text("1+1    _2   \n1+2    +3   \n")
    with pytest.raises(ValueError, match="'_' at position 7"):
        sequence.load_data("addition.txt", data_dir=tmp_path)

    _, _, vocab = sequence.load_data("addition.txt")
    with pytest.raises(ValueError, match=r"Character '-' at position 2 of '12-3' is not in the vocabulary"):
        vocab.encode("12-3")
    with pytest.raises(ValueError, match="Id 13 is not in the vocabulary"):
        vocab.decode([0, 13])
    with pytest.raises(ValueError, match="shape"):
        vocab.decode(np.zeros((2, 3), dtype=int))
    with pytest.raises(ValueError, match="n must be an integer"):
        sequence.generate_addition(0)
    with pytest.raises(ValueError, match="n must be an integer"):
        sequence.generate_dates(2.5)
