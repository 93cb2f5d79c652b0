# ruff: noqa: E501
"""Seed debate: competing definitions, stances and threaded discussions.

The positions come from the same two sources as wiki.seed.content (a career guide
on becoming an infrastructure manager, and Michael Platt's post "Infrastructure
career progression" with its comments) and are credited to the people who held
them. Every sentence is the wiki's own. Comments by priya_netops, dkowalski,
helpdesk_hal and marginalia, and Warren Brown's follow-up to Platt's question,
are invented for the seed; they add practitioners' angles, not facts from the sources.

Platt's post listed the steps of its technical track, but that list did not
survive in the copy this wiki draws on, so it is never reproduced here.
"""

from wiki.seed.data import SeedComment, SeedDefinition, SeedDiscussion, SeedRevision, SeedStance


def _doc(*blocks: str) -> str:
    """Join Markdown blocks with blank lines into one body."""
    return "\n\n".join(block.strip("\n") for block in blocks) + "\n"


# ---------------------------------------------------------------------------
# Discussion: Career tracks in infrastructure (the original thread, retold)
# ---------------------------------------------------------------------------

_PLATT_OPENING = _doc(
    "Late last night my manager asked me something I'd like a second opinion on, so I'm putting it up here.",
    "He was talking about the solution architects he deals with at customer sites. In his experience a lot of them are half developer and half architect: they sit in the architecture meetings, and then they want to look at the code. His question was whether infrastructure has the same thing, a group of people who implement systems but regard themselves as architects.",
    "I know exactly the type he means on the application side. Spend five minutes on Slashdot and somebody will offer to knock out a Java architecture for a CRM system before bedtime. I have never met the infrastructure version, though. Nobody has ever told me they'll turn a server consolidation initiative into a script overnight.",
    'So why the difference? Do infrastructure "architects" of that kind exist and I\'ve simply missed them? What I told him is in my reply below.',
)

_PLATT_ANSWER = _doc(
    "Roughly what I said to him:",
    "As I see it, infrastructure careers run along two tracks, one technical and one in management. You can get on either track at any step and get off at any step. People who leave the technical track mostly head one of two ways: into software development, or into IT management.",
    "The management track, as I'd describe it: Ops manager → engineering manager → IT manager → infrastructure architect.",
    'People cross from the technical side to management at every level, but my guess is that most make the jump at the design stage and land as IT managers. The people at the "top" of the technical track are the scripting specialists, and unlike application developers they neither want the architect title nor see themselves that way.',
    "On top of that, most of the people I see actually doing infrastructure architecture have IT manager on their business cards, so they feel closer to management than to technology.",
    "Have I got this badly wrong?",
)

_MARGINALIA_LOST_LIST = _doc(
    "Moderator note for anyone arriving from the article: Michael's original answer did list the steps of the technical track, but that list didn't survive in the copy this wiki works from, so it isn't reproduced above.",
    "Michael later said Warren's five-step progression (further down) is the technical track he had in mind. Treat Warren's list as the nearest stand-in, not as Michael's wording.",
)

_ANON_REPLY = _doc(
    "Broadly right, I'd say. Where it gets messy is the people who hop from one of your tracks to the other, and I'm one of them.",
    "I began on the helpdesk, became a senior admin, and I'm an IT manager now. Honestly, I miss being hands-on, and I've been wondering about a move into architecture.",
)

_BROWN_STEPS_BEFORE = """1. Front-line helpdesk / desktop engineer
2. Second-line desktop support, while studying towards system engineer (an MSCE, say)
3. System engineer, looking after servers and applications
4. Senior engineer / consultant, where you start dealing with the business far more
5. Architect / strategic consultant"""

_BROWN_STEPS_AFTER = _BROWN_STEPS_BEFORE.replace("an MSCE, say", "an MCSE, say")


def _brown_reply(steps: str) -> str:
    return _doc(
        "Only two tracks? That surprises me. I should say I'm not based in the US, so the titles may work differently over there.",
        "The people I've worked with tend to follow a single route through their careers:",
        steps,
        "Moving through those stages gives you a grounding in the client side, then servers, then the business, and eventually a strategic, architectural view. At every stage some people simply stop, because they've reached a level they're comfortable with.",
        "What strikes me is how many self-titled architects have brilliant technical skills and nothing at all on the business or people side. To my mind an architect can't do without either.",
    )


_PLATT_TO_BROWN = _doc(
    "Warren, I'm not sure I follow. Are you describing a single track or several, and if several, how many? The sequence you give reads to me like the technical track I had in mind. Are you saying there's no management track at all?",
    "I'm with you completely on the non-technical skills, though. The Microsoft architect certification assesses seven areas, and just two of them are technical.",
)

_BROWN_CLARIFIES = _doc(
    "Fair question, Michael. I'd call it one track with branches rather than two ladders.",
    "The management route certainly exists where I work, but people step onto it from somewhere along the engineering path, usually around senior engineer, instead of starting on a separate ladder from their first job. So I'm not denying it's there; I just don't see it running in parallel from the bottom up.",
)

_PATTON_REPLY = _doc(
    "For me this comes back to defining infrastructure architecture, which is still very fuzzy across the industry. Before we talk about careers, two things need pinning down: what the discipline actually is, and who takes part in it.",
    'I was talking this over with some former colleagues recently, and nearly all of them felt "architect" is stretched over far too much. Ask around and you\'ll collect hundreds of meanings.',
    "So: is a designer an architect? An implementer? Someone who does both? And what about the hybrid who designs the technical, operational and strategic side of a solution, and also has to show the business sponsors what that design is worth to them?",
    "The same goes for the IT manager. Is that person mainly the glue keeping development, infrastructure and operations in one piece? What is the job, who does it deal with, and how is it different from an architect's?",
    "I partly disagree that an infrastructure career can only go two ways, techie or boss, although I've certainly watched both tracks happen. What neither of them covers is who is responsible for joining up the business strategy with the infrastructure one. An architect doesn't have to finish up as an IT manager.",
    "As I see it, the infrastructure architect and the IT manager are on the same level and work together on those two strategies, each picking up where the other stops. In my experience it's the IT manager who faces the business sponsors and every other group in IT. The architect must understand the business too (that part is vital), but it's the architect who sets the direction for the infrastructure.",
    'I think of it as "yin and yang". Business strategy passes from the IT manager to the architect, infrastructure strategy passes back, and round it goes.',
)

_DKOWALSKI_ON_PATTON = "Beth's peer model is what I've seen work best. At my last job the architect and the IT manager had a standing weekly slot, and that's where most decisions about the direction of the estate actually got made. When the architect post sat empty for a year, the IT manager tried to cover both and did neither well, which rather proves they're different jobs.\n"

_PRIYA_ON_PATTON = "Coming from networks, I'd add that \"who are the players\" is hard partly because plenty of infrastructure architecture is done by people whose title says neither architect nor manager. At my place the network lead sets most of the WAN and data-centre direction and would laugh if you called her an architect. That fits Michael's point about the technical top not chasing the title.\n"

_PATTON_TO_PRIYA = (
    "Which is exactly why I'd rather define the role by what it does than by whoever happens to hold the title.\n"
)

_PLATT_FEEDBACK = _doc(
    "A few more responses reached me by other routes. Boiled down:",
    """- If we're going to define the infrastructure architect, saying who does what isn't enough. How the roles link up with one another matters just as much.
- Infrastructure architecture is bound up with the day-to-day running of the business more closely than any other kind of architecture, and it's strategic. Plenty of people assume it's just networks, servers and a bit of process; they're wrong. It exists to keep the organisation operating, and it doesn't stop once a couple of servers are in and "2.5 people" have learned to run them.""",
)

_PLATT_CLARIFIES = _doc(
    "Some clarifications, since a few points keep coming up:",
    """1. I wasn't setting out to define infrastructure, or the infrastructure architect, in my answer. In hindsight that was a mistake. For the record, my definition is the person who defines and manages an organisation's infrastructure architecture.
2. I didn't mean that people climb the two paths neatly, one rung after another. They jump between them, backwards as well as forwards, and most people probably will.
3. The titles I used may be wrong, and there are certainly some missing.
4. I wasn't trying to pin down the IT manager role either, and I'll leave that to others.
5. I agree with what's been said about the architect's relationships with the business and with IT managers, and about how much the role matters.""",
)


_CAREER_TRACKS = SeedDiscussion(
    page="Career tracks in infrastructure",
    comments=[
        SeedComment(
            author="Michael-Platt",
            body=_PLATT_OPENING,
            days_ago=50.0,
            replies=[
                SeedComment(
                    author="Michael-Platt",
                    body=_PLATT_ANSWER,
                    days_ago=49.9,
                    replies=[
                        SeedComment(author="Anonymous", body=_ANON_REPLY, days_ago=49.2),
                        SeedComment(
                            author="Warren-Brown",
                            body=_brown_reply(_BROWN_STEPS_BEFORE),
                            days_ago=48.6,
                            edits=[
                                SeedRevision(
                                    author="Warren-Brown",
                                    summary="Fix typo: MCSE",
                                    body=_brown_reply(_BROWN_STEPS_AFTER),
                                    days_ago=48.55,
                                )
                            ],
                            replies=[
                                SeedComment(
                                    author="Michael-Platt",
                                    body=_PLATT_TO_BROWN,
                                    days_ago=48.1,
                                    replies=[SeedComment(author="Warren-Brown", body=_BROWN_CLARIFIES, days_ago=47.5)],
                                )
                            ],
                        ),
                        SeedComment(
                            author="Beth-Patton",
                            body=_PATTON_REPLY,
                            days_ago=47.0,
                            replies=[
                                SeedComment(author="dkowalski", body=_DKOWALSKI_ON_PATTON, days_ago=12.0),
                                SeedComment(
                                    author="priya_netops",
                                    body=_PRIYA_ON_PATTON,
                                    days_ago=8.5,
                                    replies=[SeedComment(author="Beth-Patton", body=_PATTON_TO_PRIYA, days_ago=7.0)],
                                ),
                            ],
                        ),
                        SeedComment(author="Michael-Platt", body=_PLATT_FEEDBACK, days_ago=46.2),
                        SeedComment(author="Michael-Platt", body=_PLATT_CLARIFIES, days_ago=45.3),
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

_BROWN_PROGRESSION = "Agree with Priya. It's the same pattern as in the architect debate: the technical stages lay the foundation, but the jump at the top depends on how well you deal with the business. A specialism is a fine way to stand out at senior engineer level; on its own it won't get you into the boardroom.\n"

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
            replies=[SeedComment(author="Warren-Brown", body=_BROWN_PROGRESSION, days_ago=28.5)],
        ),
    ],
)


DISCUSSIONS: list[SeedDiscussion] = [_CAREER_TRACKS, _INFRA_MANAGER]


# ---------------------------------------------------------------------------
# Definitions: Infrastructure architect
# ---------------------------------------------------------------------------

_IA_PLATT_1 = _doc(
    "An **infrastructure architect** is the person who defines and manages an organisation's [infrastructure architecture](/wiki/infrastructure-architecture).",
    "I'm keeping this short on purpose. It says what the job is for, not which title the person holds or which track they came up through; in my experience most people doing this work are IT managers on paper anyway.",
)

_IA_PLATT_2 = _doc(
    "An **infrastructure architect** is the person who defines and manages an organisation's [infrastructure architecture](/wiki/infrastructure-architecture).",
    "The work is strategic. It is tied to the continuing operation of the business more tightly than other architecture roles, and it covers far more than networks, servers and a little process. It doesn't finish when the first servers are installed and their operators trained; it goes on for as long as the business relies on the infrastructure.",
    "I'm keeping titles and career tracks out of it on purpose. The definition says what the job is for, whoever happens to be doing it.",
)

_IA_PATTON_1 = _doc(
    "The **infrastructure architect** works alongside the [IT manager](/wiki/it-manager) as a peer, not a step above or below. The IT manager deals with the sponsors on the business side and with the rest of IT; the architect has to understand the business just as well, but is the one who sets infrastructure strategy.",
    'The two roles form a loop: business strategy goes from the manager to the architect, infrastructure strategy comes back, and it repeats. I call it a "yin and yang".',
)

_IA_PATTON_2 = _doc(
    "The **infrastructure architect** is a peer of the [IT manager](/wiki/it-manager): same level, different job, and not a stop on the way into management. Business sponsors and the other IT groups come to the IT manager. The architect must understand the business just as well, but is the one who sets the direction of the infrastructure.",
    'Between them they connect what the business wants with what the infrastructure does. Business direction flows from the manager to the architect, infrastructure direction flows back, and the cycle keeps turning; I think of the pair as "yin and yang". Neither role makes sense defined without the other.',
)

_IA_BROWN = _doc(
    "In infrastructure, the **architect** is where a long technical career ends up for those who go the whole way: helpdesk or desktop work, second-line support, system engineer, senior engineer or consultant, and finally architect or [strategic consultant](/wiki/strategic-consultant). Each stage adds a layer: first clients, then servers, then the business, until you have a strategic, architectural view.",
    "Technical depth alone doesn't make an architect. Business and people skills are just as critical, and I've met plenty of self-styled architects who have the first without the other two.",
)

_IA_HAL = _doc(
    "The **infrastructure architect** is the last step of the management track: [operations manager](/wiki/operations-manager), [engineering manager](/wiki/engineering-manager), [IT manager](/wiki/it-manager), then architect. That's the order Michael gave in his original answer, and it matches what I see.",
    "Most people who really do infrastructure architecture carry an IT manager title and think of themselves as management rather than technologists. Where I work, the architecture decisions are made by the IT manager.",
)

_IA_PLATT_THREAD = [
    SeedComment(
        author="marginalia",
        body="Michael, your revision mentions that you've written this up at more length elsewhere. Could you add a link?\n",
        days_ago=29.5,
        replies=[
            SeedComment(
                author="Michael-Platt",
                body="Sadly that write-up isn't online any more. The short version here is the one I stand by.\n",
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
                author="Beth-Patton",
                body="Usually both answer to the same head of IT. Real deadlocks are rare when strategy actually flows both ways; that's the point of the circle.\n",
                days_ago=34.0,
                replies=[
                    SeedComment(
                        author="dkowalski",
                        body="Matches what I saw at a previous employer: architect and IT manager both reported to the CIO, and nearly every disagreement got sorted between the two of them before it reached her.\n",
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
        body="On Priya's point: the steps are what I've watched people go through, not an entry requirement. The part I'd defend as definition is the second paragraph.\n",
        days_ago=24.0,
    )
]

_IA_HAL_THREAD = [
    SeedComment(
        author="Warren-Brown",
        body="This only works if you accept two separate ladders. Most of the architects I know got there through engineering and consulting and never held a management title.\n",
        days_ago=30.0,
        replies=[
            SeedComment(
                author="helpdesk_hal",
                body="I'm not claiming it's the only route. I wrote down what Michael's post said, and it happens to match my org chart, where our IT manager owns the architecture.\n",
                days_ago=29.0,
                replies=[
                    SeedComment(
                        author="Michael-Platt",
                        body='To be fair to Hal, it is what I wrote. But I\'ve since said I never meant it as a strict ladder; people move back and forth between the tracks. I\'d read "last step" as "one place the role turns up".\n',
                        days_ago=27.5,
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
            SeedRevision(author="Michael-Platt", summary="Propose my definition", body=_IA_PLATT_1, days_ago=45.0),
            SeedRevision(
                author="Michael-Platt",
                summary="Add the strategic scope from readers' feedback",
                body=_IA_PLATT_2,
                days_ago=30.0,
            ),
        ],
        stances=[
            SeedStance(member="Anonymous", stance="endorse", days_ago=44.0),
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
            ),
            SeedRevision(
                author="Beth-Patton", summary="Clarify: a peer, not a career step", body=_IA_PATTON_2, days_ago=20.0
            ),
        ],
        stances=[
            SeedStance(
                member="Michael-Platt",
                stance="endorse",
                days_ago=43.0,
                reason="I agree with Beth about the architect's ties to the business and to IT managers. My definition says what the architect does; this one says who they work with, and a complete picture needs both.",
            ),
            SeedStance(member="dkowalski", stance="endorse", days_ago=36.0),
            SeedStance(
                member="helpdesk_hal",
                stance="dispute",
                days_ago=35.5,
                reason="Where I work there's no separate architect; the IT manager does both halves. A definition that needs two people won't fit smaller shops.",
            ),
            SeedStance(member="Warren-Brown", stance="endorse", days_ago=18.0),
        ],
        comments=_IA_PATTON_THREAD,
    ),
    SeedDefinition(
        page="Infrastructure architect",
        author="Warren-Brown",
        revisions=[
            SeedRevision(
                author="Warren-Brown",
                summary="Propose: the top of the technical progression",
                body=_IA_BROWN,
                days_ago=43.0,
            )
        ],
        stances=[
            SeedStance(
                member="Michael-Platt",
                stance="endorse",
                days_ago=42.0,
                reason="Agreed on the non-technical side. Microsoft's architect certification has seven parts and only two are technical, which tells you what the job really asks for.",
            ),
            SeedStance(member="Beth-Patton", stance="endorse", days_ago=40.0),
            SeedStance(member="Anonymous", stance="endorse", days_ago=39.0),
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
                reason="An architect doesn't have to finish up as an IT manager, or one rung above one. The two work at the same level and need each other; putting the architect at the end of the management ladder hides that.",
            ),
            SeedStance(
                member="Warren-Brown",
                stance="dispute",
                days_ago=40.5,
                reason="This bakes in the two-track model. In my experience there's one long path with branches, and most architects arrive from the engineering side.",
            ),
            SeedStance(member="dkowalski", stance="endorse", days_ago=39.5),
        ],
        comments=_IA_HAL_THREAD,
    ),
]


# ---------------------------------------------------------------------------
# Definitions: IT manager (Platt declined to define it, so none by him)
# ---------------------------------------------------------------------------

_ITM_PATTON_1 = "The **IT manager** acts as the glue of the IT department, keeping development, infrastructure and operations pulling in one direction. Sponsors on the business side and every other IT group deal with this role, and it passes business direction on to the [infrastructure architect](/wiki/infrastructure-architect), who turns it into infrastructure strategy.\n"

_ITM_PATTON_2 = _doc(
    "The **IT manager** acts as the glue of the IT department, keeping development, infrastructure and operations pulling in one direction. Sponsors on the business side and every other IT group deal with this role.",
    "It's level with the [infrastructure architect](/wiki/infrastructure-architect), not above or beneath it. The IT manager feeds business direction to the architect, the architect returns an infrastructure strategy, and the two keep that exchange going.",
)

_ITM_ANON = _doc(
    "Speaking from my own route: an **IT manager** is what a lot of us become after the helpdesk and a stint as a senior admin. The job is running the IT function: people, budgets, priorities, and keeping the business happy.",
    "What it costs you is the hands-on work. You stop fixing things yourself and start deciding who fixes them. Some of us miss that enough to look at architecture as a way back to the technology.",
)

_ITM_DKOWALSKI_OLD = "The **IT manager** sits at the top of the infrastructure management track. You get there after working as an [operations manager](/wiki/operations-manager) and then an [engineering manager](/wiki/engineering-manager), and it's the most senior management post in infrastructure below the executive level. Above it, the next move is usually out of infrastructure altogether.\n"

_ITM_DKOWALSKI_NEW = _doc(
    "In the management track, the **IT manager** comes third of four steps: after [operations manager](/wiki/operations-manager) and [engineering manager](/wiki/engineering-manager), and before [infrastructure architect](/wiki/infrastructure-architect). It is also where most people land when they cross over from the technical track, usually from design work.",
    "The order isn't strict. People skip steps and move between tracks, so read this as a typical position, not a ladder everyone climbs.",
)

_ITM_PATTON_THREAD = [
    SeedComment(
        author="Anonymous",
        body='As an IT manager, the "glue" part rings true. Most of my week goes on translating between the sponsors and the teams.\n',
        days_ago=40.0,
        replies=[
            SeedComment(
                author="Beth-Patton",
                body="And the translating is a skill in its own right; it's the half of the loop the architect can't do alone.\n",
                days_ago=39.0,
            )
        ],
    )
]

_ITM_DKOWALSKI_OLD_THREAD = [
    SeedComment(
        author="Michael-Platt",
        body="Not how I had it: in my management track the IT manager is third, and infrastructure architect comes after it. Bear in mind too that I never meant it as a strict order.\n",
        days_ago=27.0,
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
                summary="Propose: the glue of the IT department",
                body=_ITM_PATTON_1,
                days_ago=43.5,
            ),
            SeedRevision(
                author="Beth-Patton",
                summary="Clarify the relationship with the architect",
                body=_ITM_PATTON_2,
                days_ago=21.0,
            ),
        ],
        stances=[
            SeedStance(member="Anonymous", stance="endorse", days_ago=40.5),
            SeedStance(
                member="Michael-Platt",
                stance="endorse",
                days_ago=38.0,
                reason="I said I wouldn't define the IT manager and I'm sticking to that. But this is a fair description of the ones I've worked with, and it fits what I agreed about the architect's relationship with IT managers.",
            ),
            SeedStance(member="priya_netops", stance="endorse", days_ago=31.0),
            SeedStance(member="helpdesk_hal", stance="dispute", days_ago=23.0),
            SeedStance(member="marginalia", stance="endorse", days_ago=10.0),
        ],
        comments=_ITM_PATTON_THREAD,
    ),
    SeedDefinition(
        page="IT manager",
        author="Anonymous",
        revisions=[
            SeedRevision(
                author="Anonymous", summary="Propose from my own route into the job", body=_ITM_ANON, days_ago=41.5
            )
        ],
        stances=[
            SeedStance(member="helpdesk_hal", stance="endorse", days_ago=40.0),
            SeedStance(
                member="Warren-Brown",
                stance="dispute",
                days_ago=37.0,
                reason="Not every IT manager comes up from the helpdesk, and leaving the hands-on work behind is a choice some people make, not part of the job.",
            ),
            SeedStance(member="dkowalski", stance="endorse", days_ago=22.0),
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
                member="Beth-Patton",
                stance="dispute",
                days_ago=20.5,
                reason="Making the architect the step after the IT manager turns one role into a promotion from the other. They're peers with different jobs.",
            ),
            SeedStance(
                member="Warren-Brown",
                stance="dispute",
                days_ago=17.5,
                reason="Same objection as on the architect page: two separate ladders isn't what I see.",
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
            SeedStance(member="Warren-Brown", stance="endorse", days_ago=27.0),
            SeedStance(member="dkowalski", stance="endorse", days_ago=19.0),
            SeedStance(member="Beth-Patton", stance="endorse", days_ago=9.0),
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
                reason="That's how my manager described the ones he'd met.",
            ),
            SeedStance(member="helpdesk_hal", stance="endorse", days_ago=30.0),
            SeedStance(member="Warren-Brown", stance="endorse", days_ago=22.5),
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
            SeedStance(member="Beth-Patton", stance="dispute", days_ago=6.5),
        ],
    ),
]


DEFINITIONS: list[SeedDefinition] = [
    *_INFRASTRUCTURE_ARCHITECT,
    *_IT_MANAGER,
    *_INFRASTRUCTURE_MANAGER,
    *_SOLUTIONS_ARCHITECT,
]
