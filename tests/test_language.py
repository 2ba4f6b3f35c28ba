"""Documents not in English are detected (py3langid, offline), stored with their language and not
coded as English; short or doubtful texts are taken as English."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

import pytest

import eventwire
from eventwire import lang
from eventwire.batch import IngestRequest, InProcessEngine, LineReporter, StoreSink, run_ingest
from eventwire.batch.runner import RunSummary
from eventwire.cli.report import run_warnings, write_stats
from eventwire.errors import InvalidOption, KnowledgeError
from eventwire.ingest import make_document
from eventwire.pipeline import Coder, CoderSpec
from eventwire.pipeline import coder as get_coder
from eventwire.store import DuckDBStore
from eventwire.store.query import stats

from .cli import run

# written for these tests: the same news in three languages
FRENCH = (
    "Le gouvernement a annoncé mardi de nouvelles sanctions contre plusieurs entreprises "
    "accusées de contourner l'embargo. Le ministre des Affaires étrangères a déclaré que la "
    "France soutiendrait ses partenaires européens et que les négociations reprendraient la "
    "semaine prochaine à Bruxelles."
)
ARABIC = (
    "أعلنت الحكومة يوم الثلاثاء عن فرض عقوبات جديدة على عدة شركات متهمة بالتحايل على الحظر. "
    "وقال وزير الخارجية إن بلاده ستدعم شركاءها وإن المفاوضات ستستأنف الأسبوع المقبل."
)
CHINESE = (
    "政府周二宣布对几家被指控规避禁运的公司实施新的制裁。外交部长表示，"
    "该国将支持其合作伙伴，谈判将于下周在布鲁塞尔恢复。"
)
ENGLISH = (
    "Iran accused Israel of attacking its embassy in Damascus on Monday, and Russia condemned "
    "the strike, officials said."
)


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (ARABIC, "ar"), (CHINESE, "zh")])
def test_other_languages_are_detected(text: str, code: str) -> None:
    assert lang.language_of(text) == code


def test_english_news_and_short_texts_are_english() -> None:
    assert lang.language_of(ENGLISH) == "en"
    assert lang.language_of("Iran met Iraq.") == "en"
    assert lang.detect("Merci beaucoup, Paris.").reason == "short"


def test_the_threshold_of_letters_below_which_a_text_is_english() -> None:
    words = "Le ministre a annoncé des sanctions contre plusieurs entreprises"
    at_threshold = _first_letters(words, lang.MIN_LETTERS)
    below = _first_letters(words, lang.MIN_LETTERS - 1)
    assert lang.detect(below).language == "en" and lang.detect(below).reason == "short"
    assert lang.detect(at_threshold).language == "fr"


def _first_letters(text: str, n: int) -> str:
    """The shortest start of `text` with `n` letters."""
    return text[: next(i for i in range(len(text) + 1) if _letters(text[:i]) == n)]


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def test_a_doubtful_text_is_english() -> None:
    # English news that the model's best guess gives to French (0.6), English 0.1
    detected = lang.detect("The Mars Reconnaissance Orbiter enters orbit around Mars. (BBC)")
    assert (detected.language, detected.reason) == ("en", "uncertain")


def test_detection_downloads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> socket.socket:
        raise AssertionError("language detection opened a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    lang._identifier.cache_clear()  # load the model again, with no network
    assert lang.language_of(FRENCH) == "fr"


@pytest.mark.model
def test_other_languages_are_stored_uncoded_unless_asked(coder: Coder) -> None:
    documents = [make_document(t) for t in (FRENCH, ARABIC, CHINESE, ENGLISH)]
    coded = list(coder.code_documents(documents))
    assert [c.document.language for c in coded] == ["fr", "ar", "zh", "en"]
    assert [len(c.events) for c in coded[:3]] == [0, 0, 0]
    assert all(not c.mentions.actors and not c.mentions.dates for c in coded[:3])
    assert coded[3].events
    (forced,) = coder.code_documents([make_document(FRENCH)], language=lang.ANY)
    assert forced.document.language == "fr" and forced.mentions.actors  # coded as English


@pytest.mark.model
def test_a_run_counts_and_warns_of_other_languages(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    texts = [FRENCH, ENGLISH, ARABIC]
    corpus.write_text("".join(json.dumps({"text": t, "date": "2023-02-13"}) + "\n" for t in texts))
    with DuckDBStore(tmp_path / "x.duckdb") as store:
        request = IngestRequest([str(corpus)])
        summary = run_ingest(request, StoreSink(store), InProcessEngine(), LineReporter(), "v1")
        languages = store.fetchall("SELECT language FROM documents ORDER BY language")
        events = store.fetchall(
            "SELECT d.language, count(e.id) FROM documents d LEFT JOIN events e "
            "ON e.document_id = d.id GROUP BY 1 ORDER BY 1"
        )
        (recorded,) = store.fetchall("SELECT documents_other_language FROM runs")
        shown = io.StringIO()
        write_stats(stats(store), "table", shown)
    assert languages == [("ar",), ("en",), ("fr",)]
    assert events[0] == ("ar", 0) and events[2] == ("fr", 0) and events[1][1] > 0
    assert summary.documents_other_language == 2 and recorded == (2,)
    (line,) = run_warnings(summary)
    assert line.startswith("warning: 2 documents are not in English")
    assert "2 not in English" in shown.getvalue()  # `eventwire stats` lists it with the run


def test_no_warning_when_every_document_is_english() -> None:
    assert run_warnings(RunSummary("r", "x.duckdb", documents_other_language=0)) == []


def test_the_language_option_is_en_or_any() -> None:
    assert lang.option(" ANY ") == "any" and lang.option("en") == "en"
    with pytest.raises(InvalidOption):
        lang.option("fr")


@pytest.mark.model
def test_a_coder_spec_with_language_any_codes_every_language(coder: Coder) -> None:
    forced = get_coder(CoderSpec(language="any"))
    assert forced.language == "any" and forced.nlp is coder.nlp  # the same heavy parts
    assert get_coder().language == "en"
    assert eventwire.code(FRENCH, date="2023-02-13", language="any").mentions.actors


@pytest.mark.model
def test_code_labels_languages_and_warns_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("code", "fr.txt", "en.txt", "--format", "jsonl")
    assert result.status == 0, result.stderr
    coded = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(c["document"]["language"], bool(c["events"])) for c in coded] == [
        ("fr", False),
        ("en", True),
    ]
    warnings = result.stderr.splitlines()
    assert sum("1 document is not in English" in w for w in warnings) == 1
    assert sum("2 documents have no publication date" in w for w in warnings) == 1


def test_english_news_is_known_by_its_common_words_without_the_model() -> None:
    lang._identifier.cache_clear()
    article = " ".join([ENGLISH, "The army said that it would respond, and the talks were off."])
    assert lang.detect(article).reason == "common words"
    assert lang._identifier.cache_info().currsize == 0  # the model was not loaded
    quoting = FRENCH + " « We will not back down, » the minister said in English."
    assert lang.language_of(quoting) == "fr"


def test_common_words_file_is_checked(tmp_path: Path) -> None:
    assert {"the", "said"} <= lang.common_words()["en"] and "in" not in lang.common_words()["en"]
    bad = tmp_path / "language_words.tsv"
    bad.write_text("language\twords\nfr\tle|la\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        lang.load_common_words(bad)
    bad.write_text("lang\twords\nen\tthe\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        lang.load_common_words(bad)
