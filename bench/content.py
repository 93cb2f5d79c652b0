"""Deterministic Markdown for the benchmark wiki: page bodies, their edits, and comment texts."""

import random

WORDS = (
    "architect infrastructure manager platform engineer service network storage cloud budget roadmap vendor "
    "contract incident change release capacity security compliance audit team lead hiring stakeholder design "
    "review standard policy migration datacenter cluster backup recovery monitoring alert escalation owner "
    "strategy portfolio governance risk availability latency throughput operations delivery support tier "
    "escalate document diagram decision tradeoff estimate plan schedule quarter practice role title career "
    "responsibility authority mandate scope boundary interface consumer provider catalogue request approval"
).split()

SECTION_TITLES = ("Scope", "Responsibilities", "How it differs", "Typical career path", "In practice", "Sources")


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        index = rng.randrange(len(words))
        words[index] = f"**{words[index]}**"
    return " ".join(words) + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def page_body(rng: random.Random, title: str, size: int) -> str:
    """Markdown of about `size` bytes: a heading, sections of one-line paragraphs, a list and a table."""
    lines = [f"# {title}", "", paragraph(rng, 2), ""]
    sections = iter(SECTION_TITLES * 10)
    while len("\n".join(lines).encode()) < size - 400:
        lines += [f"## {next(sections)}", "", paragraph(rng, rng.randint(1, 3)), ""]
        if rng.random() < 0.3:
            lines += [f"- {sentence(rng, 4, 8)}" for _ in range(3)] + [""]
    lines += ["| Role | Reports to |", "| :--- | ---: |"]
    lines += [f"| {rng.choice(WORDS)} {rng.choice(WORDS)} | {rng.choice(WORDS)} |" for _ in range(4)]
    lines += ["", f"See [the glossary](/wiki/glossary) and [a reference](https://example.org/{rng.randrange(999)})."]
    body = "\n".join(lines) + "\n"
    while len(body.encode()) < size:
        body = body.rstrip("\n") + " " + sentence(rng, 3, 5) + "\n"
    return body


def edited(rng: random.Random, body: str) -> str:
    """One small edit: a word of one paragraph (or list item) replaced, as a member's typo fix or rewording."""
    lines = body.split("\n")
    editable = [i for i, line in enumerate(lines) if line and line[0] not in "#|"]
    index = rng.choice(editable)
    words = lines[index].split(" ")
    position = rng.randrange(1, len(words)) if len(words) > 1 else 0
    replacement = rng.choice(WORDS)
    if words[position].endswith("."):
        replacement += "."
    words[position] = replacement
    lines[index] = " ".join(words)
    return "\n".join(lines)


COMMENT_BODIES = (
    "I agree with this.",
    "Not quite: an *infrastructure architect* designs, an **IT manager** runs the team that operates.",
    "Source? In my last three jobs the title meant something else entirely.",
    "That depends on the size of the company. In a startup the same person does both, and the title is "
    "whatever the recruiter wrote.\n\nIn a bank they are different departments.",
    "See [the glossary](/wiki/glossary) and [this write-up](https://example.org/roles) for the usual split.",
    "Three things decide it:\n\n1. who owns the budget\n2. who signs off designs\n3. who gets paged at night",
    "> an architect decides, a manager allocates\n\nNice summary, but it hides who is accountable.",
    "Good point about `on-call` duties; I would add the change advisory board to the list.",
    "I have seen the opposite: the manager sets the standards and the architect just draws diagrams. "
    "Titles drift with the org chart, so a definition should say what the role decides, not what it is called.",
    "+1",
    "Could we get a table?\n\n| Role | Decides | Runs |\n| --- | --- | --- |\n| Architect | yes | no |\n"
    "| Manager | budget | yes |",
    "Disagree. " + "The distinction is mostly about scope and time horizon rather than authority. " * 4,
)
