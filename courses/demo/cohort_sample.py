"""A short cohort-paced course: the structure of a cohort programme, for trying pacing.

Modules open one week apart from the cohort's start; the third needs the second first.
"""

COURSE = {
    "title": "Foundations of Cybercrime Investigation (cohort sample)",
    "slug": "cybercrime-foundations-cohort",
    "summary": (
        "A three-week cohort course on the first steps of a cybercrime case: "
        "what the offence is, what evidence exists, and which legal powers reach it."
    ),
    "description": (
        "<p>This short course shows how a cohort-paced programme works: each module opens "
        "one week after the previous one, counted from your cohort's start date, and the "
        "last module opens only when you have finished the second.</p>"
    ),
    "audience": "Police investigators, prosecutors and judges new to cybercrime cases.",
    "level": "introductory",
    "estimated_hours": 3,
    "topics": ["cybercrime", "international cooperation"],
    "pacing": "cohort",
    "enrolment": "invitation",
}

MODULES = [
    {
        "title": "Week 1: What makes a crime a cybercrime",
        "slug": "week-1",
        "release_offset_days": 0,
        "lessons": [
            {
                "title": "Cyber-dependent and cyber-enabled offences",
                "slug": "cyber-dependent-and-cyber-enabled",
                "estimated_minutes": 15,
                "free_preview": True,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>Investigators often sort cybercrime into two families. "
                            "<strong>Cyber-dependent</strong> offences can only be committed with "
                            "computers or networks: illegal access to a system, interference with "
                            "data, or spreading malware. <strong>Cyber-enabled</strong> offences are "
                            "older crimes, such as fraud or harassment, that technology lets an "
                            "offender commit faster, at greater scale or from another country.</p>"
                            "<p>The distinction matters in practice. It tells you which offence "
                            "provisions to look for, which specialist unit may lead, and which "
                            "evidence is likely to be purely digital.</p>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Key terms",
                            "terms": [
                                {
                                    "term": "Cyber-dependent offence",
                                    "definition": "An offence that cannot exist without a computer system, "
                                    "such as illegal access or data interference.",
                                },
                                {
                                    "term": "Cyber-enabled offence",
                                    "definition": "A traditional offence whose reach or scale is increased "
                                    "by using computers or networks.",
                                },
                            ],
                        },
                    ),
                ],
            },
            {
                "title": "Where digital evidence lives",
                "slug": "where-digital-evidence-lives",
                "estimated_minutes": 15,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>Digital evidence is rarely in one place. A single fraud may leave "
                            "traces on the victim's phone, the suspect's laptop, an e-mail "
                            "provider's servers, a bank's records and a hosting company in another "
                            "country. Each location has a different custodian and needs a different "
                            "legal route.</p><p>Start every case by listing the likely sources and "
                            "who holds them, then decide which need urgent preservation.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "note",
                            "title": "Volatile first",
                            "body": "<p>Data held by service providers may be deleted in "
                            "days. Ask for preservation early, then obtain it with "
                            "the proper order.</p>",
                        },
                    ),
                ],
            },
        ],
    },
    {
        "title": "Week 2: Preserving and obtaining evidence",
        "slug": "week-2",
        "release_offset_days": 7,
        "lessons": [
            {
                "title": "Preservation before production",
                "slug": "preservation-before-production",
                "estimated_minutes": 20,
                "body": [
                    (
                        "procedure",
                        {
                            "title": "Securing provider data",
                            "steps": [
                                {
                                    "title": "Identify the provider and the account",
                                    "detail": "Record identifiers exactly as they appear in the evidence.",
                                },
                                {
                                    "title": "Send a preservation request",
                                    "detail": "Ask the provider to keep the data while you obtain an order.",
                                },
                                {
                                    "title": "Obtain the order",
                                    "detail": "Apply for the production order your law provides.",
                                },
                                {
                                    "title": "Receive and verify",
                                    "detail": "Hash what you receive and record the chain of custody.",
                                },
                            ],
                        },
                    ),
                ],
            },
            {
                "title": "Legality and proportionality of orders",
                "slug": "legality-and-proportionality",
                "estimated_minutes": 20,
                "body": [
                    (
                        "callout",
                        {
                            "kind": "legal_safeguard",
                            "title": "Ask four questions",
                            "body": "<p>Is there a legal basis for this power? Is it "
                            "necessary, or would a narrower step do? Is its scope "
                            "proportionate to the offence? Who will review it, and "
                            "how is it recorded?</p>",
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": "A provider may delete the data within a week. What comes first?",
                            "choices": [
                                {
                                    "text": "A preservation request",
                                    "correct": True,
                                    "feedback": "Yes: it keeps the data while the order is obtained.",
                                },
                                {
                                    "text": "A production order only",
                                    "correct": False,
                                    "feedback": "The order may come too late; preserve first.",
                                },
                                {
                                    "text": "Nothing until a suspect is charged",
                                    "correct": False,
                                    "feedback": "Waiting risks losing the evidence altogether.",
                                },
                            ],
                            "explanation": "Preservation and production are separate steps.",
                        },
                    ),
                ],
            },
        ],
    },
    {
        "title": "Week 3: Working across borders",
        "slug": "week-3",
        "release_offset_days": 14,
        "prerequisite": "week-2",
        "lessons": [
            {
                "title": "Channels for international cooperation",
                "slug": "channels-for-cooperation",
                "estimated_minutes": 20,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>When evidence sits abroad, choose the channel that fits the "
                            "urgency and the kind of data: police-to-police contact points for "
                            "quick preservation, and mutual legal assistance for evidence that "
                            "must be admissible in court. Keep a record of every request and "
                            "reply: the court will ask how the evidence reached you.</p>"
                        ),
                    ),
                ],
            },
            {
                "title": "Review and next steps",
                "slug": "review-and-next-steps",
                "estimated_minutes": 10,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>You have followed a case from the first classification of the "
                            "offence to a request abroad. In the full programmes, each of these "
                            "steps becomes a module of its own, with exercises and quizzes.</p>"
                        ),
                    ),
                ],
            },
        ],
    },
]
