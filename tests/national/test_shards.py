"""Shards of about equal work, the same for the same authorities, named K/N or home, and a runner's folder
holding its own shard alone."""

from __future__ import annotations

import random

import pytest

from cohesion_guide.national import layout
from cohesion_guide.national.run import drop_others
from cohesion_guide.national.shards import HOME, BadShard, Sized, balance, cost, parse


def authorities(count: int, seed: int = 1) -> list[Sized]:
    rng = random.Random(seed)
    return [Sized(f"authority-{i}", max(1, int(rng.lognormvariate(4.8, 0.7)))) for i in range(count)]


@pytest.mark.parametrize("count", [1, 3, 20, 40])
def test_every_authority_is_in_exactly_one_shard(count):
    found = balance(authorities(150), count)
    assert len(found) == count
    assert sorted(s for shard in found for s in shard) == sorted(a.slug for a in authorities(150))


def test_the_largest_shard_is_within_a_third_of_the_best_possible():
    listed = authorities(150)
    found = balance(listed, 20)
    sizes = {a.slug: a.schools for a in listed}
    loads = [sum(cost(sizes[s]) for s in shard) for shard in found]
    best = max(sum(cost(a.schools) for a in listed) / 20, max(cost(a.schools) for a in listed))
    assert max(loads) <= best * 4 / 3


def test_the_same_authorities_give_the_same_shards_in_any_order():
    listed = authorities(60)
    assert balance(listed, 7) == balance(list(reversed(listed)), 7)


def test_there_are_never_more_shards_than_authorities():
    assert sorted(balance(authorities(3), 20)) == [[a.slug] for a in sorted(authorities(3), key=lambda a: a.slug)]


@pytest.mark.parametrize(("text", "found"), [("3/20", (3, 20)), (" 1 / 1 ", (1, 1)), ("home", None), ("HOME", None)])
def test_a_shard_is_named_k_of_n_or_home(text, found):
    assert parse(text) == found


@pytest.mark.parametrize("text", ["0/20", "21/20", "3", "a/b", "", "3/20/1"])
def test_a_shard_that_is_none_of_the_plans_says_what_is_allowed(text):
    with pytest.raises(BadShard) as err:
        parse(text)
    assert "K/N" in str(err.value) and HOME in str(err.value)


def test_a_runner_drops_every_other_shards_sites_and_caches_and_keeps_its_own(tmp_path):
    for slug in ("mine", "theirs", layout.HOME):
        layout.site(tmp_path, slug).mkdir(parents=True)
        layout.built_marker(tmp_path, slug).write_text("digest")
        layout.cache(tmp_path, slug).mkdir(parents=True)
    assert drop_others(tmp_path, {"mine"}) == sorted(["theirs", layout.HOME])
    assert sorted(p.name for p in (tmp_path / layout.SITES).iterdir()) == ["mine", "mine.built"]
    assert [p.name for p in (tmp_path / layout.CACHE).iterdir()] == ["mine"]
