"""Country names and well-known people to ISO 3166 alpha-3 codes, for event data that names
actors in words (ICEWS: ``North_Korea``, ``Foreign_Affairs_(North_Korea)``, ``Kim_Jong-Un``).

:func:`actor_country` maps a name to the state it stands for: a country name directly; a
sector or office by the country in its parenthesis; a person by the table of leaders and
ministers below (who they spoke for in the data's years, 2014 and 2018). Anything else (a
party, a company, an NGO, a region) maps to None and keeps its text.
"""

from __future__ import annotations

import re
from functools import cache

# ISO3: name; other names (as written in event data, "_" read as a space)
_COUNTRIES = """
AFG: Afghanistan
ALB: Albania
DZA: Algeria
AND: Andorra
AGO: Angola
ATG: Antigua and Barbuda
ARG: Argentina
ARM: Armenia
AUS: Australia
AUT: Austria
AZE: Azerbaijan
BHS: Bahamas; The Bahamas
BHR: Bahrain
BGD: Bangladesh
BRB: Barbados
BLR: Belarus
BEL: Belgium
BLZ: Belize
BEN: Benin
BMU: Bermuda
BTN: Bhutan
BOL: Bolivia
BIH: Bosnia and Herzegovina; Bosnia
BWA: Botswana
BRA: Brazil
BRN: Brunei; Brunei Darussalam
BGR: Bulgaria
BFA: Burkina Faso
BDI: Burundi
CPV: Cape Verde; Cabo Verde
KHM: Cambodia
CMR: Cameroon
CAN: Canada
CAF: Central African Republic
TCD: Chad
CHL: Chile
CHN: China; People's Republic of China
COL: Colombia
COM: Comoros
COG: Congo; Republic of the Congo; Congo-Brazzaville
COD: Democratic Republic of Congo; Democratic Republic of the Congo; DR Congo; Zaire
COK: Cook Islands
CRI: Costa Rica
CIV: Cote d'Ivoire; Côte d'Ivoire; Ivory Coast
HRV: Croatia
CUB: Cuba
CUW: Curacao; Curaçao
CYP: Cyprus
CZE: Czech Republic; Czechia
DNK: Denmark
DJI: Djibouti
DMA: Dominica
DOM: Dominican Republic
ECU: Ecuador
EGY: Egypt
SLV: El Salvador
GNQ: Equatorial Guinea
ERI: Eritrea
EST: Estonia
SWZ: Swaziland; Eswatini
ETH: Ethiopia
FJI: Fiji
FIN: Finland
FRA: France
GUF: French Guiana
GAB: Gabon
GMB: Gambia; The Gambia
GEO: Georgia
DEU: Germany
GHA: Ghana
GIB: Gibraltar
GRC: Greece
GRL: Greenland
GRD: Grenada
GTM: Guatemala
GIN: Guinea
GNB: Guinea-Bissau
GUY: Guyana
HTI: Haiti
VAT: Vatican City State; Vatican; Holy See
HND: Honduras
HKG: Hong Kong
HUN: Hungary
ISL: Iceland
IND: India
IDN: Indonesia
IRN: Iran
IRQ: Iraq
IRL: Ireland
ISR: Israel
ITA: Italy
JAM: Jamaica
JPN: Japan
JOR: Jordan
KAZ: Kazakhstan
KEN: Kenya
KIR: Kiribati
PRK: North Korea; Democratic People's Republic of Korea; DPRK; Korea, North
KOR: South Korea; Republic of Korea; Korea, South
XKX: Kosovo
KWT: Kuwait
KGZ: Kyrgyzstan
LAO: Laos; Lao People's Democratic Republic
LVA: Latvia
LBN: Lebanon
LSO: Lesotho
LBR: Liberia
LBY: Libya
LIE: Liechtenstein
LTU: Lithuania
LUX: Luxembourg
MAC: Macao; Macau
MKD: Macedonia; North Macedonia
MDG: Madagascar
MWI: Malawi
MYS: Malaysia
MDV: Maldives
MLI: Mali
MLT: Malta
MHL: Marshall Islands
MRT: Mauritania
MUS: Mauritius
MEX: Mexico
FSM: Micronesia
MDA: Moldova
MCO: Monaco
MNG: Mongolia
MNE: Montenegro
MAR: Morocco
MOZ: Mozambique
MMR: Myanmar; Burma
NAM: Namibia
NRU: Nauru
NPL: Nepal
NLD: Netherlands
NCL: New Caledonia
NZL: New Zealand
NIC: Nicaragua
NER: Niger
NGA: Nigeria
MNP: Northern Mariana Islands
NOR: Norway
OMN: Oman
PAK: Pakistan
PLW: Palau
PSE: Palestinian Territory, Occupied; Palestine; Occupied Palestinian Territory
PAN: Panama
PNG: Papua New Guinea
PRY: Paraguay
PER: Peru
PHL: Philippines
POL: Poland
PRT: Portugal
QAT: Qatar
ROU: Romania
RUS: Russia; Russian Federation
RWA: Rwanda
KNA: Saint Kitts and Nevis
LCA: Saint Lucia
VCT: Saint Vincent and the Grenadines
WSM: Samoa
SMR: San Marino
STP: Sao Tome and Principe
SAU: Saudi Arabia
SEN: Senegal
SRB: Serbia
SYC: Seychelles
SLE: Sierra Leone
SGP: Singapore
SVK: Slovakia
SVN: Slovenia
SLB: Solomon Islands
SOM: Somalia
ZAF: South Africa
SSD: South Sudan
ESP: Spain
LKA: Sri Lanka
SDN: Sudan
SUR: Suriname
SWE: Sweden
CHE: Switzerland
SYR: Syria; Syrian Arab Republic
TWN: Taiwan
TJK: Tajikistan
TZA: Tanzania
THA: Thailand
TLS: Timor-Leste; East Timor
TGO: Togo
TON: Tonga
TTO: Trinidad and Tobago
TUN: Tunisia
TUR: Turkey; Türkiye
TKM: Turkmenistan
TUV: Tuvalu
UGA: Uganda
UKR: Ukraine
ARE: United Arab Emirates
GBR: United Kingdom; Britain; Great Britain
USA: United States; United States of America
URY: Uruguay
UZB: Uzbekistan
VUT: Vanuatu
VEN: Venezuela
VNM: Vietnam; Viet Nam
YEM: Yemen
ZMB: Zambia
ZWE: Zimbabwe
CXR: Christmas Island
"""

# People who speak for a state in the ICEWS years (2014, 2018), as ICEWS spells them.
_PEOPLE = """
PRK: Kim Jong-Un; Kim Jong-Il; Kim Il-Sung; Ri Yong-ho; Kim Yo-jong; Kim Yong-chol
PRK: Choe Son-hui
KOR: Moon Jae-in; Park Geun-Hye; Kang Kyung Wha; Roh Moo Hyun; Lee Myung Bak; Yun Byung-Se
USA: Donald Trump; Barack Obama; John Kerry; Mike Pompeo; John R. Bolton; James Mattis
USA: Mike Pence; Chuck Hagel; Steven Mnuchin; Joseph Robinette Biden; Rex Tillerson
USA: Nikki Haley
CHN: Xi Jinping; Li Keqiang; Wang Yi; Wang Qishan; Wei Fenghe; Wang Yang
RUS: Vladimir Putin; Sergey Viktorovich Lavrov; Dmitry Anatolyevich Medvedev
RUS: Sergey Kuzhugetovich Shoygu; Dmitry Peskov; Nikolai Platonovich Patrushev
RUS: Valentina Ivanovna Matviyenko; Alexander Novak
JPN: Shinzo Abe; Taro Kono; Fumio Kishida
IND: Narendra Modi; Sushma Swaraj; Rajnath Singh; Arun Jaitley; Nirmala Sitharaman
IND: Ram Nath Kovind
GBR: Theresa May; Boris Johnson; Jeremy Hunt; Philip Hammond; David Cameron
FRA: Emmanuel Macron; François Hollande; Jean-Yves Le Drian
DEU: Angela Merkel; Heiko Maas; Horst Seehofer
IRN: Mohammad Javad Zarif; Hassan Rouhani; Ali Ardashir Larijani
ISR: Benjamin Netanyahu; Reuven Rivlin
TUR: Recep Tayyip Erdoğan; Mevlut Cavusoglu
VNM: Nguyen Xuan Phuc; Nguyen Phu Trong; Tran Dai Quang; Pham Binh Minh; Nguyen Thi Kim Ngan
SYR: Bashar al-Assad; Walid Muallem
UKR: Petro Poroshenko; Arseniy Yatsenyuk; Pavlo Klimkin
CAN: Justin Trudeau; Chrystia Freeland
AUS: Scott Morrison; Malcolm Bligh Turnbull; Julie Bishop
PHL: Rodrigo Duterte
EGY: Abdel Fattah Al-Sisi
SAU: Mohammed bin Salman; Salman bin Abdulaziz al-Saud
PAK: Imran Khan; Shah Mehmood Qureshi
AFG: Ashraf Ghani Ahmadzai
SGP: Lee Hsien Loong
MYS: Mahathir Mohamad
IDN: Joko Widodo
KHM: Hun Sen
THA: Prayuth Chan-ocha; Gen Prayut Chan-o-cha
TWN: Tsai Ing-wen; Ma Ying Jeou
CUB: Raúl Castro; Miguel Díaz-Canel
VEN: Nicolás Maduro
MNG: Khaltmaagiin Battulga
"""


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


def _table(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.strip().splitlines():
        iso3, names = line.split(":", 1)
        for name in names.split(";"):
            out[_key(name)] = iso3.strip()
    return out


@cache
def countries() -> dict[str, str]:
    """Country names (normalised: lower case, spaces) to ISO3."""
    return _table(_COUNTRIES)


@cache
def people() -> dict[str, str]:
    return _table(_PEOPLE)


_PAREN = re.compile(r"\(([^()]*)\)\s*$")


def country_iso3(name: str | None) -> str | None:
    """ISO3 of a country name, or None."""
    return countries().get(_key(name)) if name else None


def actor_country(name: str | None) -> str | None:
    """The state an actor's name stands for: the country itself, a sector by its
    parenthesis (``Police_(South_Korea)``), a person by the leaders table, else None."""
    if not name:
        return None
    key = _key(name)
    found = countries().get(key) or people().get(key)
    if found:
        return found
    match = _PAREN.search(name.replace("_", " "))
    return country_iso3(match.group(1)) if match else None
