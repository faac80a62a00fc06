"""Normalising raw copy, splitting it into paragraphs, and the word tools the rules share."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

# UTF-8 read as Windows-1252: a lead byte (Â-ô) followed by continuation bytes shown as
# cp1252 glyphs. Only these runs are re-decoded, so real accented text is left alone.
_CONT = "\x80-\xbf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\u00a0"
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}}"
)

_PUNCTUATION = re.compile(r"[^\w\s]+")
# Any script's letters make words; a run of Chinese or Japanese (no spaces) is one long word.
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[^\w\s]|_")
_WORDISH = re.compile(r"[^\W_]")
_ODD_SPACE = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u3000\t\f\v]")
_INVISIBLE_CHARS = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_BLANK_LINE = re.compile(r"\n[ ]*\n")
# An HTML character reference left as text by a page that escaped its own markup twice or a
# feed copied raw ("Here &mdash; And", "Biden&#8217;s"): with its semicolon only, so that
# "AT&T" or "R&D" stay as they are.
_CHARACTER_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TERMINAL = tuple('.!?:;"\u201d\u2019)')


def _decode_reference(match: re.Match) -> str:
    """The character a reference names (a space for "&nbsp;"); an unknown name, or a number
    that names no printable character or names a line break, stays as it was."""
    decoded = html.unescape(match.group(0))
    printable = decoded.isprintable() or (decoded.isspace() and decoded not in "\n\r")
    return decoded if decoded and printable and decoded != "\ufffd" else match.group(0)


def _redecode(match: re.Match) -> str:
    chunk = match.group(0)
    try:
        raw = b"".join(c.encode("latin-1") if ord(c) < 256 else c.encode("cp1252") for c in chunk)
        return raw.decode("utf-8")
    except UnicodeError:
        return chunk


def normalise(text: str) -> str:
    """Line ends to \\n, odd spaces to plain ones, invisible characters out, mojibake repaired,
    HTML character references left as text decoded.

    Curly quotes are kept: they are the writer's; comparisons go through ``fold``.
    """
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )
    if _MOJIBAKE.search(text):
        text = _MOJIBAKE.sub(_redecode, text)
    if "&" in text:
        text = _CHARACTER_REFERENCE.sub(_decode_reference, text)
    text = _INVISIBLE_CHARS.sub("", _ODD_SPACE.sub(" ", text))
    return unicodedata.normalize("NFC", text)


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: every line but the last is long and some break mid-sentence."""
    body = lines[:-1]
    return all(len(line) >= 40 for line in body) and any(
        not line.endswith(_TERMINAL) for line in body
    )


def split_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; inside a block each line is one, unless it is wrapped prose.

    Every paragraph comes out on one line, so joining them with blank lines and splitting again
    gives the same paragraphs (the cleaner's second pass sees what the first one kept).
    """
    text = normalise(text)
    paragraphs: list[str] = []
    for block in _BLANK_LINE.split(text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if len(lines) > 1 and _is_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def tokens(text: str) -> list[str]:
    """Lower-case words and single punctuation marks, curly apostrophes straightened."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def is_word(token: str) -> bool:
    """A token of ``tokens`` that is a word, not a punctuation mark."""
    return bool(_WORDISH.match(token))


def fold(text: str) -> str:
    """Text as compared: case, quote style, punctuation and spacing do not matter."""
    text = _PUNCTUATION.sub(" ", text.lower())
    return " ".join(text.split())


_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how however i if in into is it its itself
just may me might more most mr mrs ms dr must my myself no nor not now of off on once only or other
our ours out over own same shall she should so some such than that the their theirs them then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours said says say told according
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Spinners swap these; folding them makes a reworded sentence look like its original.
_SYNONYM_TEXT = """
weapon: arms weapons weaponry
use: utilize utilise utilizing using employ used uses
country: nation nations countries
big: major large huge significant
start: commence commenced began begin begun started launch launched initiated
buy: purchase bought purchased
help: assist assistance aid
people: residents locals citizens inhabitants individuals
say: stated declared remarked commented
show: demonstrate demonstrated showed shown reveal revealed indicate indicated
inquiry: investigation investigations probe inquiries
end: conclude concluded finish finished
need: require required requires
try: attempt attempted tried
get: obtain obtained receive received acquire acquired
enough: sufficient adequate
rise: increase increased rose risen raise raised
fall: decrease decreased fell drop dropped decline declined
talk: discuss discussed discussion conversation talks
boat: vessel vessels boats
hurt: injured injury injuries wounded harmed
rescue: saved rescued
home: house houses homes residence dwelling
shut: close closed closure
money: funds funding cash
plan: proposal scheme proposed plans
car: automobile vehicle vehicles cars
child: kids children pupils students
allow: permit permitted allowed authorized authorised
lift: lifts lifted eased ease
ban: restrictions restriction prohibition
us: u.s u.s. america american
fix: repair repairs fixed mend mended
quick: rapidly quickly swiftly fast
"""
SYNONYMS = {
    word: line.split(":")[0]
    for line in _SYNONYM_TEXT.strip().splitlines()
    for word in line.split(":")[1].split()
}

_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:[.'\u2019][A-Za-z0-9]+)*\.?")


def stem(word: str) -> str:
    word = SYNONYMS.get(word, word)
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return SYNONYMS.get(word[: -len(suffix)], word[: -len(suffix)])
    return word


@functools.lru_cache(maxsize=1 << 16)
def _term(raw: str) -> str:
    word = raw.lower().rstrip(".").replace("\u2019", "'")
    if word in STOPWORDS or len(word) < 2:
        return ""
    return stem(word.replace(".", "") if "." in word else word)


@functools.lru_cache(maxsize=1 << 14)
def content_words(text: str) -> frozenset[str]:
    """The meaning-bearing words of a text, stemmed and with spinners' synonyms folded."""
    terms = {_term(w) for w in _WORD.findall(text)}
    terms.discard("")
    return frozenset(terms)


# Full stops that end no sentence: an initial ("John M. Ford", "U.S. States") and the titles
# news copy puts before a name ("Gov. Hale", "Dr. Reed").
_NOT_AN_END = ("Mr", "Mrs", "Ms", "Dr", "St", "Gov", "Sen", "Rep", "Gen", "Lt", "Sgt", "Prof")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)"
    + "".join(rf"(?<!\b{title}\.)" for title in _NOT_AN_END)
    + r"[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])"
)


def sentences(text: str) -> list[str]:
    """The text's sentences: split after a full stop, a question or an exclamation mark
    that a capital or a digit follows, but not after an initial or a title."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


# A quotation, a speech verb or an attribution: the paragraph reports what someone said.
_SPEECH = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "asked",
        "asks",
        "replied",
        "replies",
        "added",
        "adds",
        "stated",
        "wrote",
        "writes",
        "explained",
        "insisted",
        "claimed",
        "announced",
        "reported",
        "recalled",
        "admitted",
        "warned",
        "quoted",
        "responded",
        "answered",
        "apologised",
        "apologized",
        "joked",
        "complained",
        "conceded",
        "acknowledged",
        "according",
    ]
)
_LOWER_WORD = re.compile(r"[a-z]+")
# A line opening with a dash (em or en) credits what stands above it: "— Mara Quell on
# Sunday", an embedded post's "— Harbour Trust (@harbourtrust) May 2, 2027", a reader's
# masked "Jo** Al**": a name, so a letter ("— 800 words" is a count). A hyphen opens a list
# item, not a credit.
_CREDIT = re.compile(r"^\s*[\u2013\u2014]\s*[^\W\d_]")
# An interview printed as questions and answers: "Q: Where did you grow up?", "A: In Pellan."
# The interviewer speaks to "you" and the guest as "I", as an assistant and its user do.
_INTERVIEW = re.compile(r"^\s*(?:Q|A)\s?[:.]\s")
_QUOTED = re.compile(
    r"[\"\u201c\u201d]|\u00ab[^\u00bb]{2,}\u00bb|(?:^|\s)\u2018.{3,}\u2019(?:\s|[,.]|$)"
)


# A speech verb whose speaker is "I" or "you" ("the changes you asked for", "I haven't
# added anything") reports no one: it is one side of a conversation, not an attribution.
_CONVERSATION = frozenset(["i", "you"])
# Words that may stand between such a speaker and the verb: "I have not added", "you've
# just said", "I'd", "you'll" (the apostrophe parts the word in two).
_BETWEEN = frozenset(
    ["have", "haven", "has", "had", "ve", "d", "ll", "t", "not", "just", "already", "also"]
)


# A verb after "and" or "but" shares the subject of the clause before it: "I kept the facts
# but added transitions" is "I" adding; "the mayor smiled and said" is the mayor saying.
_COORDINATORS = frozenset(["and", "but", "then"])
_SUBJECTS = frozenset(["i", "you", "he", "she", "they", "we", "it", "who"])


def _attributes(words: list[str]) -> bool:
    """Whether a speech verb among ``words`` (lower case, in order) has a third party as its
    speaker: anyone but "I" or "you"."""
    for k, word in enumerate(words):
        if word not in _SPEECH:
            continue
        j = k - 1
        while j >= 0 and words[j] in _BETWEEN:
            j -= 1
        if j >= 0 and words[j] in _COORDINATORS:
            j = next((n for n in range(j - 1, -1, -1) if words[n] in _SUBJECTS), -1)
        if j < 0 or words[j] not in _CONVERSATION:
            return True
    return False


def is_reported(text: str) -> bool:
    """True when the paragraph quotes, attributes or credits: it may only ever go to review."""
    low = text.lower()
    words = _LOWER_WORD.findall(low)
    return (
        (not _SPEECH.isdisjoint(words) and _attributes(words))
        or bool(_QUOTED.search(text))
        or bool(_CREDIT.match(text))
        or bool(_INTERVIEW.match(text))
    )


_LETTERS = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_PROSE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*$")


@functools.lru_cache(maxsize=1 << 14)
def is_prose(text: str) -> bool:
    """Running prose, not a list item, a title-case line or a recipe's measures.

    Repeats in lists and menus are structure; only repeated prose is what spinners leave.
    """
    letters = _LETTERS.findall(text)
    if len(letters) < 8 or not _PROSE_END.search(text):
        return False
    if len(_DIGITS.findall(text)) > 0.25 * len(letters):
        return False
    return sum(w[0].islower() for w in letters) >= 0.5 * len(letters)


def numbers(text: str) -> list[str]:
    return _DIGITS.findall(text)


def words(text: str) -> list[str]:
    return text.split()
