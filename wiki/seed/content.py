"""Seed content: members and page histories for the IT job-titles wiki.

Positions are drawn from two sources and credited to the people who held them:
a career guide on becoming an infrastructure manager, and Michael Platt's blog
post "Infrastructure career progression" with its six comments (an anonymous
reader, Warren Brown, Beth Patton and Platt himself). All wording is the wiki's own.

A revision by one of the thread's participants adds only what that person wrote
in the thread, and names the comment it retells in `source` (see
wiki.seed.debate.THREAD); links between their views, and everything about the
career guide, are added by the wiki's invented members.

Every revision body is the whole Markdown text of the page at that point,
one paragraph per line, so consecutive revisions diff cleanly line by line.
"""

from dataclasses import replace

from wiki.frontmatter import Fields
from wiki.frontmatter import join as join_fields
from wiki.seed.data import SeedMember, SeedPage, SeedRevision
from wiki.seed.debate import (
    ANON_COMMENT,
    BROWN_COMMENT,
    PATTON_COMMENT,
    PLATT_CLOSING,
    PLATT_FEEDBACK,
    PLATT_POST,
)


def _doc(*blocks: str) -> str:
    """Join Markdown blocks with blank lines into one page body."""
    return "\n\n".join(block.strip("\n") for block in blocks) + "\n"


MEMBERS: list[SeedMember] = [
    SeedMember("Michael-Platt"),
    SeedMember("Warren-Brown"),
    SeedMember("Beth-Patton"),
    SeedMember("Anonymous"),
    SeedMember("priya_netops"),
    SeedMember("dkowalski"),
    SeedMember("helpdesk_hal"),
    SeedMember("marginalia", role="moderator"),
]


# ---------------------------------------------------------------------------
# Infrastructure architect
# ---------------------------------------------------------------------------


def _infrastructure_architect() -> SeedPage:
    lead_1 = "An **infrastructure architect** is responsible for the overall design of an organisation's technical infrastructure, such as its servers, networks and storage, and for keeping that design in step with what the business needs."
    lead_2 = (
        lead_1
        + " The title is used loosely, and practitioners disagree about where the role fits in a career, as the sections below show."
    )

    def_platt_1 = "In the discussion of his post on infrastructure careers, Michael Platt defined the infrastructure architect as the person who defines and manages an organisation's [infrastructure architecture](/wiki/infrastructure-architecture)."
    def_platt_2 = "Michael Platt later said that his post on infrastructure careers had not set out to define the role at all, which he called a mistake. In a closing comment he gave his definition: the infrastructure architect is the person who defines and manages an organisation's [infrastructure architecture](/wiki/infrastructure-architecture). He added that he had defined infrastructure architecture itself elsewhere."
    def_platt_3 = (
        def_platt_2
        + " His pointer to that write-up did not survive in the copy of the thread this wiki draws on, so the write-up is not summarised here."
    )
    def_patton = 'Beth Patton described infrastructure architecture as still nebulous across the industry. Former colleagues she talked with felt that "architect" was over-used and had hundreds of meanings. She asked whether designers, implementers, or people who do both, and who also show the business sponsors what an infrastructure design is worth, should all count.'

    rel_head = "## Relationship to the IT manager"
    rel_platt = "In Michael Platt's original post, infrastructure architect is the final step of the management track, reached after [IT manager](/wiki/it-manager). He also remarked that most people who actually do infrastructure architecture carry IT manager titles, and so identify more with management than with technology."
    rel_patton = 'Beth Patton disagreed that an architect\'s career has to end in IT management. In her view the two roles sit at the same level and work together: the IT manager drives business strategy to the architect, the architect drives infrastructure strategy back, and the cycle repeats. She summed this up as a "yin and yang" relationship. The comparison below follows her account.'
    rel_table = """| | IT manager | Infrastructure architect |
|---|---|---|
| Towards the business | The interface with the business sponsors | Must also understand the business, which is vital |
| Within IT | The interface with all the other IT groups | Drives the infrastructure strategy |
| Strategy it drives | Business strategy, to the architect | Infrastructure strategy, back to the IT manager |"""

    strat_head = "## More than servers and networks"
    strat_body = "Summarising other comments he had received, Platt wrote that infrastructure architecture is strategic and more closely tied to the running of the business than other kinds of architecture. The feedback rejected the common assumption that it amounts to networking, servers and a little process; the work supports continuing operations and does not stop once a few machines are installed and their operators trained."

    skills_head = "## Skills"
    skills_brown = "Warren Brown, describing the track he sees people work through, which ends at architect or strategic consultant, argued that business skills and people skills are both critical to being an architect. He noted how many self-described architects have amazing technical skills but no business or people skills."
    skills_platt = "Michael Platt agreed about the non-technical skills, pointing out that Microsoft's architect certification had seven elements, of which only two were technical."

    contrast_head = "## Contrast with solutions architects"
    contrast_body = 'The debate began with a question about whether infrastructure has its own counterpart to the code-minded [solutions architect](/wiki/solutions-architect). Platt said he had not come across one. In his account the "top" of the technical track is made up of scripting specialists, who, unlike developers on the application side, do not aspire to be architects or think of themselves as architects.'

    see_also = """## See also

- [Infrastructure architecture](/wiki/infrastructure-architecture)
- [IT manager](/wiki/it-manager)
- [Solutions architect](/wiki/solutions-architect)
- [Strategic consultant](/wiki/strategic-consultant)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    relationship = _doc(rel_head, rel_platt, rel_patton, rel_table).rstrip("\n")
    strategic = _doc(strat_head, strat_body).rstrip("\n")

    return SeedPage(
        title="Infrastructure architect",
        kind="term",
        revisions=[
            SeedRevision(
                author="marginalia",
                summary="New stub from Platt's definition",
                body=_doc(lead_1, "## Definition", def_platt_1),
                days_ago=58.0,
            ),
            SeedRevision(
                author="dkowalski",
                summary="Add where Platt's post puts the role",
                body=_doc(lead_1, "## Definition", def_platt_1, rel_head, rel_platt),
                days_ago=46.0,
            ),
            SeedRevision(
                author="Beth-Patton",
                summary="Add my view of the relationship to the IT manager",
                body=_doc(lead_1, "## Definition", def_platt_1, def_patton, relationship),
                days_ago=44.5,
                source=PATTON_COMMENT,
            ),
            SeedRevision(
                author="Michael-Platt",
                summary="Fix: the post did not set out to define the role; add strategic scope",
                body=_doc(lead_1, "## Definition", def_platt_2, def_patton, relationship, strategic),
                days_ago=30.25,
                source=(PLATT_CLOSING, PLATT_FEEDBACK),
            ),
            SeedRevision(
                author="Warren-Brown",
                summary="Add the business and people skills point",
                body=_doc(
                    lead_1, "## Definition", def_platt_2, def_patton, relationship, strategic, skills_head, skills_brown
                ),
                days_ago=17.0,
                source=BROWN_COMMENT,
            ),
            SeedRevision(
                author="marginalia",
                summary="Note the missing write-up; add Platt's certification point and the solutions architect contrast; see also",
                body=_doc(
                    lead_2,
                    "## Definition",
                    def_platt_3,
                    def_patton,
                    relationship,
                    strategic,
                    skills_head,
                    skills_brown,
                    skills_platt,
                    contrast_head,
                    contrast_body,
                    see_also,
                ),
                days_ago=4.5,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# IT manager
# ---------------------------------------------------------------------------


def _it_manager() -> SeedPage:
    lead_1 = "An **IT manager** leads an organisation's IT function, or a large part of it, and answers for its staff, its budget and the service it gives the rest of the business."
    lead_2 = (
        lead_1
        + " Michael Platt, whose post started the debate recorded on this wiki, said he was not trying to define the role and did not intend to, so this page gathers how the participants placed it rather than offering one agreed definition."
    )

    track_head = "## Place in the career tracks"
    track_stub = "IT manager is usually the top of the management track, reached after [operations manager](/wiki/operations-manager) and [engineering manager](/wiki/engineering-manager)."
    track_platt = "In Michael Platt's management track, IT manager is the third of four steps: it follows [operations manager](/wiki/operations-manager) and [engineering manager](/wiki/engineering-manager) and comes before [infrastructure architect](/wiki/infrastructure-architect). Platt thought most people who switch to management probably do so from the design stage of the technical track, going straight to this role, and that most people who do infrastructure architecture in practice hold the IT manager title."
    track_anon = "The anonymous commenter on the original post jumped between the tracks. Their career ran from the helpdesk to a senior administrator post and then to IT manager. Having arrived, they said they missed the technical side and were thinking about a move into architecture."

    covers_head = "## What the role covers"
    covers_patton = "Beth Patton asked a series of questions about the role: how is the IT manager defined; is that person just the glue holding the IT department (development, infrastructure and operations) together; what does the job consist of; whom does the manager deal with; and how is any of this different from what an architect does? Her own answer, from experience, was that the IT manager is the interface with the business sponsors and with every other group in IT."

    arch_head = "## The IT manager and the architect"
    arch_patton = 'Patton placed the IT manager and the infrastructure architect at the same level, each picking up where the other leaves off. She described the arrangement as a "yin and yang": the manager drives business strategy to the architect, the architect drives infrastructure strategy back, and the exchange continues in a loop.'
    arch_platt = "Platt's post, by contrast, put the architect one step after the IT manager in the management track. He later added that he had not meant the paths to be worked through in a logical, progressive order, and that people may jump back and forth between them."

    see_also = """## See also

- [Infrastructure manager](/wiki/infrastructure-manager)
- [Infrastructure architect](/wiki/infrastructure-architect)
- [Operations manager](/wiki/operations-manager)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    return SeedPage(
        title="IT manager",
        kind="term",
        revisions=[
            SeedRevision(
                author="dkowalski",
                summary="Stub",
                body=_doc(lead_1, track_head, track_stub),
                days_ago=55.0,
            ),
            SeedRevision(
                author="Anonymous",
                summary="Add my own route into IT management",
                body=_doc(lead_1, track_head, track_stub, track_anon),
                days_ago=41.0,
                source=ANON_COMMENT,
            ),
            SeedRevision(
                author="Michael-Platt",
                summary="Fix: in my management track the IT manager comes before the architect",
                body=_doc(lead_2, track_head, track_platt, track_anon),
                days_ago=26.5,
                source=(PLATT_POST, PLATT_CLOSING),
            ),
            SeedRevision(
                author="Beth-Patton",
                summary="Add my questions about the role and the IT manager/architect relationship",
                body=_doc(
                    lead_2, track_head, track_platt, track_anon, covers_head, covers_patton, arch_head, arch_patton
                ),
                days_ago=9.75,
                source=PATTON_COMMENT,
            ),
            SeedRevision(
                author="marginalia",
                summary="Contrast with Platt's post; see also",
                body=_doc(
                    lead_2,
                    track_head,
                    track_platt,
                    track_anon,
                    covers_head,
                    covers_patton,
                    arch_head,
                    arch_patton,
                    arch_platt,
                    see_also,
                ),
                days_ago=3.0,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Infrastructure manager
# ---------------------------------------------------------------------------


def _infrastructure_manager() -> SeedPage:
    lead_1 = "An **infrastructure manager** looks after the systems and hardware an organisation relies on, including data centres, networks and servers, and makes sure they stay dependable as the business comes to depend more and more on digital services."
    lead_2 = lead_1 + " The job combines technical oversight with people management and long-range planning."

    qual_head = "## Qualifications"
    qual_1 = "The role usually requires a master's degree in computer science or information technology."
    qual_2 = "A career guide on the role treats an undergraduate degree as the usual minimum, typically in computer science, IT or a neighbouring field. Some employers, it says, look for a master's degree or for particular IT certifications, for example:"
    certs = """- **CompTIA** certifications
- **Cisco Certified Network Associate (CCNA)**
- **Microsoft Certified Systems Engineer (MCSE)**"""
    certs_effect = "According to the guide, certifications signal dedication to the field and give evidence of knowledge. They can be what tips a hiring or promotion decision, and they are often associated with higher pay."

    resp_head = "## Responsibilities"
    resp = """- Keeping data centres, servers and networks running so that core services remain available.
- Judging when to adopt emerging technologies and when to retire systems that have become outdated.
- Protecting the organisation's data and infrastructure from security threats.
- Planning the infrastructure so that it supports the organisation's business goals.
- Leading teams, running projects and explaining technical matters to colleagues with no IT background."""

    skills_head = "## Skills"
    skills_intro = "The guide lists a mixture of technical and managerial abilities:"
    skills = """- **Technical foundations:** systems administration and networking, including the running of network layers, databases and operating systems.
- **Troubleshooting:** diagnosing and resolving complex faults.
- **Security:** defending systems and data against threats.
- **Project management:** delivering changes on time and within scope.
- **Strategic alignment:** shaping infrastructure around business objectives.
- **Leadership and communication:** motivating teams, taking hard decisions and working with stakeholders from many backgrounds."""
    skills_business = "The guide adds that many effective infrastructure managers make time to study finance, personnel management and strategic planning, so that they understand how their decisions affect the rest of the organisation."

    prog_head = "## Career progression"
    prog_intro = "The guide sketches a typical route into the role:"
    prog_steps = """1. An entry-level post in user support, network administration or systems administration, which supplies the technical grounding.
2. A senior technical post or a supervisory position, either of which builds leadership and planning ability.
3. For some, specialisation in one area, for instance cloud platforms or security.
4. Possibly, an executive post: Chief Technology Officer (CTO) or [Chief Information Officer](/wiki/chief-information-officer) (CIO)."""
    prog_exp = "Of all the ingredients, the guide treats experience as the most important, since practical work is where people learn how IT problems are actually handled and resolved."

    learn_head = "## Keeping up to date"
    learn = "Because the technology keeps changing, the guide recommends continual learning. This can be formal, such as advanced degrees and certifications in new technologies, or informal, such as workshops, webinars, training sessions, conferences and industry publications. Part of the purpose is to know when a new technology is worth adopting and when an old system should be phased out."

    net_head = "## Professional networking"
    net = "The guide also emphasises professional networking: building relationships with other IT professionals, joining professional bodies and attending industry events. It presents these contacts as a route to mentoring and to early knowledge of new trends and good practice."

    rel_head = "## Relation to other titles"
    rel = "The guide does not discuss the two-track model debated elsewhere on this wiki. Its entry-level roles overlap with the first stages of the progression Warren Brown described, from [helpdesk analyst](/wiki/helpdesk-analyst) to [system engineer](/wiki/system-engineer), while its stress on leadership and business planning resembles the management track proposed by Michael Platt. See [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure) for that debate."

    see_also = """## See also

- [IT manager](/wiki/it-manager)
- [Infrastructure architect](/wiki/infrastructure-architect)
- [Chief Information Officer](/wiki/chief-information-officer)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    qual_2_block = _doc(qual_2, certs, certs_effect).rstrip("\n")
    resp_block = _doc(resp_head, resp).rstrip("\n")
    skills_block = _doc(skills_head, skills_intro, skills, skills_business).rstrip("\n")
    prog_block = _doc(prog_head, prog_intro, prog_steps, prog_exp).rstrip("\n")

    return SeedPage(
        title="Infrastructure manager",
        kind="term",
        revisions=[
            SeedRevision(
                author="dkowalski",
                summary="Stub from the career guide",
                body=_doc(lead_1, qual_head, qual_1),
                days_ago=52.0,
            ),
            SeedRevision(
                author="marginalia",
                summary="Fix degree requirement; add certifications",
                body=_doc(lead_1, qual_head, qual_2_block),
                days_ago=45.25,
            ),
            SeedRevision(
                author="priya_netops",
                summary="Add responsibilities and skills",
                body=_doc(lead_2, resp_block, qual_head, qual_2_block, skills_block),
                days_ago=33.0,
            ),
            SeedRevision(
                author="dkowalski",
                summary="Add progression, continual learning and networking",
                body=_doc(
                    lead_2,
                    resp_block,
                    qual_head,
                    qual_2_block,
                    skills_block,
                    prog_block,
                    learn_head,
                    learn,
                    net_head,
                    net,
                ),
                days_ago=20.5,
            ),
            SeedRevision(
                author="helpdesk_hal",
                summary="Relate to the career-track debate; see also",
                body=_doc(
                    lead_2,
                    resp_block,
                    qual_head,
                    qual_2_block,
                    skills_block,
                    prog_block,
                    learn_head,
                    learn,
                    net_head,
                    net,
                    rel_head,
                    rel,
                    see_also,
                ),
                days_ago=6.25,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Solutions architect
# ---------------------------------------------------------------------------


def _solutions_architect() -> SeedPage:
    lead_1 = "A **solutions architect** designs how a particular business solution, usually a software application or a set of connected applications, should be built and fitted into an organisation's existing systems."
    lead_2 = (
        lead_1
        + " On this wiki the term appears mainly as a point of comparison with the [infrastructure architect](/wiki/infrastructure-architect)."
    )

    straddle_head_1 = "## Half developer, half architect"
    straddle_head_2 = "## Straddling development and architecture"
    question = "The debate that seeded this wiki began with a question Michael Platt's manager put to him. From working with customers, the manager had formed the impression that many solutions architects were really straddling two jobs, developer and architect: they went to architecture meetings but wanted to see the code. He asked whether infrastructure had a comparable group of implementers who considered themselves architects."
    slashdot = "Platt recognised the pattern on the application side. He pointed to Slashdot, where, he wrote, you only have to look to find people announcing that they will write the architecture for a CRM system in Java straight away."

    contrast_head = "## The infrastructure contrast"
    contrast_1 = 'Platt said he had never come across the infrastructure equivalent, such as someone offering to code up a consolidation initiative as a script overnight. His answer drew on his model of infrastructure careers: the "top" of the technical track, the scripting specialists, do not aspire to be architects or think of themselves as architects, unlike developers on the application side.'
    contrast_2 = "He added that most people who actually practise infrastructure architecture hold [IT manager](/wiki/it-manager) titles and so associate more with management than with technology."

    loose_head = "## A loosely used title"
    loose = 'Beth Patton, commenting on the same post, reported that former colleagues she talked with thought "architect" was over-used and had hundreds of meanings, and she asked whether people who design, people who implement, and people who do both should all share the label.'

    see_also = """## See also

- [Infrastructure architect](/wiki/infrastructure-architect)
- [Infrastructure architecture](/wiki/infrastructure-architecture)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    return SeedPage(
        title="Solutions architect",
        kind="term",
        revisions=[
            SeedRevision(
                author="priya_netops",
                summary="Stub from the question that started the debate",
                body=_doc(lead_1, straddle_head_1, question),
                days_ago=50.5,
            ),
            SeedRevision(
                author="Michael-Platt",
                summary="Add the Slashdot remark and the infrastructure contrast",
                body=_doc(lead_1, straddle_head_1, question, slashdot, contrast_head, contrast_1, contrast_2),
                days_ago=37.0,
                source=PLATT_POST,
            ),
            SeedRevision(
                author="Beth-Patton",
                summary="Add the point about 'architect' being over-used",
                body=_doc(
                    lead_1,
                    straddle_head_1,
                    question,
                    slashdot,
                    contrast_head,
                    contrast_1,
                    contrast_2,
                    loose_head,
                    loose,
                ),
                days_ago=22.0,
                source=PATTON_COMMENT,
            ),
            SeedRevision(
                author="marginalia",
                summary="Neutral heading; link to infrastructure architect; see also",
                body=_doc(
                    lead_2,
                    straddle_head_2,
                    question,
                    slashdot,
                    contrast_head,
                    contrast_1,
                    contrast_2,
                    loose_head,
                    loose,
                    see_also,
                ),
                days_ago=2.5,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Career tracks in infrastructure
# ---------------------------------------------------------------------------


def _career_tracks() -> SeedPage:
    lead_1 = 'This article summarises a debate about how careers in IT infrastructure develop. It began with a blog post by Michael Platt titled "Infrastructure career progression".'
    lead_2 = (
        lead_1
        + " The post drew six comments, from an anonymous reader, Warren Brown, Beth Patton and Platt himself. The commenters questioned how many paths there are, whether people follow them in order, and where the [infrastructure architect](/wiki/infrastructure-architect) belongs; some of the questions they raised were never answered in the thread."
    )

    bg_head = "## Background"
    bg = "Platt's manager had asked him whether infrastructure had an equivalent of the [solutions architects](/wiki/solutions-architect) who, in the manager's experience, straddled development and architecture. Platt answered with a model of infrastructure careers and asked readers to tell him whether he was off the mark."

    model_head = "## Platt's two-track model"
    model = (
        "Platt proposed that careers in infrastructure seem to follow two tracks, one technical and one in management."
    )

    tech_head = "### Technical track"
    tech_1 = "Platt's post also describes a technical track, from which people move into management."
    tech_2 = "The post's list of technical-track steps is lost: in the surviving copy, the sentence that introduces the list ends with a colon and nothing follows it. What the rest of the text says about the track is:"
    tech_points = """- People can join or leave it at any point.
- Those who leave go either into software development or into IT management.
- It includes a design stage, and Platt thought that probably most moves into management happen from there, to the role of [IT manager](/wiki/it-manager).
- It tops out with the scripting specialists. In Platt's words these "scripting guys" are the "top" level of the track, and, unlike developers on the application side, they do not aspire to be architects or think of themselves as architects."""

    mgmt_head = "### Management track"
    mgmt_intro = "Platt set out the management track in four steps:"
    mgmt_steps = """1. [Operations manager](/wiki/operations-manager)
2. [Engineering manager](/wiki/engineering-manager)
3. [IT manager](/wiki/it-manager)
4. [Infrastructure architect](/wiki/infrastructure-architect)"""
    mgmt_note = "He added that most people actually doing infrastructure architecture carry IT manager titles and therefore identify more with management than with technology."

    resp_head = "## Responses"
    anon_head = "### Anonymous: people switch tracks"
    anon_1 = "An anonymous commenter thought the model was mostly accurate, but said the exceptions were people who jump between the two tracks. Their own career went from the helpdesk to a senior administrator role and then to IT manager; they missed the technical side and were considering a move into architecture."
    anon_2 = "An anonymous commenter thought the model was mostly accurate, but said the exceptions were people who jump between the two tracks. They gave their own career as an example: helpdesk, then senior administrator, then IT manager. At the time of writing they missed the technical side of the work and were considering a move into architecture."

    brown_head = "### Warren Brown: the track he sees people follow"
    brown_intro = "Warren Brown was surprised by the suggestion that there are only two tracks, noting that he was not from the US and that the terms might differ there. He described the track that, in his experience, the people he works with follow:"
    brown_steps = """1. Front-line [helpdesk](/wiki/helpdesk-analyst) or desktop engineer
2. Second-line [desktop support](/wiki/desktop-support-engineer), while training to become a system engineer (for example for the MCSE)
3. [System engineer](/wiki/system-engineer), covering servers and applications
4. [Senior engineer](/wiki/senior-engineer) or consultant, with more interaction with the business
5. Architect or [strategic consultant](/wiki/strategic-consultant)"""
    brown_view = "In Brown's view, this route gives people a core understanding of the client, the server and the business, and in time a strategic and architectural outlook. People may stop at any step once they reach their comfort level. He also observed that many people calling themselves architects have amazing technical skills but no business or people skills, and he considered both critical to being an architect."

    platt_reply = 'Platt replied that he was not sure whether Brown meant one track or several, and if several, how many. He said that the progression Brown showed was the technical track he had given, adding "(I think)", and asked whether Brown was saying there was no management track. He agreed about the non-technical skills, noting that Microsoft\'s architect certification had seven elements, only two of them technical.'
    unanswered = "Brown did not reply to Platt's question in the thread, so whether he meant one track or several, and whether he denied that a management track exists, was left open."

    patton_head = "### Beth Patton: the architect beside the IT manager"
    patton_1 = "Beth Patton argued that the discussion depended on defining what infrastructure architecture is and who its players are, which she found still nebulous across the industry. She disagreed to some extent with limiting an infrastructure career to two directions, techie or boss, while accepting that both tracks exist and occur."
    patton_2 = 'What both tracks left out, in her view, was the question of who joins business strategy to infrastructure strategy. An architect\'s career need not end in IT management: the infrastructure architect works at the same level as the IT manager, who is the interface with the business sponsors and the other IT groups, while the architect, who must still understand the business, drives the infrastructure strategy. She called this a "yin and yang", a continuous cycle in which strategy passes in both directions.'

    follow_head = "### Platt's follow-up"
    follow_summary = "Platt later summarised a number of other comments he had received. They held that defining the infrastructure architect means attending not only to who does what but to how the roles connect, and that [infrastructure architecture](/wiki/infrastructure-architecture) is bound up with the continuing life of the business more tightly than other kinds of architecture: strategic work, not merely a matter of networks, servers and some process."
    follow_intro = "In a final comment he clarified his position:"
    follow_points = """- He had not set out to define infrastructure or the infrastructure architect in the post, which he called a mistake. His definition of the latter is someone who defines and manages an organisation's infrastructure architecture; infrastructure architecture itself he said he had defined elsewhere, in a write-up whose link did not survive in the copy this wiki draws on.
- He did not mean that people work through the two paths in a logical, progressive order; they may jump backwards and forwards between them, and probably will.
- The titles he used might be wrong, and the list of them incomplete.
- Defining the IT manager had not been his aim either, and he did not intend to attempt it.
- He agreed with the points made about the architect's relationships with the business and with IT managers, and about the importance of the role."""

    cmp_head = "## The two progressions side by side"
    cmp_table = """| Step | Platt's management track | Brown's progression |
|---|---|---|
| 1 | Operations manager | Front-line helpdesk or desktop engineer |
| 2 | Engineering manager | Second-line desktop support, training for e.g. the MCSE |
| 3 | IT manager | System engineer |
| 4 | Infrastructure architect | Senior engineer or consultant |
| 5 | | Architect or strategic consultant |"""
    cmp_note = "Both sequences finish at an architect role, approached from different directions. Platt said he thought (\"I think\") that Brown's progression was the technical track he had given, but his own list of that track is lost, so there is nothing to check the match against, and the right-hand column should not be read as Platt's technical track. All that survives of that track is where it tops out: with scripting specialists who do not aspire to the architect title."

    dis_head = "## Points of disagreement"
    dis = """- **How many tracks:** two (Platt). Brown was surprised there were only two and described a single track; Platt asked whether he meant one track or several and whether he denied a management track, and the question went unanswered. Patton disagreed to some extent that a career can only go two ways.
- **Where the architect sits:** at the end of the management track (Platt's post) or alongside the IT manager at the same level (Patton).
- **Ladder or lattice:** the post reads as a sequence of steps, but the anonymous commenter described jumping between the tracks, and Platt later said people may jump backwards and forwards between them, and probably will.
- **What an architect needs:** Brown held that business and people skills are both critical for an architect, and Platt agreed about the non-technical skills."""

    see_also = """## See also

- [Infrastructure manager](/wiki/infrastructure-manager), for a career guide's view of the route into infrastructure management
- [Infrastructure architecture](/wiki/infrastructure-architecture)
- [Solutions architect](/wiki/solutions-architect)"""

    model_r1 = _doc(model_head, model, tech_head, tech_1, mgmt_head, mgmt_intro, mgmt_steps, mgmt_note).rstrip("\n")
    model_r4 = _doc(
        model_head, model, tech_head, tech_2, tech_points, mgmt_head, mgmt_intro, mgmt_steps, mgmt_note
    ).rstrip("\n")
    brown_block = _doc(brown_head, brown_intro, brown_steps, brown_view).rstrip("\n")
    brown_block_replied = _doc(brown_block, platt_reply, unanswered).rstrip("\n")
    patton_block = _doc(patton_head, patton_1, patton_2).rstrip("\n")
    follow_block = _doc(follow_head, follow_summary, follow_intro, follow_points).rstrip("\n")

    return SeedPage(
        title="Career tracks in infrastructure",
        kind="article",
        revisions=[
            SeedRevision(
                author="marginalia",
                summary="Start an article on the career-track debate",
                body=_doc(lead_1, bg_head, bg, model_r1),
                days_ago=59.0,
            ),
            SeedRevision(
                author="Anonymous",
                summary="Add my comment on the post",
                body=_doc(lead_1, bg_head, bg, model_r1, resp_head, anon_head, anon_1),
                days_ago=48.5,
                source=ANON_COMMENT,
            ),
            SeedRevision(
                author="Warren-Brown",
                summary="Add the track I described",
                body=_doc(lead_1, bg_head, bg, model_r1, resp_head, anon_head, anon_1, brown_block),
                days_ago=48.0,
                source=BROWN_COMMENT,
            ),
            SeedRevision(
                author="marginalia",
                summary="Add Platt's question to Warren Brown, and that it went unanswered",
                body=_doc(lead_1, bg_head, bg, model_r1, resp_head, anon_head, anon_1, brown_block_replied),
                days_ago=40.0,
            ),
            SeedRevision(
                author="Beth-Patton",
                summary="Add my peer-role view",
                body=_doc(
                    lead_1, bg_head, bg, model_r1, resp_head, anon_head, anon_1, brown_block_replied, patton_block
                ),
                days_ago=35.5,
                source=PATTON_COMMENT,
            ),
            SeedRevision(
                author="marginalia",
                summary="Note that the technical-track list is lost; add Platt's follow-up and a comparison table",
                body=_doc(
                    lead_2,
                    bg_head,
                    bg,
                    model_r4,
                    resp_head,
                    anon_head,
                    anon_1,
                    brown_block_replied,
                    patton_block,
                    follow_block,
                    cmp_head,
                    cmp_table,
                    cmp_note,
                ),
                days_ago=19.0,
            ),
            SeedRevision(
                author="Anonymous",
                summary="Reword my comment",
                body=_doc(
                    lead_2,
                    bg_head,
                    bg,
                    model_r4,
                    resp_head,
                    anon_head,
                    anon_2,
                    brown_block_replied,
                    patton_block,
                    follow_block,
                    cmp_head,
                    cmp_table,
                    cmp_note,
                ),
                days_ago=5.0,
                source=ANON_COMMENT,
            ),
            SeedRevision(
                author="priya_netops",
                summary="Summarise the disagreements; see also",
                body=_doc(
                    lead_2,
                    bg_head,
                    bg,
                    model_r4,
                    resp_head,
                    anon_head,
                    anon_2,
                    brown_block_replied,
                    patton_block,
                    follow_block,
                    cmp_head,
                    cmp_table,
                    cmp_note,
                    dis_head,
                    dis,
                    see_also,
                ),
                days_ago=3.75,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Helpdesk analyst
# ---------------------------------------------------------------------------


def _helpdesk_analyst() -> SeedPage:
    lead_1 = "A **helpdesk analyst** is the first person users reach when they need help with IT. The analyst records each request or incident, fixes what can be fixed quickly, and hands harder cases on to second-line staff."
    lead_2 = "A **helpdesk analyst** is the first person users reach when they need help with IT. The analyst records each request or incident, fixes what can be fixed quickly (forgotten passwords, locked accounts, common software faults), and hands harder cases on to second-line staff such as [desktop support engineers](/wiki/desktop-support-engineer)."

    career_head = "## In career progressions"
    career_guide = "Helpdesk work is widely treated as a way into infrastructure careers. The career guide summarised on the [infrastructure manager](/wiki/infrastructure-manager) page lists user support, along with network and systems administration, among the usual first jobs."
    career_brown = "In the progression Warren Brown described, the front-line helpdesk or desktop engineer is the first step, followed by second-line desktop support."
    career_anon = "The anonymous commenter in the same discussion also began on the helpdesk, later becoming a senior administrator and then an [IT manager](/wiki/it-manager)."

    skills_head = "## Skills"
    skills = """- Patient, plain-language communication with users who are not IT specialists.
- Methodical first-line troubleshooting, and knowing when to escalate.
- Disciplined ticket handling, so that problems can be tracked and trends spotted.
- Working knowledge of the organisation's desktop operating systems and core applications."""

    naming_head = "## Naming"
    naming = "Employers use several names for much the same front-line job, including service desk analyst, support analyst and first-line support. Warren Brown paired the role with desktop engineer and noted that, as he was not from the US, his terms might differ from those used there; Michael Platt likewise conceded that the titles in his own tracks might be wrong or incomplete."

    see_also = """## See also

- [Desktop support engineer](/wiki/desktop-support-engineer)
- [System engineer](/wiki/system-engineer)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    return SeedPage(
        title="Helpdesk analyst",
        kind="term",
        revisions=[
            SeedRevision(
                author="helpdesk_hal",
                summary="Stub",
                body=_doc(lead_1),
                days_ago=47.0,
            ),
            SeedRevision(
                author="Warren-Brown",
                summary="Add the first step of my progression",
                body=_doc(lead_1, career_head, career_brown),
                days_ago=34.0,
                source=BROWN_COMMENT,
            ),
            SeedRevision(
                author="helpdesk_hal",
                summary="Add the career guide and the anonymous commenter's route; skills; a note on naming",
                body=_doc(
                    lead_1,
                    career_head,
                    career_guide,
                    career_brown,
                    career_anon,
                    skills_head,
                    skills,
                    naming_head,
                    naming,
                ),
                days_ago=15.5,
            ),
            SeedRevision(
                author="marginalia",
                summary="Examples of first-line fixes; see also",
                body=_doc(
                    lead_2,
                    career_head,
                    career_guide,
                    career_brown,
                    career_anon,
                    skills_head,
                    skills,
                    naming_head,
                    naming,
                    see_also,
                ),
                days_ago=7.25,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Desktop support engineer
# ---------------------------------------------------------------------------


def _desktop_support_engineer() -> SeedPage:
    lead = "A **desktop support engineer** deals with problems in end-user computing, meaning workstations, laptops, peripherals and the software installed on them, and usually takes the cases that the front-line [helpdesk](/wiki/helpdesk-analyst) could not resolve. The role is often called second-line desktop support."

    work_head = "## Typical work"
    work = """- Building, imaging and deploying new machines.
- Diagnosing and repairing hardware faults.
- Installing and configuring software and peripherals.
- Visiting users at their desks when remote help is not enough.
- Escalating server or network problems to the teams that own them."""

    brown_head = "## In Warren Brown's progression"
    brown_1 = "Warren Brown placed second-line desktop support second in the path he described, after the front-line helpdesk or desktop engineer. He presented it as the stage at which people train for the next step, [system engineer](/wiki/system-engineer), for example by working towards the MCSE."
    brown_2 = "Warren Brown placed second-line desktop support second in the path he described, after the front-line helpdesk or desktop engineer. He presented it as the stage at which people train for the next step, [system engineer](/wiki/system-engineer), for example by working towards the Microsoft Certified Systems Engineer credential. His comment gives it as ~~MSCE~~ MCSE; the letters were transposed in the original."
    brown_found = "In Brown's account, the early stages of the path give people a grasp of the client side of computing, on which later stages build an understanding of servers and then of the business."
    platt = "Michael Platt said he thought (\"I think\") that Brown's sequence was the technical track he had given. Platt's own list of technical steps has not survived, so it is not known whether he named desktop support as a stage."

    see_also = """## See also

- [Helpdesk analyst](/wiki/helpdesk-analyst)
- [System engineer](/wiki/system-engineer)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    return SeedPage(
        title="Desktop support engineer",
        kind="term",
        revisions=[
            SeedRevision(
                author="helpdesk_hal",
                summary="Stub with typical duties",
                body=_doc(lead, work_head, work),
                days_ago=43.0,
            ),
            SeedRevision(
                author="Warren-Brown",
                summary="Add place in my progression",
                body=_doc(lead, work_head, work, brown_head, brown_1, brown_found),
                days_ago=29.0,
                source=BROWN_COMMENT,
            ),
            SeedRevision(
                author="marginalia",
                summary="Spell out MCSE and note the typo in the source; Platt's reading; see also",
                body=_doc(lead, work_head, work, brown_head, brown_2, brown_found, platt, see_also),
                days_ago=12.0,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# System engineer
# ---------------------------------------------------------------------------


def _system_engineer() -> SeedPage:
    lead_1 = "A **system engineer** in IT infrastructure builds, configures and maintains servers and the applications that run on them."
    lead_2 = 'A **system engineer** (often written "systems engineer") in IT infrastructure builds, configures and maintains servers and the applications that run on them. Outside IT, systems engineering is a broader discipline concerned with designing complex systems as a whole; this page covers only the infrastructure sense.'

    career_head = "## Place in career paths"
    career_brown = "Warren Brown put system engineer third in his progression. People reach it from second-line [desktop support](/wiki/desktop-support-engineer), often after certification training such as the MCSE, and in his description the role covers servers and applications. The next stage is [senior engineer](/wiki/senior-engineer) or consultant."
    career_guide = "The career guide summarised on the [infrastructure manager](/wiki/infrastructure-manager) page names system administration as one of the usual starting points for an infrastructure career, and treats skill with servers, databases and networks as central to later management roles."

    move_head = "## Moving on"
    move = "Michael Platt observed that people can leave the technical track at any point, some for software development and some for IT management, with probably most moves into management coming from the design stage. His post does not say which job titles belong to that stage."

    skills_head = "## Skills"
    skills = """- Installing, patching and hardening server operating systems.
- Running the applications and databases hosted on those servers.
- Monitoring, capacity planning and troubleshooting.
- Scripting and automation. Platt named the scripting specialists as the "top" level of the technical track."""

    see_also = """## See also

- [Desktop support engineer](/wiki/desktop-support-engineer)
- [Senior engineer](/wiki/senior-engineer)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    return SeedPage(
        title="System engineer",
        kind="term",
        revisions=[
            SeedRevision(
                author="dkowalski",
                summary="Stub",
                body=_doc(lead_1),
                days_ago=40.0,
            ),
            SeedRevision(
                author="Warren-Brown",
                summary="Add place in my progression",
                body=_doc(lead_1, career_head, career_brown),
                days_ago=27.75,
                source=BROWN_COMMENT,
            ),
            SeedRevision(
                author="priya_netops",
                summary="Add the career guide, skills and Platt's point about leaving the track",
                body=_doc(lead_1, career_head, career_brown, career_guide, move_head, move, skills_head, skills),
                days_ago=14.0,
            ),
            SeedRevision(
                author="dkowalski",
                summary="Distinguish from systems engineering outside IT; see also",
                body=_doc(
                    lead_2, career_head, career_brown, career_guide, move_head, move, skills_head, skills, see_also
                ),
                days_ago=1.5,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Senior engineer
# ---------------------------------------------------------------------------


def _senior_engineer() -> SeedPage:
    lead = "A **senior engineer** in infrastructure is an experienced engineer who takes on the hardest technical problems, designs parts of the environment and guides less experienced colleagues."

    brown_head = "## In Warren Brown's progression"
    brown_1 = "Warren Brown's fourth step is senior engineer or consultant. What marks it out in his account is more interaction with the business. From there the path leads to architect or [strategic consultant](/wiki/strategic-consultant)."
    brown_skills = "Brown argued that many people who call themselves architects have amazing technical skills but no business or people skills, both of which he saw as critical to being an architect. In his account, working through the stages of the track builds an understanding of the client, the server and the business, which eventually leads to a strategic and architectural view."

    cross_head = "## A crossroads"
    cross_guide_1 = "The career guide summarised on the [infrastructure manager](/wiki/infrastructure-manager) page presents senior technical posts and supervisory roles as two parallel ways to advance."
    cross_guide_2 = "The career guide summarised on the [infrastructure manager](/wiki/infrastructure-manager) page presents senior technical posts and supervisory roles as two parallel ways to advance, both of which develop leadership and planning skills."
    cross_stop = "Brown noted that people may stop at any stage once they reach a level that suits them, so senior engineer can be a destination as well as a step. Michael Platt, for his part, saw the design stage of the technical track as the point from which probably most people cross into management, though his list of technical steps is lost, so which job titles make up that stage is not known."

    see_also = """## See also

- [System engineer](/wiki/system-engineer)
- [Strategic consultant](/wiki/strategic-consultant)
- [Engineering manager](/wiki/engineering-manager)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    return SeedPage(
        title="Senior engineer",
        kind="term",
        revisions=[
            SeedRevision(
                author="priya_netops",
                summary="Stub",
                body=_doc(lead, cross_head, cross_guide_1),
                days_ago=38.5,
            ),
            SeedRevision(
                author="Warren-Brown",
                summary="Add my progression and the business-skills point",
                body=_doc(lead, brown_head, brown_1, brown_skills, cross_head, cross_guide_1),
                days_ago=25.0,
                source=BROWN_COMMENT,
            ),
            SeedRevision(
                author="dkowalski",
                summary="Expand the crossroads section; see also",
                body=_doc(lead, brown_head, brown_1, brown_skills, cross_head, cross_guide_2, cross_stop, see_also),
                days_ago=10.5,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Operations manager
# ---------------------------------------------------------------------------


def _operations_manager() -> SeedPage:
    lead_1 = "An **operations manager** in IT runs the team that keeps production systems working from day to day."
    lead_2 = "An **operations manager** in IT runs the team that keeps production systems working from day to day: monitoring, handling incidents, routine maintenance, backups and the scheduling of changes."

    track_head = "## In the management track"
    track_1 = 'In Michael Platt\'s management track the operations manager ("Ops Manager" in his post) is the first step, followed by [engineering manager](/wiki/engineering-manager), [IT manager](/wiki/it-manager) and [infrastructure architect](/wiki/infrastructure-architect).'
    track_2 = "Platt later stressed that he did not expect people to move through these steps in a logical, progressive order; in his view people may jump back and forth between the technical and management tracks, and probably will. He also allowed that the titles he used might be wrong or incomplete."

    rel_head = "## Relation to other roles"
    rel_patton = "Beth Patton asked whether the IT manager is just the glue holding the IT department (development, infrastructure and operations) together. If the IT manager is seen that way, the operations manager leads one of the groups the IT manager coordinates."
    rel_guide = "The abilities the career guide lists for [infrastructure managers](/wiki/infrastructure-manager), such as leadership, project management and the troubleshooting of complex faults, overlap heavily with what this role demands."

    see_also = """## See also

- [Engineering manager](/wiki/engineering-manager)
- [IT manager](/wiki/it-manager)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    return SeedPage(
        title="Operations manager",
        kind="term",
        revisions=[
            SeedRevision(
                author="dkowalski",
                summary="Stub",
                body=_doc(lead_1),
                days_ago=36.0,
            ),
            SeedRevision(
                author="Michael-Platt",
                summary="Add place in the management track",
                body=_doc(lead_1, track_head, track_1, track_2),
                days_ago=24.5,
                source=(PLATT_POST, PLATT_CLOSING),
            ),
            SeedRevision(
                author="marginalia",
                summary="List typical duties; relation to other roles; see also",
                body=_doc(lead_2, track_head, track_1, track_2, rel_head, rel_patton, rel_guide, see_also),
                days_ago=11.0,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Engineering manager
# ---------------------------------------------------------------------------


def _engineering_manager() -> SeedPage:
    lead_1 = "An **engineering manager** in an infrastructure organisation leads the engineers who design, build and change systems."
    lead_2 = "An **engineering manager** in an infrastructure organisation leads the engineers who design, build and change systems, as distinct from the staff who operate them. The same title is common in software development, where it means managing development teams; this page concerns the infrastructure sense."

    track_head = "## In the management track"
    track_1 = "Engineering manager is the second step in Michael Platt's management track, between [operations manager](/wiki/operations-manager) and [IT manager](/wiki/it-manager)."
    track_2 = "Platt described people moving from the technical track into management at every level, with probably most of them crossing at the design stage and going straight to IT manager. Taken literally, that would mean many IT managers never hold the engineering manager title at all."

    resp_head = "## Responsibilities"
    resp = """- Hiring, developing and appraising engineers.
- Allocating engineers between project work and ongoing maintenance.
- Setting technical standards, often together with architects.
- Reporting progress and risks upwards to the IT manager."""

    debate_head = "## In the debate"
    debate = "Warren Brown's alternative progression contains no management steps at all, which led Platt to ask him whether he was saying there is no management track. Brown did not answer in the thread, so the question is open. His account does, however, bring more interaction with the business into its senior engineer stage, and he held that business and people skills are critical for an architect."

    see_also = """## See also

- [Operations manager](/wiki/operations-manager)
- [IT manager](/wiki/it-manager)
- [Senior engineer](/wiki/senior-engineer)"""

    return SeedPage(
        title="Engineering manager",
        kind="term",
        revisions=[
            SeedRevision(
                author="marginalia",
                summary="Stub",
                body=_doc(lead_1, track_head, track_1),
                days_ago=33.0,
            ),
            SeedRevision(
                author="dkowalski",
                summary="Add responsibilities and Platt's crossing point",
                body=_doc(lead_1, track_head, track_1, track_2, resp_head, resp),
                days_ago=21.0,
            ),
            SeedRevision(
                author="priya_netops",
                summary="Disambiguate from software engineering managers; add the debate",
                body=_doc(lead_2, track_head, track_1, track_2, resp_head, resp, debate_head, debate, see_also),
                days_ago=8.0,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Strategic consultant
# ---------------------------------------------------------------------------


def _strategic_consultant() -> SeedPage:
    lead = "A **strategic consultant** in IT infrastructure advises an organisation on the long-term direction of its technology and on how infrastructure decisions serve business goals. The role may be held internally or supplied by an outside consultancy."

    brown_head = "## In Warren Brown's progression"
    brown = "Warren Brown named architect or strategic consultant as the last stage of the track he sees people follow, reached from [senior engineer](/wiki/senior-engineer) or consultant. By that point, in his account, a person has built up an understanding of the client, the server and the business, leading to a strategic and architectural view."

    rel_head = "## Relation to the infrastructure architect"
    rel_1 = "Brown treated architect and strategic consultant as a single stage."
    rel_2 = "Brown treated architect and strategic consultant as a single stage. Feedback later summarised by Michael Platt supports the link from the other side: it described [infrastructure architecture](/wiki/infrastructure-architecture) as strategic work tied to day-to-day business operations, not just networks and servers."
    rel_patton = "Beth Patton asked who is responsible for joining business strategy to infrastructure strategy. She gave that task jointly to the [infrastructure architect](/wiki/infrastructure-architect) and the [IT manager](/wiki/it-manager), who in her view sit at the same level and work together."
    rel_consultant = (
        "Where an organisation brings in a strategic consultant, part of that joint work may move to the consultant."
    )

    skills_head = "## Skills"
    skills = "Brown argued that business and people skills are both critical to being an architect. Since he grouped strategic consultants with architects, the same point applies to this role."

    see_also = """## See also

- [Infrastructure architect](/wiki/infrastructure-architect)
- [Senior engineer](/wiki/senior-engineer)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    return SeedPage(
        title="Strategic consultant",
        kind="term",
        revisions=[
            SeedRevision(
                author="dkowalski",
                summary="Stub",
                body=_doc(lead),
                days_ago=31.0,
            ),
            SeedRevision(
                author="Warren-Brown",
                summary="Add the role's place in my progression",
                body=_doc(lead, brown_head, brown, rel_head, rel_1),
                days_ago=30.0,
                source=BROWN_COMMENT,
            ),
            SeedRevision(
                author="marginalia",
                summary="Connect to infrastructure architecture; add skills; see also",
                body=_doc(lead, brown_head, brown, rel_head, rel_2, skills_head, skills, see_also),
                days_ago=18.25,
            ),
            SeedRevision(
                author="Beth-Patton",
                summary="Add who joins business and infrastructure strategy",
                body=_doc(lead, brown_head, brown, rel_head, rel_2, rel_patton, skills_head, skills, see_also),
                days_ago=6.0,
                source=PATTON_COMMENT,
            ),
            SeedRevision(
                author="priya_netops",
                summary="Where a strategic consultant fits in that joint work",
                body=_doc(
                    lead, brown_head, brown, rel_head, rel_2, rel_patton, rel_consultant, skills_head, skills, see_also
                ),
                days_ago=2.0,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Infrastructure architecture
# ---------------------------------------------------------------------------


def _infrastructure_architecture() -> SeedPage:
    lead = "**Infrastructure architecture** is the discipline of deciding how an organisation's technical infrastructure, meaning its networks, servers, storage, platforms and the processes around them, should be structured to support the business over time. It is the body of work owned by the [infrastructure architect](/wiki/infrastructure-architect)."

    scope_head = "## Scope"
    scope_patton = "Beth Patton described the field as still nebulous across the industry, and said two things needed defining: what infrastructure architecture is, and who its players are."
    scope_platt = "Feedback summarised by Michael Platt argued that infrastructure architecture is tied more closely to the running of the business than any other kind of architecture. It was described as strategic, and the widespread belief that it covers only networking, servers and a little process as mistaken. The work, on this view, continues long after a few servers are installed and a few staff taught to operate them."

    who_head = "## Who does it"
    who_platt = "Platt observed in his original post that most people practising infrastructure architecture hold [IT manager](/wiki/it-manager) titles and associate themselves with management rather than technology."
    who_patton = "Beth Patton instead gave the infrastructure strategy to an architect who sits at the same level as the IT manager, the two exchanging business and infrastructure strategy in a continuous cycle."
    writeup = "Platt wrote that he had defined infrastructure architecture elsewhere and pointed readers to that write-up, but the pointer did not survive in the copy of his post this wiki draws on."
    who_connect = "The feedback Platt summarised also stressed that any definition has to say not only who does what, but how those roles connect to one another."

    app_head = "## Compared with application architecture"
    app = 'Platt contrasted the infrastructure side with application development, where he saw people readily offering to write an architecture in code. In infrastructure, he wrote, the "top" of the technical track, the scripting specialists, do not aspire to be architects or think of themselves as architects, unlike the developers on the application side. See [Solutions architect](/wiki/solutions-architect).'

    see_also = """## See also

- [Infrastructure architect](/wiki/infrastructure-architect)
- [Career tracks in infrastructure](/wiki/career-tracks-in-infrastructure)"""

    return SeedPage(
        title="Infrastructure architecture",
        kind="article",
        revisions=[
            SeedRevision(
                author="marginalia",
                summary="Start article on the discipline",
                body=_doc(lead),
                days_ago=28.5,
            ),
            SeedRevision(
                author="Beth-Patton",
                summary="Add what still needs defining",
                body=_doc(lead, scope_head, scope_patton),
                days_ago=28.0,
                source=PATTON_COMMENT,
            ),
            SeedRevision(
                author="Michael-Platt",
                summary="Add the strategic scope and who does the work",
                body=_doc(lead, scope_head, scope_patton, scope_platt, who_head, who_platt),
                days_ago=16.0,
                source=(PLATT_FEEDBACK, PLATT_POST),
            ),
            SeedRevision(
                author="priya_netops",
                summary="Add Patton's answer, how roles connect, the missing write-up and the application contrast; see also",
                body=_doc(
                    lead,
                    scope_head,
                    scope_patton,
                    scope_platt,
                    writeup,
                    who_head,
                    who_platt,
                    who_patton,
                    who_connect,
                    app_head,
                    app,
                    see_also,
                ),
                days_ago=3.25,
            ),
        ],
    )


# ---------------------------------------------------------------------------
# Chief Information Officer
# ---------------------------------------------------------------------------


def _chief_information_officer() -> SeedPage:
    lead = "A **Chief Information Officer** (CIO) is the executive responsible for an organisation's information technology, normally sitting on, or reporting directly to, its senior leadership team."

    dest_head = "## As a career destination"
    dest_guide = "The career guide summarised on the [infrastructure manager](/wiki/infrastructure-manager) page notes that some infrastructure managers specialise, for example in cloud or security, and that this can open the way to executive posts such as CIO or Chief Technology Officer (CTO)."
    dest_tracks = "Neither of the career tracks debated by Michael Platt and his commenters reaches the executive level: Platt's management track ends at [infrastructure architect](/wiki/infrastructure-architect), and the progression Warren Brown described at architect or [strategic consultant](/wiki/strategic-consultant)."

    cto_head = "## CIO and CTO"
    cto_1 = "Where an organisation has both posts, the CIO usually concentrates on internal IT and information systems, while the CTO looks after the technology in the organisation's products."
    cto_2 = "Where an organisation has both posts, the CIO usually concentrates on internal IT and information systems, while the CTO looks after the technology in the organisation's products. The division varies a good deal between organisations, and in smaller ones one person may hold both titles."

    skills_head = "## Skills"
    skills = "The guide's advice that infrastructure managers should study finance, HR and strategic planning describes much of what the executive role requires on top of technical knowledge."

    see_also = """## See also

- [Infrastructure manager](/wiki/infrastructure-manager)
- [IT manager](/wiki/it-manager)"""

    return SeedPage(
        title="Chief Information Officer",
        kind="term",
        revisions=[
            SeedRevision(
                author="dkowalski",
                summary="Stub",
                body=_doc(lead, dest_head, dest_guide),
                days_ago=26.0,
            ),
            SeedRevision(
                author="marginalia",
                summary="Add CIO/CTO distinction and the career-track note",
                body=_doc(lead, dest_head, dest_guide, dest_tracks, cto_head, cto_1),
                days_ago=13.5,
            ),
            SeedRevision(
                author="helpdesk_hal",
                summary="Note that the CIO/CTO split varies; add skills; see also",
                body=_doc(lead, dest_head, dest_guide, dest_tracks, cto_head, cto_2, skills_head, skills, see_also),
                days_ago=1.25,
            ),
        ],
    )


def _tagged(page: SeedPage, tags: tuple[str, ...], see_also: tuple[str, ...]) -> SeedPage:
    """The page with one more revision by the wiki's gardener (an invented member): its tags, and a "See also"
    line of links to related pages (some not written yet, so they show as red links). No participant's words."""
    last = page.revisions[-1]
    links = ", ".join(f"[[{title}]]" for title in see_also)
    body = join_fields(Fields(tags=tags), f"{last.body.rstrip()}\n\nSee also: {links}.\n")
    gardening = SeedRevision("marginalia", "Tags and see-also links", body, days_ago=last.days_ago / 2)
    return replace(page, revisions=[*page.revisions, gardening])


PAGES: list[SeedPage] = [
    _tagged(_career_tracks(), ("careers", "management-track", "technical-track"),
            ("Infrastructure architect", "IT manager", "Infrastructure manager", "Helpdesk analyst")),
    _tagged(_infrastructure_architect(), ("architecture", "management-track", "technical-track"),
            ("IT manager", "Solutions architect", "Infrastructure architecture", "Network architect")),
    _tagged(_it_manager(), ("leadership", "management-track"),
            ("Infrastructure architect", "Infrastructure manager", "Chief Information Officer")),
    _tagged(_infrastructure_manager(), ("leadership", "management-track", "operations"),
            ("IT manager", "Chief Information Officer", "Chief technology officer")),
    _tagged(_solutions_architect(), ("architecture",), ("Infrastructure architect", "Infrastructure architecture")),
    _tagged(_helpdesk_analyst(), ("operations", "support", "technical-track"),
            ("Desktop support engineer", "System engineer")),
    _tagged(_desktop_support_engineer(), ("operations", "support", "technical-track"),
            ("Helpdesk analyst", "System engineer")),
    _tagged(_system_engineer(), ("operations", "technical-track"), ("Desktop support engineer", "Senior engineer")),
    _tagged(_senior_engineer(), ("technical-track",),
            ("System engineer", "Infrastructure architect", "Strategic consultant")),
    _tagged(_operations_manager(), ("management-track", "operations"), ("Engineering manager", "IT manager")),
    _tagged(_engineering_manager(), ("leadership", "management-track"), ("Operations manager", "IT manager")),
    _tagged(_strategic_consultant(), ("architecture", "technical-track"),
            ("Infrastructure architect", "Senior engineer")),
    _tagged(_infrastructure_architecture(), ("architecture",), ("Infrastructure architect", "Solutions architect")),
    _tagged(_chief_information_officer(), ("leadership",), ("IT manager", "Infrastructure manager")),
]  # fmt: skip
