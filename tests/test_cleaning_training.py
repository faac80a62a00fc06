"""The classifier's training data and held-out scoring, on tiny invented fixtures."""

from articles.cleaning.training import evaluate, leftovers, pages
from articles.cleaning.training.documents import Doc


def _doc(*pairs):
    doc = Doc("fixture")
    for text, label, kind in pairs:
        doc.add(text, label, kind)
    return doc


def test_evaluate_counts_recall_removal_precision_and_lost_paragraphs():
    """Per family: flagged and removed shares, precision of claims, real paragraphs lost with
    the rule that removed them, and what the headline found was."""
    doc = _doc(
        ("Sure! Here is the piece:", "chatbot", "opener"),
        ("The harbour wall will be rebuilt.", "story", None),
        ("Boats will move to the western basin.", "story", None),
        ("Harbour wall to be rebuilt", "story", None),
        ("Share this story", "chrome", None),
        ("Let me know!", "chatbot", "offer"),
    )
    verdicts = {
        "Sure! Here is the piece:": ("remove", ["chatbot.learned"]),
        "The harbour wall will be rebuilt.": ("keep", []),
        "Boats will move to the western basin.": ("remove", ["chrome.learned"]),
        "Harbour wall to be rebuilt": ("remove", ["extract.headline"]),
        "Share this story": ("review", ["chrome.share"]),
        "Let me know!": ("keep", []),
    }
    doc.headline = "Harbour wall to be rebuilt!"
    found = {"fixture": "Harbour wall to be rebuilt", "menu": "Share this story", "none": None}

    def judge(name):
        return lambda texts: ([verdicts[t] for t in texts], found[name])

    result = evaluate.evaluate([doc], judge("fixture"))
    chatbot, chrome = result.families["chatbot"], result.families["chrome"]
    assert (chatbot.labelled, chatbot.flagged, chatbot.removed) == (2, 1, 1)
    assert chatbot.precision == 1.0
    assert (chrome.labelled, chrome.flagged, chrome.removed) == (1, 1, 0)
    assert chrome.claimed == 2 and chrome.precision == 0.5
    assert result.families["chatbot/offer"].recall == 0.0
    assert (result.story.labelled, result.story.flagged, result.story.removed) == (3, 2, 1)
    assert result.lost == [("Boats will move to the western basin.", "chrome.learned")]
    assert result.lost_to_model == 1
    assert result.headlines == {"headline": 1}
    assert evaluate.evaluate([doc], judge("menu")).headlines == {"chrome": 1}
    assert evaluate.evaluate([doc], judge("none")).headlines == {"none": 1}
    table = evaluate.table({"fixture": result})
    assert "chatbot/opener" in table and "removed 1 (by the model 1, by a rule 0)" in table
    assert "headline 1, story 0, chrome 0, none 0" in table


def test_held_out_templates_are_never_trained_on():
    """Every family has held-out templates, and they are not among its training templates."""
    grammar = leftovers.grammar()
    for family in grammar.families:
        held = set(grammar.templates(family, "heldout"))
        assert held
        assert held.isdisjoint(grammar.templates(family, "train"))
        assert held.isdisjoint(grammar.templates(family, "dev"))


def test_cross_validation_deals_the_training_side_into_folds_and_never_the_held_out():
    """Each site and template outside the held-out split is dev in exactly one fold and train
    in the others; the held-out split is the same inside and outside the folds."""
    grammar = leftovers.grammar()
    sites = [f"site-{n}.example" for n in range(60)]
    family = sorted(grammar.families)[0]
    outside = {site: leftovers.split_of(site) for site in sites}
    held = grammar.templates(family, "heldout")
    rest = [*grammar.templates(family, "dev"), *grammar.templates(family, "train")]
    dev_count = {site: 0 for site in sites if outside[site] != "heldout"}
    dev_templates = []
    for fold in range(3):
        with leftovers.cross_validation(fold, 3):
            assert grammar.templates(family, "heldout") == held
            dev = grammar.templates(family, "dev")
            assert sorted(dev + grammar.templates(family, "train")) == sorted(rest)
            dev_templates += dev
            for site in sites:
                split = leftovers.split_of(site)
                assert (split == "heldout") == (outside[site] == "heldout")
                if split == "dev":
                    dev_count[site] += 1
    assert set(dev_count.values()) == {1}
    assert sorted(dev_templates) == sorted(rest)
    assert {leftovers.split_of(site) for site in sites} == set(outside.values())
    assert leftovers.split_of(sites[0]) == outside[sites[0]]  # the folds end with the block


def test_combined_evaluations_add_up_their_tallies():
    """The folds' figures are summed: labelled, flagged and removed lines, losses, headlines."""
    doc = _doc(("Share this story", "chrome", None), ("The pier reopens.", "story", None))

    def judge(texts):
        return [("remove", ["chrome.learned"]) for _ in texts], None

    one = evaluate.evaluate([doc], judge)
    both = evaluate.combine([one, one])
    assert (both.families["chrome"].labelled, both.families["chrome"].removed) == (2, 2)
    assert (both.story.labelled, both.story.removed, both.lost_to_model) == (2, 2, 2)


def test_figures_by_site_add_up_to_the_set_and_say_how_sure_they_are():
    """A set measured site by site combines to the set's own figures; resampling whole sites
    gives an interval that holds the set's share, the same every run, and that is a point
    when every site says the same."""
    pages_of = {"quay.example": 3, "pier.example": 2, "dock.example": 1}
    docs = []
    for site, count in pages_of.items():
        for n in range(count):
            doc = Doc(f"page/{site}/{n}")
            doc.add("Share this story", "chrome", None)
            doc.add(f"Most read on {site}", "chrome", None)
            doc.add("The pier reopens on Monday.", "story", None)
            docs.append(doc)

    def judge(texts):
        # Every site's share button goes; only the quay's "Most read" does.
        gone = {"Share this story", "Most read on quay.example"}
        return [("remove", ["chrome.learned"]) if t in gone else ("keep", []) for t in texts], None

    parts = evaluate.evaluate_by_site(docs, judge)
    whole = evaluate.combine(parts.values())
    assert (whole.families["chrome"].labelled, whole.families["chrome"].removed) == (12, 9)
    assert (
        whole.families["chrome"].removed
        == evaluate.evaluate(docs, judge).families["chrome"].removed
    )
    tallies = [
        (e.families["chrome"].removed, e.families["chrome"].labelled) for e in parts.values()
    ]
    low, high = evaluate.interval(tallies)
    assert low < 9 / 12 < high
    assert (low, high) == evaluate.interval(tallies)
    assert evaluate.interval([(1, 2), (2, 4), (3, 6)]) == (0.5, 0.5)
    line = evaluate.spread(parts, "chrome")
    # Every line flagged here is removed: recall and the removed share agree, site by site.
    shares = f"{low:.1%}-{high:.1%}"
    assert line == f"chrome recall {shares}, removed {shares}; real lines lost 0.00%-0.00% of them"


def test_a_change_between_two_models_is_measured_site_by_site():
    """The move in the removed share between two models on the same sites, with the sites
    drawn again together: a move every site shows has an interval clear of zero."""

    def result(removed, labelled=4):
        doc = Doc("page/x/1")
        for n in range(labelled):
            doc.add(f"Menu item {n}", "chrome", None)
        return evaluate.evaluate(
            [doc],
            lambda texts: (
                [("remove", ["chrome.learned"])] * removed + [("keep", [])] * (labelled - removed),
                None,
            ),
        )

    before = {"quay": result(1), "pier": result(2), "dock": result(2)}
    after = {"quay": result(2), "pier": result(3), "dock": result(3)}
    assert evaluate.change(after, before, "chrome") == "chrome removed +25.0% (+25.0% to +25.0%)"
    mixed = {"quay": result(3), "pier": result(1), "dock": result(2)}
    line = evaluate.change(mixed, before, "chrome")
    assert line.startswith("chrome removed +8.3% (-")


def test_evaluate_by_site_groups_pages_and_clipped_copies_by_their_site():
    """Pages and clipped copies of one site are one group; any other document its own."""
    docs = [Doc("page/quay.example/1"), Doc("clip/quay.example/1/0"), Doc("paste/dev/3")]
    for doc in docs:
        doc.add("Share this story", "chrome", None)
    by_site = evaluate.evaluate_by_site(docs, lambda texts: ([("keep", [])] * len(texts), None))
    assert {site: r.families["chrome"].labelled for site, r in by_site.items()} == {
        "paste/dev/3": 1,
        "quay.example": 2,
    }


def test_copyright_notices_the_ground_truth_calls_story_are_counted_apart():
    """A notice lost is still a paragraph lost, and the table says how many were notices."""
    doc = _doc(
        ("© 2021 Saltmere Gazette. All rights reserved.", "story", None),
        ("Copyright Harbour Press Company", "story", None),
        ("The copyright of the mural passes to the town.", "story", None),
        ("The pier reopens on Monday.", "story", None),
    )

    def judge(texts):
        return [("remove", ["chrome.copyright"]) for _ in texts[:3]] + [("keep", [])], None

    result = evaluate.evaluate([doc], judge)
    assert (result.story.removed, result.lost_notices) == (3, 2)
    assert "removed 3 (by the model 0, by a rule 3; copyright notices 2)" in evaluate.table(
        {"fixture": result}
    )


def test_the_generator_is_deterministic_and_varied():
    """The same seed gives the same lines; a hundred lines are mostly different."""
    first = leftovers.generate("train", 100, seed=3)
    assert first == leftovers.generate("train", 100, seed=3)
    assert len({line for line, _ in first}) > 80
    assert {family for _, family in first} == set(leftovers.grammar().families)


def test_page_lines_are_labelled_against_the_ground_truth():
    """Lines in the body are story, the h1 is story, short lines elsewhere are chrome."""
    html = (
        "<html><body><nav><a>Skip to content</a><a>Skip to navigation</a></nav>"
        "<ul><li>Business</li><li>Sport</li></ul><h1>Harbour wall to be rebuilt</h1>"
        "<p>The council voted to rebuild the harbour wall on Tuesday.</p>"
        '<img alt="Harbourside Courier logo"><footer><p>Sign up for our newsletter</p></footer>'
        "</body></html>"
    )
    lines, headings = pages.page_lines(html)
    assert lines[0] == "Skip to contentSkip to navigation"
    body = "The council voted to rebuild the harbour wall on Tuesday. Business is quiet."
    kept, labels = pages.label_lines(lines, headings, body)
    assert dict(zip(kept, labels, strict=True)) == {
        "Skip to contentSkip to navigation": "chrome",
        "Business": "chrome",
        "Sport": "chrome",
        "Harbour wall to be rebuilt": "story",
        "The council voted to rebuild the harbour wall on Tuesday.": "story",
        "Harbourside Courier logo": "chrome",
        "Sign up for our newsletter": "chrome",
    }


def test_only_the_h1_naming_the_story_is_story():
    """A page with sidebar h1s: the one sharing most words with <title> is the headline."""
    html = (
        "<html><head><title>Harbour wall to be rebuilt | The Courier</title></head><body>"
        "<h1>Hot Topics</h1><h1>Harbour wall to be rebuilt</h1><h1>Latest News</h1>"
        "<p>The council voted to rebuild the harbour wall on Tuesday.</p></body></html>"
    )
    lines, headings = pages.page_lines(html)
    assert headings == ["Harbour wall to be rebuilt"]
    kept, labels = pages.label_lines(lines, headings, "The council voted to rebuild the wall.")
    assert dict(zip(kept, labels, strict=True))["Hot Topics"] == "chrome"


def test_an_h1_that_names_the_site_is_not_the_headline():
    """Where the h1 is the site's name (the <title>'s other part) the h2 naming the story is
    the headline; where no heading shares a word with the title, the page has none."""
    html = (
        "<html><head><title>Harbour wall to be rebuilt | The Courier</title></head><body>"
        "<h1>The Courier</h1><h2>Most read</h2><h2>Harbour wall to be rebuilt</h2>"
        "<p>The council voted to rebuild the harbour wall on Tuesday.</p></body></html>"
    )
    assert pages.page_lines(html)[1] == ["Harbour wall to be rebuilt"]
    section = html.replace("<title>", "<title>Opinion | ").replace(
        "</head>",
        '<meta property="og:title" content="Opinion | Harbour wall to be rebuilt"></head>',
    )
    assert pages.page_lines(section)[1] == ["Harbour wall to be rebuilt"]
    nameless = html.replace("<h2>Harbour wall to be rebuilt</h2>", "")
    assert pages.page_lines(nameless)[1] == []
    untitled = nameless.replace("<title>Harbour wall to be rebuilt | The Courier</title>", "")
    assert pages.page_lines(untitled)[1] == ["The Courier"]


def test_training_is_deterministic(small_zyte, small_model):
    """The same data and seed give the same model file, byte for byte."""
    from articles.cleaning.train import train_model

    again = train_model(zyte=small_zyte, corpus=None, seed=7)
    assert again.model_bytes == small_model.model_bytes
    assert again.counts == small_model.counts


def test_a_clipped_copy_holds_the_story_and_a_few_lines_of_the_page_around_it():
    """An editor selecting the article drags in at most CLIP_MARGIN lines either side; the
    headline is scored only on the copies that hold it."""
    from articles.cleaning.training import documents

    site = next(
        name
        for name in (f"clip-{n}.example" for n in range(100))
        if leftovers.split_of(name) == "train"
    )
    menu = [f"Menu item {n}" for n in range(30)]
    footer = [f"Footer link {n}" for n in range(30)]
    body = ["The harbour wall will be rebuilt.", "Work starts in March, the council said."]
    lines = [*menu, "Harbour wall to be rebuilt", *body, *footer]
    labels = ["chrome"] * 30 + ["story"] * 3 + ["chrome"] * 30
    page = pages.Page("k" * 40, site, lines, labels, body, headline="Harbour wall to be rebuilt")

    copies = documents.clipped_docs([page], "train", seed=4, copies=20)
    assert copies == documents.clipped_docs([page], "train", seed=4, copies=20)
    assert documents.clipped_docs([page], "dev", seed=4) == []
    margins = set()
    for doc in copies:
        assert doc.texts[doc.texts.index("Harbour wall to be rebuilt") :][:3] == lines[30:33]
        above, below = doc.texts.index(lines[30]), len(doc.texts) - doc.texts.index(body[-1]) - 1
        assert above <= documents.CLIP_MARGIN and below <= documents.CLIP_MARGIN
        assert doc.labels == [labels[lines.index(text)] for text in doc.texts]
        assert doc.headline == "Harbour wall to be rebuilt"
        margins.add((above, below))
    assert len(margins) > 5  # each copy takes its own margins

    # A page whose headline (its h1) is not among the lines copied scores none.
    bare = pages.Page("b" * 40, site, lines, labels, body, headline="Another headline")
    assert {doc.headline for doc in documents.clipped_docs([bare], "train", seed=4)} == {None}
