"""Which names the lists give a person are another *name* rather than another *spelling*:
cover names, Chinese or English names, a different given name, a given name alone.

Labelled by hand from the list text (every DPRK person with more than one name, printed by
``python -m benchmarks.screening.run --show-clusters``) before any matcher was run on the
query set. A name listed here carries a tag; names of one person with the same tag are one
name. Every name not listed is the person's main name. A held-out list alias is a
*spelling variant* query when another name of the person with the same tag remains on the
lists; otherwise it is an *other-name* query, reported on its own (no name matcher can find
"Lui Wai Ming" from "Pak Bong Nam").
"""

from __future__ import annotations

_TAGS: dict[str, tuple[str, ...]] = {
    "alex": ("TSAI, ALEX H.T.",),
    "jinsok": ("KIM, JIN SOK", "KIM, CHIN-SO'K", "Kim Chin-So’k", "Kim Jin-Sok"),
    "hyokchol-cover": ("KIM, HYOK CHOL", "Kim Hyok-Chol", "Kim Hyok Chol"),
    "myongho": (
        "CHANG, MYO'NG-HO",
        "CHANG, MYONG HO",
        "CHANG, MYONG-HO",
        "Chang Myong Ho",
        "Chang Myo’ng-Ho",
        "Chang Myong-Ho",
    ),
    "pak": ("PAK, Chang-Ho", "Pak Chang-Ho"),
    "tony": ("CHANG, Tony", "CHOW, Tony"),
    "jin": ("Jin Tiesan (金铁三)",),
    "given-only": ("Young-Chul",),
    "yongchian": ("LAI, Yong Chian",),
    "kyongnam": ("HWANG, Kyong Nam",),
    "myonggi": ("KIM, Myong Gi", "Kim Myong Gi"),
    "hyonu": ("JANG, Hyon U", "Jang Hyon U"),
    "yongsang": ("JON, Yong Sang", "Jon Yong Sang"),
    "chol": ("CHO, Ch'o'l", "JO, Chol", "Cho Ch’o’l", "Jo Chol"),
    "euk": ("O, Chong Euk",),
    "kuk": ("O, Chong-kuk",),
    "jian": ("JIAN, WenJi", "Jiang Wen-ji", "Jian Wenji"),
    "yongnam": ("JONG, Yong Nam",),
    "haksong": ("KIM, Hak Song", "Kim Hak Song"),
    "min": ("SON, Min", "Son Min"),
    "kmc": ("KANG, Myong Chol", "Kang Myong Chol"),
    "chun": ("MIN, Byong Chun", "Min Byong Chun"),
    "son": ("KIM, Son-kwang", "KIM, Son-gwang"),
    "cheng": ("LI, Cheng He", "Li Cheng He"),
    "il": ("RI, Hong-il",),
    "burlova": ("BURLOVA, Irina",),
    "so": ("PANG, So-nam",),
    "lui": ("LUI, Wai Ming", "Lui Wai Ming"),
    "younghyok": ("KU, Young Hyok",),
    "kon": ("HAN, Kon U", "HAN, Ko'n-u"),
    "aleksei": ("PARK, Aleksei",),
    "neil": ("TSANG, Neil", "TSANG, Niel", "Neil Tsang"),
    "hyonwu": ("KIM, Hyon Woo", "KIM, Hyon Wu", "KIM, Hyon U"),
    "david": ("DAVID, Andoson",),
    "henny": ("HENNY, Watson",),
    "handle": ("tianyinyin0404",),
    "mro": ("Mr. O",),
}

IDENTITY: dict[str, str] = {name: tag for tag, names in _TAGS.items() for name in names}


def identity(name: str) -> str:
    """The tag of the name a spelling belongs to ("main" for a person's main name)."""
    return IDENTITY.get(name, "main")
