"""Korean text done properly: morphemes, not spaces; the DPRK's spellings folded."""

from nkwatch.media.concepts import Matcher, load
from nkwatch.media.korean import english_tokens, fold, korean_tokens, normalize


def test_fold_meets_dprk_and_south_spellings():
    assert fold("로동") == fold("노동")
    assert fold("리익") == fold("이익")
    assert fold("력사") == fold("역사")
    assert fold("녀성") == fold("여성")
    assert fold("로씨야") == fold("러시아")
    assert fold("쏘련") == fold("소련")
    assert fold("조선") != fold("한국")  # different words: concepts join them, not the key


def test_normalize_handles_bom_crlf_and_full_width():
    assert normalize("\ufeff２０１２년\r\n　오늘\r") == "2012년\n 오늘\n"


def _hits(text, concept):
    m = load().matcher("ko")
    return [h for h in m.find(korean_tokens(text)) if h.label == concept]


def test_particles_do_not_hide_a_noun():
    # a whitespace counter sees three different words here
    assert len(_hits("미국의 정책, 미국은 말하고 미국과 대화한다.", "usa")) == 3


def test_morphemes_not_substrings():
    assert len(_hits("핵무력과 핵무기를 강화한다.", "nuclear")) == 2
    assert _hits("핵심적인 과업이다.", "nuclear") == []  # 핵심 "core" is not 핵
    assert _hits("우리는 자주 만난다.", "self-reliance") == []  # the adverb "often"
    assert len(_hits("자주권을 지킨다.", "self-reliance")) == 1


def test_dprk_spellings_are_one_concept():
    assert len(_hits("로씨야와 러시아", "russia")) == 2
    assert len(_hits("쏘련과 소련", "soviet-union")) == 2
    assert len(_hits("미제국주의자들과 남조선괴뢰들", "usa")) == 1
    assert len(_hits("미제국주의자들과 남조선괴뢰들", "south-korea")) == 1


def test_literal_terms_match_either_spelling():
    m = Matcher("ko", [("노동", "노동")])
    assert len(m.find(korean_tokens("로동계급과 노동계급"))) == 2
    assert m.find(korean_tokens("노동자")) == []  # one morpheme: words match whole morphemes


def test_english_us_is_not_us():
    m = load().matcher("en")
    toks = english_tokens("The U.S. and the US told us nothing. Let us go.")
    assert [h.label for h in m.find(toks)] == ["usa", "usa"]


def test_english_possessive_and_long_names():
    m = load().matcher("en")
    toks = english_tokens("The Democratic People's Republic of Korea and the Republic of Korea.")
    assert [h.label for h in m.find(toks)] == ["dprk", "south-korea"]
    toks = english_tokens("Japan's position and Russia’s support")
    assert [h.label for h in m.find(toks)] == ["japan", "russia"]


def test_sentences_keep_abbreviations_together():
    toks = english_tokens("Gen. Kim met the U.S. envoy. Then he left.\nNext line")
    assert max(t.sent for t in toks) == 2
