"""Search correctness: the same tests on SQLite and on PostgreSQL (run the suite with
DATABASE_URL=postgres://… for the second)."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone

from apps.snippets.models import Snippet
from apps.snippets.search import search
from apps.snippets.search.tokens import SEPARATOR, index_columns
from tests.snippets.conftest import on_postgresql

pytestmark = pytest.mark.django_db


def texts(result) -> list[str]:
    return [hit.snippet.text for hit in result.hits]


def test_one_character_query_finds_every_snippet_holding_it(unit, make_snippet):
    make_snippet("加强党性修养")
    make_snippet("党员干部带头")
    make_snippet("理论学习不够深入")
    result = search(unit=unit, query="党")
    assert sorted(texts(result)) == ["党员干部带头", "加强党性修养"]
    assert result.total == 2


def test_two_character_query_is_a_substring_match(unit, make_snippet):
    make_snippet("理论学习不够深入")
    make_snippet("学风不正，习惯不好")  # 学 and 习 both present, never together
    assert texts(search(unit=unit, query="学习")) == ["理论学习不够深入"]


def test_four_character_query_needs_its_bigrams_in_order(unit, make_snippet):
    make_snippet("召开民主生活会前")
    make_snippet("生活民主，主生")  # holds 民主, 主生 and 生活, but not as 民主生活
    make_snippet("民主的生活")
    assert texts(search(unit=unit, query="民主生活")) == ["召开民主生活会前"]


def test_term_across_punctuation_is_not_matched_falsely(unit, make_snippet):
    make_snippet("加强学习。生活中要简朴")
    assert texts(search(unit=unit, query="学习生活")) == []
    assert texts(search(unit=unit, query="习生")) == []
    assert texts(search(unit=unit, query="学习。生活")) == ["加强学习。生活中要简朴"]


def test_every_term_of_a_two_term_query_must_occur(unit, make_snippet):
    make_snippet("理论学习不深，整改不实")
    make_snippet("理论学习不深")
    make_snippet("整改不实")
    assert texts(search(unit=unit, query="学习 整改")) == ["理论学习不深，整改不实"]
    assert texts(search(unit=unit, query="学习　整改")) == ["理论学习不深，整改不实"]  # full-width space


def test_latin_words_and_digits_ignore_case(unit, make_snippet):
    make_snippet("2021年末DangShi专题MZSHH材料")
    make_snippet("2020年材料")
    assert texts(search(unit=unit, query="mzshh")) == ["2021年末DangShi专题MZSHH材料"]
    assert texts(search(unit=unit, query="dang")) == ["2021年末DangShi专题MZSHH材料"]
    assert texts(search(unit=unit, query="2021年")) == ["2021年末DangShi专题MZSHH材料"]


def test_filters_kind_aspect_year_and_source(unit, outline, make_snippet):
    aspect, other_aspect = outline.aspects.order_by("position")[:2]
    wanted = make_snippet("整改措施甲", kind="measure", year=2024, source="甲集")
    wanted.aspects.add(aspect)
    make_snippet("整改措施乙", kind="cause", year=2024, source="甲集").aspects.add(aspect)
    make_snippet("整改措施丙", kind="measure", year=2023, source="甲集").aspects.add(aspect)
    make_snippet("整改措施丁", kind="measure", year=2024, source="乙集").aspects.add(aspect)
    make_snippet("整改措施戊", kind="measure", year=2024, source="甲集").aspects.add(other_aspect)
    assert search(unit=unit, query="整改").total == 5
    found = search(unit=unit, query="整改", kind="measure", aspect_id=aspect.pk, year=2024, source="甲集")
    assert texts(found) == ["整改措施甲"]
    assert search(unit=unit, query="", kind="cause").total == 1
    assert search(unit=unit, query="", aspect_id=other_aspect.pk).total == 1


def test_more_hits_and_hits_of_longer_terms_rank_first(unit, make_snippet):
    make_snippet("整改一次，其余都是别的话")
    make_snippet("整改整改整改，三次")
    make_snippet("整改两次也整改")
    ranked = texts(search(unit=unit, query="整改"))
    assert ranked == ["整改整改整改，三次", "整改两次也整改", "整改一次，其余都是别的话"]
    # 整改 ×3 (6 characters) + 整改落实 ×1 (4) = 10 < 整改 ×2 (4) + 整改落实 ×2 (8) = 12
    make_snippet("整改落实、整改和整改")
    make_snippet("整改落实，整改落实")
    ranked = texts(search(unit=unit, query="整改 整改落实"))
    assert ranked == ["整改落实，整改落实", "整改落实、整改和整改"]
    assert [hit.score for hit in search(unit=unit, query="整改 整改落实").hits] == [12.0, 10.0]


def test_equal_hits_rank_by_preferred_kind_and_aspect_then_newest(unit, outline, make_snippet):
    aspect = outline.aspects.first()
    old = make_snippet("落实不力", kind="problem")
    new = make_snippet("落实不力", kind="problem")
    cause = make_snippet("落实不力", kind="cause")
    tagged = make_snippet("落实不力", kind="problem")
    tagged.aspects.add(aspect)
    base = timezone.now()
    for offset, snippet in enumerate([cause, tagged, old, new]):
        Snippet.objects.filter(pk=snippet.pk).update(created_at=base + datetime.timedelta(minutes=offset))
    plain = search(unit=unit, query="落实")
    assert [h.snippet.pk for h in plain.hits] == [new.pk, old.pk, tagged.pk, cause.pk]
    preferred = search(unit=unit, query="落实", prefer_kind="cause", prefer_aspect_id=aspect.pk)
    assert [h.snippet.pk for h in preferred.hits] == [cause.pk, tagged.pk, new.pk, old.pk]


def test_highlight_marks_every_occurrence_and_escapes_the_rest(unit, make_snippet):
    make_snippet("<b>学习</b>要深入 & 学习要持久，Study学习")
    hit = search(unit=unit, query="学习 study").hits[0]
    assert str(hit.highlighted) == (
        "&lt;b&gt;<mark>学习</mark>&lt;/b&gt;要深入 &amp; <mark>学习</mark>要持久，<mark>Study学习</mark>"
    )


def test_highlight_is_a_window_around_the_first_hit_of_a_long_text(unit, make_snippet):
    make_snippet("前" * 400 + "整改" + "后" * 400)
    hit = search(unit=unit, query="整改").hits[0]
    assert str(hit.highlighted).startswith("…") and str(hit.highlighted).endswith("…")
    assert "<mark>整改</mark>" in hit.highlighted and len(hit.highlighted) < 260
    assert str(hit.highlighted_full).count("前") == 400


def test_another_units_private_snippets_are_never_returned(unit, other_unit, make_snippet):
    make_snippet("本单位的整改素材")
    make_snippet("外单位的整改素材", owner=other_unit)
    make_snippet("共享的整改素材", owner=None)
    assert sorted(texts(search(unit=unit, query="整改"))) == ["共享的整改素材", "本单位的整改素材"]
    assert sorted(texts(search(unit=unit, query=""))) == ["共享的整改素材", "本单位的整改素材"]
    assert sorted(texts(search(unit=other_unit, query="整改"))) == ["共享的整改素材", "外单位的整改素材"]
    assert texts(search(unit=None, query="整改")) == ["共享的整改素材"]


def test_the_index_follows_edits_deletes_and_bulk_creates(unit, make_snippet):
    snippet = make_snippet("原来的文字")
    snippet.text = "改过的内容"
    snippet.save()
    assert texts(search(unit=unit, query="原来")) == []
    assert texts(search(unit=unit, query="改过")) == ["改过的内容"]
    snippet.delete()
    assert texts(search(unit=unit, query="改过")) == []
    batch = [Snippet(unit=unit, text=f"批量导入第{n}条") for n in range(3)]
    for item in batch:
        item.fill_search_columns()
    Snippet.objects.bulk_create(batch)
    assert search(unit=unit, query="批量导入").total == 3


def test_paging_and_counts(unit, make_snippet):
    for n in range(25):
        make_snippet(f"第{n}条整改")
    first = search(unit=unit, query="整改", limit=20)
    last = search(unit=unit, query="整改", limit=20, offset=20)
    assert first.total == last.total == 25
    assert len(first.hits) == 20 and len(last.hits) == 5
    assert not {h.snippet.pk for h in first.hits} & {h.snippet.pk for h in last.hits}
    beyond = search(unit=unit, query="整改", limit=20, offset=40)
    assert beyond.hits == [] and beyond.total == 25  # a page past the end still says how many
    assert search(unit=unit, query="没有的词").total == 0


def test_too_many_terms_are_reported_not_silently_dropped(unit, make_snippet):
    make_snippet("一二三四五六七八九十")
    result = search(unit=unit, query="一 二 三 四 五 六 七 八 九 十")
    assert result.terms == ["一", "二", "三", "四", "五", "六", "七", "八"]
    assert "九 十" in result.notice
    assert result.total == 1


def test_a_query_of_symbols_only_still_matches_exactly(unit, make_snippet):
    make_snippet("完成××项任务")
    make_snippet("完成多项任务")
    assert texts(search(unit=unit, query="××")) == ["完成××项任务"]


@on_postgresql
def test_postgresql_vector_holds_the_apps_tokens_as_they_are(make_snippet):
    """No text-search parser between the app's tokens and the index (migration 0003): the lexemes
    are the bigrams (without the run separator) and the characters, with no positions."""
    snippet = make_snippet("民主生活会。Word2021〇〇兀兀！党")
    bigrams, unigrams = index_columns(snippet.text)
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM snippets_snippet WHERE id = %s", [snippet.pk])
        (vector,) = cursor.fetchone()
    lexemes = re.findall(r"'([^']*)'", vector)
    assert set(lexemes) == (set(bigrams.split()) - {SEPARATOR}) | set(unigrams.split())
    assert {"民主", "活会", "word2021", "〇〇", "兀兀", "党"} <= set(lexemes)
    assert re.sub(r"'[^']*'", "", vector).strip() == ""  # nothing but lexemes: no positions


def test_a_text_of_the_maximum_length_is_stored_and_found(unit, make_snippet):
    """5,000 ideographs that barely repeat: nothing to compress, more than a table row holds (on
    PostgreSQL the text is kept in the row when it fits and moved out of it when it does not)."""
    text = "".join(chr(0x4E00 + n * 7919 % 20000) for n in range(5000))
    make_snippet(text)
    make_snippet("另一条素材")
    for piece in (text[4321], text[2500:2502], text[4990:]):
        result = search(unit=unit, query=piece)
        assert texts(result) == [text]
        assert result.hits[0].score == text.count(piece) * len(piece)
