# ruff: noqa: E501
"""Seed debate: competing definitions, stances and threaded discussions.

The positions come from the same two sources as wiki.seed.content (a career guide
on becoming an infrastructure manager, and Michael Platt's post "Infrastructure
career progression" with its comments). Every sentence is the wiki's own.

Words credited to a participant of the thread (Michael Platt, Warren Brown, Beth
Patton, the anonymous reader) retell only what that person wrote there, and each
such text names the comment it retells in its `source`: an id of THREAD below.
Everything else, including every view on the career guide, belongs to the wiki's
invented members (priya_netops, dkowalski, helpdesk_hal and marginalia) as their
own. Warren Brown never answered Platt's question whether he denied a management
track, so nothing here answers it for him.

Platt's post listed the steps of its technical track, but that list did not
survive in the copy this wiki draws on, so it is never reproduced here, and
Warren Brown's progression is not offered in its place.
"""

from wiki.seed.data import (
    SeedComment,
    SeedDefinition,
    SeedDiscussion,
    SeedRevision,
    SeedStance,
    ThreadComment,
)

# ---------------------------------------------------------------------------
# The thread retold: the post and its six comments, in order
# ---------------------------------------------------------------------------

PLATT_POST = "thread:platt-post"
ANON_COMMENT = "thread:comment-1-anonymous"
BROWN_COMMENT = "thread:comment-2-warren-brown"
PLATT_TO_BROWN = "thread:comment-3-michael-platt"
PATTON_COMMENT = "thread:comment-4-beth-patton"
PLATT_FEEDBACK = "thread:comment-5-michael-platt"
PLATT_CLOSING = "thread:comment-6-michael-platt"

THREAD: dict[str, ThreadComment] = {
    comment.id: comment
    for comment in [
        ThreadComment(
            PLATT_POST,
            "Michael-Platt",
            "There seem to be two tracks in the infrastructure space, technical and management.",
            "The post: his manager's question and the two-track answer",
        ),
        ThreadComment(
            ANON_COMMENT,
            "Anonymous",
            "I started helpdesk; moved to senior admin guy; am now IT Manager but miss the technical side",
            "Comment 1: mostly accurate, but people jump between the tracks",
        ),
        ThreadComment(
            BROWN_COMMENT,
            "Warren-Brown",
            "I must say I am surprised by the suggestion there are only two tracks.",
            "Comment 2: the track the people he works with follow, and business / people skills",
        ),
        ThreadComment(
            PLATT_TO_BROWN,
            "Michael-Platt",
            "The progression you show is the technical track i give (I think).",
            "Comment 3: one track or several? No management track? Agrees on non-technical skills",
        ),
        ThreadComment(
            PATTON_COMMENT,
            "Beth-Patton",
            "the IT manager is the interface with the business sponsors as well as with all of the other groups in an IT organization",
            "Comment 4: defining the discipline and its players; architect and IT manager as peers",
        ),
        ThreadComment(
            PLATT_FEEDBACK,
            "Michael-Platt",
            "So I have had a number of other comments about this, summarised as:",
            "Comment 5: feedback received elsewhere, summarised",
        ),
        ThreadComment(
            PLATT_CLOSING,
            "Michael-Platt",
            "My definition of an Infrastructure architect is one who defines and manages the Infrastructure Architecture of an organisation.",
            "Comment 6: closing thoughts, his definition, and no definition of the IT manager",
        ),
    ]
}


def _doc(*blocks: str) -> str:
    """Join Markdown blocks with blank lines into one body."""
    return "\n\n".join(block.strip("\n") for block in blocks) + "\n"


# ---------------------------------------------------------------------------
# Discussion: Career tracks in infrastructure (the original thread, retold)
# ---------------------------------------------------------------------------

_PLATT_OPENING = _doc(
    "Late last night my manager asked me something I'd like a second opinion on, so I'm putting it up here.",
    "He was talking about the solution architects he deals with at customer sites. In his experience a lot of them are half developer and half architect: they sit in the architecture meetings, and then they want to look at the code. His question was whether infrastructure has the same thing, a group of people who implement systems but regard themselves as architects.",
    "I know exactly the type he means on the application side. Look on Slashdot and you'll find somebody offering to write the architecture for a CRM system in Java there and then. I have never met the infrastructure version, though. Nobody has ever told me they'll code up a consolidation initiative as a script tonight.",
    'So why the difference? Do infrastructure "architects" of that kind exist and I\'ve simply missed them? What I told him is in my reply below.',
)

_PLATT_ANSWER = _doc(
    "Roughly what I said to him:",
    "My answer was that infrastructure careers appear to follow two tracks, one technical and one in management. You can obviously get on the technical track at any step and get off at any step. People who leave it go one of two ways: into software development, or into IT management.",
    "The management track, as I'd describe it: Ops manager → engineering manager → IT manager → infrastructure architect.",
    'People cross from the technical side to management at every level, but my guess is that most make the jump at the design stage and land as IT managers. The people at the "top" of the technical track are the scripting specialists, and unlike application developers they neither aspire to be architects nor think of themselves that way.',
    "On top of that, most of the people actually doing infrastructure architecture have IT manager titles, so they feel closer to management than to technology.",
    "Have I got this badly wrong?",
)

_MARGINALIA_LOST_LIST = _doc(
    "Moderator note for anyone arriving from the article: Michael's original answer did list the steps of the technical track, but that list didn't survive in the copy this wiki works from, so it isn't reproduced above.",
    "What does survive is where he said the track tops out: with the scripting specialists, who don't aspire to the architect title or think of themselves as architects.",
    "Further down, Michael says he thinks (\"I think\" is his hedge) that Warren's five-step progression is the technical track he gave. With his own list gone nobody can check that, so please don't quote Warren's list as if it were Michael's, or as a stand-in for it.",
)

_ANON_REPLY = _doc(
    "Broadly right, I'd say. The exceptions are the people who hop from one of your tracks to the other, and I'm one of them.",
    "I began on the helpdesk, became a senior admin, and I'm an IT manager now. I do miss the technical side, though, and I've been thinking about a move into architecture.",
)

_BROWN_STEPS_BEFORE = """1. Front-line helpdesk / desktop engineer
2. Second-line desktop support, while training to become a system engineer (an MSCE, say)
3. System engineer, looking after servers and applications
4. Senior engineer / consultant, with more interaction with the business
5. Architect / strategic consultant"""

_BROWN_STEPS_AFTER = _BROWN_STEPS_BEFORE.replace("an MSCE, say", "an MCSE, say")


def _brown_reply(steps: str) -> str:
    return _doc(
        "Only two tracks? That surprises me. I should say I'm not from the US, so the terms may be different there.",
        "In my experience, the people I work with move through this track in their careers:",
        steps,
        "Moving through those stages gives you a core understanding of the client, the server and the business, and eventually a strategic, architectural view. At any stage some people simply stop, because they've reached their comfort level.",
        "What strikes me is how many self-titled architects have amazing technical skills and no business or people skills. Personally I think an architect needs both.",
    )


_PLATT_TO_BROWN_TEXT = _doc(
    "Warren, I'm not sure what you're saying here. Is there one track, or several, and if several, how many? The progression you show is, I think, the technical track I gave. Are you saying there's no management track?",
    "I agree about the non-technical skills, though. The Microsoft architect certification has seven elements, and only two of them are technical.",
)

_MARGINALIA_UNANSWERED = "For readers arriving later: Warren never answered this in the original thread. Whether he meant there is one track or several, and whether he denied a management track, was left open, so please don't read an answer into his comment.\n"

_PATTON_REPLY = _doc(
    "For me this feeds into defining infrastructure architecture, which is still very nebulous across the industry. Two things need pinning down here: what infrastructure architecture actually is, and who the players are.",
    'I had a really interesting conversation with some former colleagues about what an architect is, and the overwhelming view was that "architect" is stretched over far too much. Ask around and you\'ll collect hundreds of meanings.',
    "So: is a designer an architect? An implementer? Someone who does both? And what about the hybrid who designs the technical, operational and strategic side of a solution, and also has to show the business sponsors what that design is worth to them?",
    "The same goes for the IT manager. How is that role defined? Is that person just the glue keeping the IT department (development, infrastructure, operations) in one piece? What does the job involve, who does it deal with, and how is it different from an architect's?",
    "I partly disagree that an infrastructure career can only go two ways, techie or boss, although both of those tracks certainly exist. What neither of them covers is who is responsible for joining up the business strategy with the infrastructure one. An architect doesn't have to finish up as an IT manager.",
    "As I see it, the infrastructure architect and the IT manager are on the same level and work together on those two strategies, each picking up where the other stops. In my experience the IT manager is the interface with the business sponsors and with every other group in IT. The architect must understand the business too (that part is vital), but it's the architect who drives the strategy of the infrastructure.",
    'I think of it as "yin and yang". Business strategy passes from the IT manager to the architect, infrastructure strategy passes back, and round it goes.',
)

_DKOWALSKI_ON_PATTON = "Beth's peer model is what I've seen work best. At my last job the architect and the IT manager had a standing weekly slot, and that's where most decisions about the direction of the estate actually got made. When the architect post sat empty for a year, the IT manager tried to cover both and did neither well, which rather proves they're different jobs.\n"

_PRIYA_ON_PATTON = "Coming from networks, I'd add that \"who are the players\" is hard partly because plenty of infrastructure architecture is done by people whose title says neither architect nor manager. At my place the network lead sets most of the WAN and data-centre direction and would laugh if you called her an architect. That fits Michael's point about the technical top not aspiring to the title.\n"

_HAL_TO_PRIYA = (
    "Which is exactly why I'd rather define the role by what it does than by whoever happens to hold the title.\n"
)

_PLATT_FEEDBACK_TEXT = _doc(
    "I've had a number of other comments about this. Boiled down:",
    """- If we're going to define the infrastructure architect, saying who does what isn't enough. How the roles link up with one another matters just as much.
- Infrastructure architecture is bound up with the day-to-day running of the business more closely than any other kind of architecture, and it's strategic. Plenty of people assume it's just networks, servers and a bit of process; they're wrong. It exists to support the organisation's continuing operations, and it doesn't stop once a couple of servers are in and "2.5 people" have learned to run them.""",
)

_PLATT_CLARIFIES = _doc(
    "Some thoughts on all this:",
    """1. I wasn't setting out to define infrastructure, or the infrastructure architect, in my answer. In hindsight that was a mistake. For the record, my definition is the person who defines and manages an organisation's infrastructure architecture, which I have defined elsewhere.
2. I didn't mean that people climb the two paths neatly, one rung after another. They may jump between them, backwards as well as forwards, and in fact most people probably will.
3. The titles I used may be wrong, and some may be missing.
4. I wasn't trying to define the IT manager either, and I don't intend to.
5. I agree with what's been said about the architect's relationships with the business and with IT managers, and about how much the role matters.""",
)


_CAREER_TRACKS = SeedDiscussion(
    page="Career tracks in infrastructure",
    comments=[
        SeedComment(
            author="Michael-Platt",
            body=_PLATT_OPENING,
            days_ago=50.0,
            source=PLATT_POST,
            replies=[
                SeedComment(
                    author="Michael-Platt",
                    body=_PLATT_ANSWER,
                    days_ago=49.9,
                    source=PLATT_POST,
                    replies=[
                        SeedComment(author="Anonymous", body=_ANON_REPLY, days_ago=49.2, source=ANON_COMMENT),
                        SeedComment(
                            author="Warren-Brown",
                            body=_brown_reply(_BROWN_STEPS_BEFORE),
                            days_ago=48.6,
                            source=BROWN_COMMENT,
                            edits=[
                                SeedRevision(
                                    author="Warren-Brown",
                                    summary="Fix typo: MCSE",
                                    body=_brown_reply(_BROWN_STEPS_AFTER),
                                    days_ago=48.55,
                                    source=BROWN_COMMENT,
                                )
                            ],
                            replies=[
                                SeedComment(
                                    author="Michael-Platt",
                                    body=_PLATT_TO_BROWN_TEXT,
                                    days_ago=48.1,
                                    source=PLATT_TO_BROWN,
                                    replies=[
                                        SeedComment(author="marginalia", body=_MARGINALIA_UNANSWERED, days_ago=18.5)
                                    ],
                                )
                            ],
                        ),
                        SeedComment(
                            author="Beth-Patton",
                            body=_PATTON_REPLY,
                            days_ago=47.0,
                            source=PATTON_COMMENT,
                            replies=[
                                SeedComment(author="dkowalski", body=_DKOWALSKI_ON_PATTON, days_ago=12.0),
                                SeedComment(
                                    author="priya_netops",
                                    body=_PRIYA_ON_PATTON,
                                    days_ago=8.5,
                                    replies=[SeedComment(author="helpdesk_hal", body=_HAL_TO_PRIYA, days_ago=7.0)],
                                ),
                            ],
                        ),
                        SeedComment(
                            author="Michael-Platt", body=_PLATT_FEEDBACK_TEXT, days_ago=46.2, source=PLATT_FEEDBACK
                        ),
                        SeedComment(author="Michael-Platt", body=_PLATT_CLARIFIES, days_ago=45.3, source=PLATT_CLOSING),
                        SeedComment(author="marginalia", body=_MARGINALIA_LOST_LIST, days_ago=19.0),
                    ],
                )
            ],
        )
    ],
)


# ---------------------------------------------------------------------------
# Discussion: Infrastructure manager (the career guide's claims)
# ---------------------------------------------------------------------------

_HAL_DEGREE = "Honest question about the Qualifications section: is a degree really the entry ticket? The guide treats a bachelor's in computer science or IT as the normal minimum, but the best infrastructure manager I've worked for started on a service desk without one and came up through sysadmin jobs.\n"

_DKOWALSKI_DEGREE = _doc(
    "My first stub overstated it: I wrote that you need a master's, and marginalia corrected it to what the guide really says. An undergraduate degree is the usual expectation, and some employers go further and ask for a master's or particular certifications.",
    "In practice I've found the degree is mostly a filter HR applies when shortlisting. Once you're in, a CompTIA, CCNA or MCSE on the CV and a record of keeping things up count for a lot more.",
)

_HAL_CERTS = "That's encouraging; I'm halfway through a CompTIA cert now. One thing for anyone following the MCSE suggestion: Microsoft has since retired it in favour of role-based certifications, so look up what the current equivalent is before you start.\n"

_PRIYA_PROGRESSION = _doc(
    "On progression, the guide's route is more or less mine: networking first, then a senior post, then specialising. It also suggests that a specialism such as cloud or security can take you all the way to CIO or CTO.",
    "I'm less convinced. Specialising got me noticed, but every CIO I've met got there on budgets and people, not on depth in one area.",
)

_DKOWALSKI_PROGRESSION = "Agree with Priya. It's like what Warren Brown said about architects in the career-tracks thread, that business and people skills are critical alongside the technical ones. To me the jump at the top depends on how well you deal with the business. A specialism is a fine way to stand out at senior engineer level; on its own it won't get you into the boardroom.\n"

_INFRA_MANAGER = SeedDiscussion(
    page="Infrastructure manager",
    comments=[
        SeedComment(
            author="helpdesk_hal",
            body=_HAL_DEGREE,
            days_ago=44.0,
            replies=[
                SeedComment(
                    author="dkowalski",
                    body=_DKOWALSKI_DEGREE,
                    days_ago=43.2,
                    replies=[SeedComment(author="helpdesk_hal", body=_HAL_CERTS, days_ago=42.0)],
                )
            ],
        ),
        SeedComment(
            author="priya_netops",
            body=_PRIYA_PROGRESSION,
            days_ago=30.0,
            replies=[SeedComment(author="dkowalski", body=_DKOWALSKI_PROGRESSION, days_ago=28.5)],
        ),
    ],
)


DISCUSSIONS: list[SeedDiscussion] = [_CAREER_TRACKS, _INFRA_MANAGER]


# ---------------------------------------------------------------------------
# Definitions: Infrastructure architect
# ---------------------------------------------------------------------------

_IA_PLATT_1 = _doc(
    "An **infrastructure architect** is the person who defines and manages an organisation's [infrastructure architecture](/wiki/infrastructure-architecture).",
    "My original post didn't set out to define the role, and in hindsight that was a mistake. This is the definition I gave afterwards.",
)

_IA_PLATT_2 = _doc(
    "An **infrastructure architect** is the person who defines and manages an organisation's [infrastructure architecture](/wiki/infrastructure-architecture).",
    "The feedback I summarised on the post adds to that: the work is strategic, tied to the continuing operation of the business more closely than any other kind of architecture, and about far more than networks, servers and a little process. It doesn't finish once the first servers are installed and a few people have been trained to run them.",
    "My original post didn't set out to define the role, and in hindsight that was a mistake. The titles in my career tracks may be wrong, and some may be missing.",
)

_IA_PATTON_1 = _doc(
    "The **infrastructure architect** works alongside the [IT manager](/wiki/it-manager) as a peer, at the same level. The IT manager is the interface with the sponsors on the business side and with the rest of IT; the architect has to understand the business too, which is vital, but is the one who drives the infrastructure strategy.",
    'The two roles form a loop: business strategy goes from the manager to the architect, infrastructure strategy comes back, and it repeats. I call it a "yin and yang".',
)

_IA_PATTON_2 = _doc(
    "The **infrastructure architect** is a peer of the [IT manager](/wiki/it-manager): the same level, a different job, and an architect's career doesn't have to end in IT management. Business sponsors and the other IT groups deal with the IT manager. The architect must understand the business as well (that is vital), but is the one who drives the strategy of the infrastructure.",
    'Between them they join up the business strategy and the infrastructure strategy, each picking up where the other leaves off. Business direction flows from the manager to the architect, infrastructure direction flows back, and the cycle keeps turning; I think of the pair as "yin and yang".',
)

_IA_BROWN = _doc(
    "In infrastructure, the **architect** is where the track I see people work through ends, for those who go the whole way: front-line helpdesk or desktop work, second-line desktop support, system engineer, senior engineer or consultant, and finally architect or [strategic consultant](/wiki/strategic-consultant). Working through those stages builds a core understanding of the client, the server and the business, and in the end a strategic, architectural view.",
    "Technical skill alone doesn't make an architect. Business skills and people skills are both critical, and I see a lot of people calling themselves architects who have amazing technical skills and neither of the other two.",
)

_IA_HAL = _doc(
    "The **infrastructure architect** is the last step of the management track: [operations manager](/wiki/operations-manager), [engineering manager](/wiki/engineering-manager), [IT manager](/wiki/it-manager), then architect. That's the order Michael gave in his original answer, and it matches what I see.",
    "Most people who really do infrastructure architecture carry an IT manager title and think of themselves as management rather than technologists. Where I work, the architecture decisions are made by the IT manager.",
)

_IA_PLATT_THREAD = [
    SeedComment(
        author="marginalia",
        body="Michael's closing comment on the original post said he had defined infrastructure architecture itself elsewhere and pointed readers to it, but the link didn't survive in the copy this wiki works from. If anyone tracks the write-up down, please add it to [Infrastructure architecture](/wiki/infrastructure-architecture).\n",
        days_ago=29.5,
        replies=[
            SeedComment(
                author="priya_netops",
                body="Until then, this one-line definition is what we have from him. I'd rather keep it short than pad it out with guesses about what the write-up said.\n",
                days_ago=29.0,
            )
        ],
    )
]

_IA_PATTON_THREAD = [
    SeedComment(
        author="helpdesk_hal",
        body="Who does the architect report to, then? If they're peers, who settles it when they disagree?\n",
        days_ago=35.0,
        replies=[
            SeedComment(
                author="dkowalski",
                body="Beth's comment on the post doesn't say, so this is only my experience: at a previous employer the architect and the IT manager both answered to the same head of IT, the CIO, and nearly every disagreement got sorted between the two of them before it reached her. Real deadlocks were rare because strategy actually flowed both ways, which I take to be the point of Beth's circle.\n",
                days_ago=34.0,
                replies=[
                    SeedComment(
                        author="helpdesk_hal",
                        body="That helps. In a shop our size there's nobody between the IT manager and the board, which is why I can't see the two-role version working here.\n",
                        days_ago=33.0,
                    )
                ],
            )
        ],
    )
]

_IA_BROWN_THREAD = [
    SeedComment(
        author="Warren-Brown",
        body="On Priya's point: the steps are what I've seen in my own experience, the track the people I work with move through in their careers, and at any stage some of them simply stop.\n",
        days_ago=24.0,
        source=BROWN_COMMENT,
    )
]

_IA_HAL_THREAD = [
    SeedComment(
        author="priya_netops",
        body="This only works if you accept two separate ladders. The progression Warren Brown gave in the original thread reaches architect through engineering and consulting with no management step at all, and I got to architecture work through networking.\n",
        days_ago=30.0,
        replies=[
            SeedComment(
                author="helpdesk_hal",
                body="I'm not claiming it's the only route. I wrote down what Michael's post said, and it happens to match my org chart, where our IT manager owns the architecture.\n",
                days_ago=29.0,
                replies=[
                    SeedComment(
                        author="Michael-Platt",
                        body="To be fair to Hal, that is the management track I gave. But I didn't mean that people work through the paths in a neat, logical order: they may jump between them, backwards and forwards, and most probably will.\n",
                        days_ago=27.5,
                        source=(PLATT_POST, PLATT_CLOSING),
                        replies=[
                            SeedComment(
                                author="helpdesk_hal",
                                body="Fair enough. I'll leave this up because it records the view from the original post, but I've endorsed Michael's definition, which I think is the better one.\n",
                                days_ago=26.0,
                            )
                        ],
                    )
                ],
            )
        ],
    )
]

_INFRASTRUCTURE_ARCHITECT: list[SeedDefinition] = [
    SeedDefinition(
        page="Infrastructure architect",
        author="Michael-Platt",
        revisions=[
            SeedRevision(
                author="Michael-Platt",
                summary="Propose my definition",
                body=_IA_PLATT_1,
                days_ago=45.0,
                source=PLATT_CLOSING,
            ),
            SeedRevision(
                author="Michael-Platt",
                summary="Add the strategic scope from the feedback I summarised",
                body=_IA_PLATT_2,
                days_ago=30.0,
                source=(PLATT_CLOSING, PLATT_FEEDBACK),
            ),
        ],
        stances=[
            SeedStance(member="dkowalski", stance="endorse", days_ago=41.0),
            SeedStance(member="priya_netops", stance="endorse", days_ago=38.0),
            SeedStance(member="marginalia", stance="endorse", days_ago=28.0),
            SeedStance(member="helpdesk_hal", stance="endorse", days_ago=26.1),
        ],
        comments=_IA_PLATT_THREAD,
    ),
    SeedDefinition(
        page="Infrastructure architect",
        author="Beth-Patton",
        revisions=[
            SeedRevision(
                author="Beth-Patton",
                summary="Propose the peer-of-the-IT-manager view",
                body=_IA_PATTON_1,
                days_ago=44.0,
                source=PATTON_COMMENT,
            ),
            SeedRevision(
                author="Beth-Patton",
                summary="Clarify: same level as the IT manager, not its endpoint",
                body=_IA_PATTON_2,
                days_ago=20.0,
                source=PATTON_COMMENT,
            ),
        ],
        stances=[
            SeedStance(
                member="Michael-Platt",
                stance="endorse",
                days_ago=43.0,
                reason="I agree with the points made about the architect's relationships with the business and with IT managers, and about how much the role matters.",
                source=PLATT_CLOSING,
            ),
            SeedStance(member="dkowalski", stance="endorse", days_ago=36.0),
            SeedStance(
                member="helpdesk_hal",
                stance="dispute",
                days_ago=35.5,
                reason="Where I work there's no separate architect; the IT manager does both halves. A definition that needs two people won't fit smaller shops.",
            ),
        ],
        comments=_IA_PATTON_THREAD,
    ),
    SeedDefinition(
        page="Infrastructure architect",
        author="Warren-Brown",
        revisions=[
            SeedRevision(
                author="Warren-Brown",
                summary="Propose: where the track I see people follow ends",
                body=_IA_BROWN,
                days_ago=43.0,
                source=BROWN_COMMENT,
            )
        ],
        stances=[
            SeedStance(
                member="Michael-Platt",
                stance="endorse",
                days_ago=42.0,
                reason="I agree about the non-technical skills: the Microsoft architect certification has seven elements, and only two of them are technical. The progression itself is, I think, the technical track I gave.",
                source=PLATT_TO_BROWN,
            ),
            SeedStance(member="helpdesk_hal", stance="endorse", days_ago=30.5),
            SeedStance(
                member="priya_netops",
                stance="dispute",
                days_ago=25.0,
                reason="I'd drop the fixed path. I reached architecture work through networking and never did desktop support. The skills point is right; the route shouldn't be part of the definition.",
            ),
        ],
        comments=_IA_BROWN_THREAD,
    ),
    SeedDefinition(
        page="Infrastructure architect",
        author="helpdesk_hal",
        revisions=[
            SeedRevision(
                author="helpdesk_hal",
                summary="Propose the management-track view from the original post",
                body=_IA_HAL,
                days_ago=42.5,
            )
        ],
        stances=[
            SeedStance(
                member="Beth-Patton",
                stance="dispute",
                days_ago=41.0,
                reason="An architect's career doesn't have to end in IT management. I'd put the infrastructure architect at the same level as the IT manager, the two working together, not one a step beyond the other.",
                source=PATTON_COMMENT,
            ),
            SeedStance(
                member="Warren-Brown",
                stance="dispute",
                days_ago=40.5,
                reason="I was surprised by the suggestion that there are only two tracks. In my experience the people I work with reach architect or strategic consultant by way of system engineer and senior engineer or consultant.",
                source=BROWN_COMMENT,
            ),
            SeedStance(member="dkowalski", stance="endorse", days_ago=39.5),
            SeedStance(
                member="Anonymous",
                stance="endorse",
                days_ago=39.0,
                reason="Mostly accurate from where I sit. I went from the helpdesk to senior admin to IT manager, and architecture is the move I'm thinking about next.",
                source=ANON_COMMENT,
            ),
        ],
        comments=_IA_HAL_THREAD,
    ),
]


# ---------------------------------------------------------------------------
# Definitions: IT manager (Platt declined to define it, so none by him)
# ---------------------------------------------------------------------------

_ITM_PATTON_1 = "The **IT manager** is the interface with the business sponsors and with every other group in the IT organisation. It passes business strategy on to the [infrastructure architect](/wiki/infrastructure-architect), who drives the infrastructure strategy.\n"

_ITM_PATTON_2 = _doc(
    "The **IT manager** is the interface with the business sponsors and with every other group in the IT organisation.",
    "It sits at the same level as the [infrastructure architect](/wiki/infrastructure-architect), not above or beneath it, and the two work together. The IT manager drives business strategy to the architect, the architect drives infrastructure strategy back, and the two keep that circle going.",
)

_ITM_HAL = _doc(
    "From where I sit on the helpdesk, an **IT manager** runs the IT function: people, budgets, priorities, and keeping the business happy.",
    "What the job costs is the hands-on work: you stop fixing things yourself and start deciding who fixes them. The anonymous reader on Michael's post took the route from the helpdesk through senior admin to IT manager, said they missed the technical side, and was thinking about architecture as a next move.",
)

_ITM_DKOWALSKI_OLD = "The **IT manager** sits at the top of the infrastructure management track. You get there after working as an [operations manager](/wiki/operations-manager) and then an [engineering manager](/wiki/engineering-manager), and it's the most senior management post in infrastructure below the executive level. Above it, the next move is usually out of infrastructure altogether.\n"

_ITM_DKOWALSKI_NEW = _doc(
    "In the management track, the **IT manager** comes third of four steps: after [operations manager](/wiki/operations-manager) and [engineering manager](/wiki/engineering-manager), and before [infrastructure architect](/wiki/infrastructure-architect). It is also where most people land when they cross over from the technical track, usually from design work.",
    "The order isn't strict. People skip steps and move between tracks, so read this as a typical position, not a ladder everyone climbs.",
)

_ITM_PATTON_THREAD = [
    SeedComment(
        author="dkowalski",
        body="The interface part rings true. Our IT manager spends most of the week translating between the sponsors and the teams.\n",
        days_ago=40.0,
        replies=[
            SeedComment(
                author="priya_netops",
                body="And the translating is a skill in its own right; it's the half of Beth's loop the architect can't do alone.\n",
                days_ago=39.0,
            )
        ],
    )
]

_ITM_DKOWALSKI_OLD_THREAD = [
    SeedComment(
        author="Michael-Platt",
        body="Not how I had it: in my management track the IT manager is third of four, and infrastructure architect comes after it. I also didn't mean the tracks to be climbed in a neat, logical order.\n",
        days_ago=27.0,
        source=(PLATT_POST, PLATT_CLOSING),
        replies=[
            SeedComment(
                author="dkowalski",
                body="You're right. I'm withdrawing this one. The fix changes the claim, not just the wording, so I've proposed a corrected definition that puts the IT manager third of four and mentions the crossing point from design.\n",
                days_ago=26.0,
            )
        ],
    )
]

_IT_MANAGER: list[SeedDefinition] = [
    SeedDefinition(
        page="IT manager",
        author="Beth-Patton",
        revisions=[
            SeedRevision(
                author="Beth-Patton",
                summary="Propose: the interface with the business sponsors and the rest of IT",
                body=_ITM_PATTON_1,
                days_ago=43.5,
                source=PATTON_COMMENT,
            ),
            SeedRevision(
                author="Beth-Patton",
                summary="Clarify the relationship with the architect",
                body=_ITM_PATTON_2,
                days_ago=21.0,
                source=PATTON_COMMENT,
            ),
        ],
        stances=[
            SeedStance(member="priya_netops", stance="endorse", days_ago=31.0),
            SeedStance(member="helpdesk_hal", stance="dispute", days_ago=23.0),
            SeedStance(member="marginalia", stance="endorse", days_ago=10.0),
        ],
        comments=_ITM_PATTON_THREAD,
    ),
    SeedDefinition(
        page="IT manager",
        author="helpdesk_hal",
        revisions=[
            SeedRevision(
                author="helpdesk_hal", summary="Propose: running the IT function", body=_ITM_HAL, days_ago=41.5
            )
        ],
        stances=[
            SeedStance(member="dkowalski", stance="endorse", days_ago=40.0),
            SeedStance(
                member="priya_netops",
                stance="dispute",
                days_ago=37.0,
                reason="Not every IT manager comes up from the helpdesk, and leaving the hands-on work behind is a choice some people make, not part of the job.",
            ),
            SeedStance(member="marginalia", stance="endorse", days_ago=22.0),
        ],
    ),
    SeedDefinition(
        page="IT manager",
        author="dkowalski",
        revisions=[
            SeedRevision(
                author="dkowalski",
                summary="Propose: top of the management track",
                body=_ITM_DKOWALSKI_OLD,
                days_ago=40.0,
            )
        ],
        comments=_ITM_DKOWALSKI_OLD_THREAD,
        withdrawn=True,
    ),
    SeedDefinition(
        page="IT manager",
        author="dkowalski",
        revisions=[
            SeedRevision(
                author="dkowalski",
                summary="Propose corrected placement in the management track",
                body=_ITM_DKOWALSKI_NEW,
                days_ago=26.2,
            )
        ],
        stances=[
            SeedStance(member="priya_netops", stance="endorse", days_ago=24.0),
            SeedStance(
                member="Anonymous",
                stance="endorse",
                days_ago=23.5,
                reason="That's how it went for me: I jumped from senior admin to IT manager, and people do hop between the tracks.",
                source=ANON_COMMENT,
            ),
            SeedStance(
                member="Beth-Patton",
                stance="dispute",
                days_ago=20.5,
                reason="Making the architect the step after the IT manager doesn't fit how I see it: the two sit at the same level and work together, and an architect's career doesn't have to end in IT management.",
                source=PATTON_COMMENT,
            ),
            SeedStance(member="helpdesk_hal", stance="endorse", days_ago=16.0),
        ],
    ),
]


# ---------------------------------------------------------------------------
# Definitions: Infrastructure manager (from the career guide)
# ---------------------------------------------------------------------------

_IM_PRIYA_1 = "An **infrastructure manager** owns the systems and hardware the business runs on: data centres, networks, servers and the platforms on top of them. The job is to keep that foundation dependable and secure, to lead the teams who run it, and to plan it so that it serves what the organisation is trying to achieve.\n"

_IM_PRIYA_2 = _doc(
    "An **infrastructure manager** owns the systems and hardware the business runs on: data centres, networks, servers and the platforms on top of them. The job is to keep that foundation dependable and secure, to lead the teams who run it, and to plan it so that it serves what the organisation is trying to achieve.",
    "That includes judging when a new technology is worth taking on and when an old system should be retired, and being able to explain those calls to colleagues who don't work in IT.",
)

_IM_DKOWALSKI = _doc(
    "An **infrastructure manager** is usually someone who came up through hands-on infrastructure work. The usual starting point is a support, network or sysadmin job; from there you move to a senior technical or supervisory post, and then into management.",
    "Employers mostly look for a computer science or IT degree at bachelor's level, and some want a master's or certifications such as CompTIA, CCNA or MCSE on top. Some people specialise on the way, in cloud or security for instance, and that can lead further, to CIO or CTO.",
)

_IM_PRIYA_THREAD = [
    SeedComment(
        author="helpdesk_hal",
        body='Should "secure" get more weight? Half our incidents this year were security-related.\n',
        days_ago=14.0,
        replies=[
            SeedComment(
                author="priya_netops",
                body="It's in there on purpose, but I'd rather not turn the definition into a skills list. The page's Skills section covers security properly.\n",
                days_ago=13.0,
            )
        ],
    )
]

_INFRASTRUCTURE_MANAGER: list[SeedDefinition] = [
    SeedDefinition(
        page="Infrastructure manager",
        author="priya_netops",
        revisions=[
            SeedRevision(
                author="priya_netops", summary="Propose: what the job covers", body=_IM_PRIYA_1, days_ago=33.5
            ),
            SeedRevision(
                author="priya_netops",
                summary="Add technology lifecycle decisions and explaining them",
                body=_IM_PRIYA_2,
                days_ago=15.0,
            ),
        ],
        stances=[
            SeedStance(member="marginalia", stance="endorse", days_ago=32.0),
            SeedStance(member="dkowalski", stance="endorse", days_ago=19.0),
            SeedStance(member="helpdesk_hal", stance="endorse", days_ago=9.0),
        ],
        comments=_IM_PRIYA_THREAD,
    ),
    SeedDefinition(
        page="Infrastructure manager",
        author="dkowalski",
        revisions=[
            SeedRevision(
                author="dkowalski", summary="Propose: the path into the role", body=_IM_DKOWALSKI, days_ago=21.0
            )
        ],
        stances=[
            SeedStance(member="helpdesk_hal", stance="endorse", days_ago=20.0),
            SeedStance(
                member="priya_netops",
                stance="dispute",
                days_ago=19.5,
                reason="This tells you how people reach the job, not what the job is. Useful, but it belongs under career progression.",
            ),
        ],
    ),
]


# ---------------------------------------------------------------------------
# Definitions: Solutions architect
# ---------------------------------------------------------------------------

_SA_PRIYA = "A **solutions architect** designs a specific business solution, usually software, and in practice often sits halfway between developer and architect. Michael's manager put it neatly: the ones he met at customers went to the architecture meetings and then asked to see the code. That closeness to implementation is the main thing that separates the role from an [infrastructure architect](/wiki/infrastructure-architect).\n"

_SA_DKOWALSKI = "A **solutions architect** owns the design of one solution from end to end, from the requirements to how it fits into the existing estate, and hands it over once it's delivered. The scope is a project, where an infrastructure architect's scope is the whole estate over time.\n"

_SOLUTIONS_ARCHITECT: list[SeedDefinition] = [
    SeedDefinition(
        page="Solutions architect",
        author="priya_netops",
        revisions=[
            SeedRevision(
                author="priya_netops",
                summary="Propose from the question that started the debate",
                body=_SA_PRIYA,
                days_ago=40.0,
            )
        ],
        stances=[
            SeedStance(
                member="Michael-Platt",
                stance="endorse",
                days_ago=39.0,
                reason="That's how my manager described the ones he meets at customers, and I know the type he means on the application side.",
                source=PLATT_POST,
            ),
            SeedStance(member="helpdesk_hal", stance="endorse", days_ago=30.0),
            SeedStance(member="dkowalski", stance="dispute", days_ago=22.5),
        ],
    ),
    SeedDefinition(
        page="Solutions architect",
        author="dkowalski",
        revisions=[
            SeedRevision(
                author="dkowalski", summary="Propose: scoped to one solution", body=_SA_DKOWALSKI, days_ago=18.0
            )
        ],
        stances=[
            SeedStance(member="marginalia", stance="endorse", days_ago=11.5),
            SeedStance(member="helpdesk_hal", stance="dispute", days_ago=6.5),
        ],
    ),
]


DEFINITIONS: list[SeedDefinition] = [
    *_INFRASTRUCTURE_ARCHITECT,
    *_IT_MANAGER,
    *_INFRASTRUCTURE_MANAGER,
    *_SOLUTIONS_ARCHITECT,
]
