"""present: the words and short names the pages and the CLI show."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planwatch.present import short_names


def _one_by_one(docs: list[str]) -> dict[str, str]:
    """The definition, name against name: the fewest last parts no other name ends with."""
    names = list(dict.fromkeys(docs))
    parts = {d: d.replace("\\", "/").split("/") for d in names}
    out = {}
    for d in names:
        for k in range(1, len(parts[d]) + 1):
            if not any(o != d and parts[o][-k:] == parts[d][-k:] for o in names):
                out[d] = "/".join(parts[d][-k:])
                break
        else:
            out[d] = d
    return out


_part = st.sampled_from(["a", "b", "云岭市", "2024.md", "2023.md", ""])
_name = st.lists(_part, min_size=1, max_size=4).flatmap(
    lambda ps: st.sampled_from(["/", "\\"]).map(lambda sep: sep.join(ps)))


@given(st.lists(_name, max_size=12))
def test_short_names_are_the_fewest_parts_that_tell_documents_apart(docs: list[str]) -> None:
    assert short_names(docs) == _one_by_one(docs)


def test_short_names_of_a_page_of_documents() -> None:
    docs = [f"reports/{city}/{year}.md" for city in ("云岭市", "石港市") for year in (2023, 2024)] + ["other/x.md"]
    assert short_names(docs) == {"reports/云岭市/2023.md": "云岭市/2023.md", "reports/云岭市/2024.md": "云岭市/2024.md",
                                 "reports/石港市/2023.md": "石港市/2023.md", "reports/石港市/2024.md": "石港市/2024.md",
                                 "other/x.md": "x.md"}
