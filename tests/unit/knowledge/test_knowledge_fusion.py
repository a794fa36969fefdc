from knowledge.fusion import Demotion, fuse, group_key, representative

META = {
    "pipl-22": {"citation_file": "cn-pipl.md", "article": 22, "kind": "law"},
    "pipl-22-digest": {"citation_file": "cn-pipl.md", "article": 22, "kind": "digest"},
    "pipl-14": {"citation_file": "cn-pipl.md", "article": 14, "kind": "law"},
    "gdpr-46-p1": {"citation_file": "eu-gdpr.md", "article": 46, "kind": "law"},
    "gdpr-46-p2": {"citation_file": "eu-gdpr.md", "article": 46, "kind": "law"},
    "policy-a": {"citation_file": "policies/a.zh.md", "source_id": "policy-a", "kind": "policy"},
    "policy-a-en": {"citation_file": "policies/a.en.md", "source_id": "policy-a", "kind": "policy"},
    "policy-b": {"citation_file": "policies/b.zh.md", "source_id": "policy-b", "kind": "policy"},
}


def test_group_keys_join_an_article_with_its_digest_and_parts() -> None:
    assert group_key(META["pipl-22"], "pipl-22") == group_key(META["pipl-22-digest"], "x")
    assert group_key(META["gdpr-46-p1"], "a") == group_key(META["gdpr-46-p2"], "b")
    bis = {**META["pipl-22"], "article_suffix": "之一"}
    assert group_key(bis, "c") != group_key(META["pipl-22"], "c")
    assert group_key(META["policy-a"], "policy-a") == group_key(META["policy-a-en"], "policy-a-en")
    assert group_key(META["policy-a"], "policy-a") != group_key(META["policy-b"], "policy-b")


def test_reciprocal_rank_fusion_over_groups() -> None:
    ranked = {
        "bm25": [("pipl-22-digest", 9.0), ("pipl-22", 8.0), ("pipl-14", 7.0)],
        "dense": [("pipl-14", 0.9), ("pipl-22", 0.8), ("policy-a", 0.7)],
    }
    groups = fuse(ranked, META, {"bm25": 1.0, "dense": 1.0}, rrf_k=60)
    scores = {group.key[1]: group for group in groups}
    pipl22, pipl14 = scores["22"], scores["14"]
    # 22: bm25 rank 1 (its digest and text count once), dense rank 2; 14: bm25 2, dense 1.
    assert pipl22.ranks == {"bm25": 1, "dense": 2}
    assert pipl14.ranks == {"bm25": 2, "dense": 1}
    assert pipl22.score == pipl14.score == 1 / 61 + 1 / 62
    assert groups[-1].key == ("doc", "policy-a", "policy")
    assert groups[-1].score == 1 / 63


def test_weights_tilt_the_fusion() -> None:
    ranked = {"bm25": [("pipl-22", 1.0)], "dense": [("pipl-14", 1.0)]}
    groups = fuse(ranked, META, {"bm25": 2.0, "dense": 1.0}, rrf_k=60)
    assert [group.key[1] for group in groups] == ["22", "14"]


def test_the_official_text_represents_its_group() -> None:
    ranked = {"bm25": [("pipl-22-digest", 3.0), ("pipl-22", 1.0)]}
    [group] = fuse(ranked, META, {}, rrf_k=60)
    assert representative(group, META) == "pipl-22"
    digest_only = fuse({"bm25": [("pipl-22-digest", 3.0)]}, META, {}, rrf_k=60)[0]
    assert representative(digest_only, META) == "pipl-22-digest"


def test_supporting_text_moves_down_by_its_offset() -> None:
    ranked = {"bm25": [("policy-a", 9.0), ("pipl-22", 8.0), ("pipl-14", 7.0)]}
    plain = fuse(ranked, META, {}, rrf_k=10)
    assert [group.key[1] for group in plain] == ["policy-a", "22", "14"]
    offset = fuse(ranked, META, {}, rrf_k=10, offset=Demotion({"policy": 5}))
    assert [group.key[1] for group in offset] == ["22", "14", "policy-a"]
    assert offset[-1].score == 1 / (10 + 1 + 5)


def test_demotion_of_supporting_text_and_other_jurisdictions() -> None:
    demote = Demotion({"policy": 20}, jurisdiction="CN", other_jurisdiction=10)
    assert demote({"kind": "policy", "jurisdiction": "CN"}) == 20
    assert demote({"kind": "law", "article": 1, "jurisdiction": "CN"}) == 0
    assert demote({"kind": "law", "article": 1, "jurisdiction": "EU"}) == 10
    assert demote({"kind": "policy", "jurisdiction": "EU"}) == 30
    assert Demotion({"policy": 20})({"kind": "law", "article": 1, "jurisdiction": "EU"}) == 0
