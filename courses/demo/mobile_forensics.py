"""Demo seed content: "Mobile Forensics" course (curriculum Programme D).

Plain data only: the seeding code reads COURSE, MODULES, EVIDENCE_FILES and DIAGRAMS.
Lesson bodies are lists of (block_type, value) pairs. Every case detail in
EVIDENCE_FILES (case numbers, names, hashes, tools) is fictional.

Main reference: NIST SP 800-101 Rev. 1, Guidelines on Mobile Device Forensics
(May 2014); see also ACPO Good Practice Guide v5 and ISO/IEC 27037:2012.
Timestamp examples were checked by computation.
"""

COURSE = {
    "title": "Mobile Forensics for Criminal Justice Practitioners",
    "slug": "mobile-forensics",
    "summary": (
        "How evidence on mobile phones is seized, preserved, extracted, analysed and "
        "presented in court, and how to keep every step lawful, necessary and proportionate."
    ),
    "description": (
        "<p>Mobile phones now feature in almost every criminal investigation, from fraud and "
        "drug supply to violent and sexual offences. This course follows a phone from the "
        "moment it is found to the moment its contents are explained in court, using the "
        "four phases described in NIST Special Publication 800-101 Revision 1: preservation, "
        "acquisition, examination and analysis, and reporting.</p><p>It is written for the "
        "whole justice chain:</p><ul><li>first responders learn what to do, and what not to "
        "do, at the scene;</li><li>investigators and examiners learn how extraction choices "
        "affect what can be recovered;</li><li>prosecutors and judges learn which questions "
        "to ask about tools, hashes, timestamps and the scope of a search.</li></ul><p>A "
        "human-rights thread runs through every module. For each decision you will test "
        "<strong>legality</strong>, <strong>necessity</strong>, "
        "<strong>proportionality</strong> and <strong>accountability</strong>, because a "
        "phone can reveal more about a person's private life than a search of their home.</p>"
    ),
    "audience": (
        "Police investigators, first responders, digital-forensic examiners, prosecutors and "
        "judges who handle, commission or assess evidence taken from mobile devices."
    ),
    "level": "intermediate",
    "estimated_hours": 8,
    "topics": [
        "mobile forensics",
        "digital evidence",
        "chain of custody",
        "human rights",
    ],
}

MODULES = [
    {
        "title": "The mobile evidence landscape",
        "slug": "mobile-evidence-landscape",
        "summary": (
            "Where evidence on and around a mobile device is found, which security features "
            "shape access to it, and what legal authority is needed before anyone looks."
        ),
        "lessons": [
            {
                "title": "Where mobile evidence lives",
                "slug": "where-mobile-evidence-lives",
                "summary": (
                    "Identify the main sources of mobile evidence, on the handset and beyond "
                    "it, and the four phases of a mobile examination."
                ),
                "estimated_minutes": 25,
                "free_preview": True,
                "body": [
                    (
                        "rich_text",
                        (
                            '<p>When investigators speak of "the phone", they usually mean '
                            "the handset in the evidence bag. In practice, the data that "
                            "matters may be spread across several places, some of them "
                            "controlled by people other than the suspect. Knowing where "
                            "evidence can live helps you seize the right items, draft orders "
                            "that cover the right sources and spot gaps in an examiner's "
                            "report.</p><p>NIST Special Publication 800-101 Revision 1, "
                            "<em>Guidelines on Mobile Device Forensics</em> (May 2014), "
                            "organises the work into four phases. The tools it names have "
                            "dated, but the structure remains a sound common reference for "
                            "police, prosecutors and courts.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "diagram": "nist_phases",
                            "alt": (
                                "Flow diagram with four boxes from left to right: "
                                "preservation, acquisition, examination and analysis, and "
                                "reporting."
                            ),
                            "caption": (
                                "The four phases of mobile device forensics in NIST SP "
                                "800-101 Rev. 1."
                            ),
                        },
                    ),
                    (
                        "heading",
                        {
                            "text": "Six places to look",
                            "level": "h2",
                        },
                    ),
                    (
                        "rich_text",
                        (
                            "<ul><li><strong>Internal memory.</strong> The handset's own "
                            "storage holds the operating system, apps and their databases, "
                            "photographs, messages, call history and location "
                            "records.</li><li><strong>The UICC (SIM card).</strong> The "
                            "operator's smart card stores the ICCID and IMSI, and may also "
                            "hold contacts, recently dialled numbers, SMS messages and "
                            "location area information.</li><li><strong>Memory "
                            "cards.</strong> Removable cards often contain photographs, "
                            "video and app data. In the laboratory they can usually be "
                            "imaged like other removable media.</li><li><strong>Paired "
                            "computers.</strong> Laptops and desktops used to back up or "
                            "synchronise the phone may hold older copies of its "
                            "content.</li><li><strong>Cloud accounts.</strong> Photographs, "
                            "messages, notes and whole backups are often synchronised to "
                            "services run by the platform or app "
                            "provider.</li><li><strong>Network-operator records.</strong> "
                            "Call detail records (CDRs) and subscriber data are held by the "
                            "operator, not on the handset, and are obtained through legal "
                            "process.</li></ul><p>Sources beyond the handset matter for two "
                            "reasons. They may survive when the phone is lost, damaged or "
                            "wiped. And they are usually governed by different legal powers, "
                            "held by different custodians and sometimes stored in other "
                            "countries, which affects how and how quickly they can be "
                            "obtained.</p>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Identifiers you will meet",
                            "terms": [
                                {
                                    "term": "UICC",
                                    "definition": (
                                        "Universal Integrated Circuit Card: the smart card, "
                                        "commonly called the SIM, that authenticates a "
                                        "subscriber to a mobile network."
                                    ),
                                },
                                {
                                    "term": "ICCID",
                                    "definition": (
                                        "Integrated Circuit Card Identifier: the serial "
                                        "number of the card itself, often printed on it."
                                    ),
                                },
                                {
                                    "term": "IMSI",
                                    "definition": (
                                        "International Mobile Subscriber Identity: the "
                                        "number the network uses to identify the subscriber "
                                        "linked to the card."
                                    ),
                                },
                                {
                                    "term": "IMEI",
                                    "definition": (
                                        "International Mobile Equipment Identity: the "
                                        "identifier of the handset, which stays with the "
                                        "phone when the SIM is changed."
                                    ),
                                },
                                {
                                    "term": "CDR",
                                    "definition": (
                                        "Call detail record: an operator's record of a call, "
                                        "message or data session, kept for billing and "
                                        "network purposes."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "Which identifier is stored on the UICC and tells the "
                                "network which subscriber is using the card?"
                            ),
                            "choices": [
                                {
                                    "text": "The IMSI",
                                    "correct": True,
                                    "feedback": (
                                        "Correct. The IMSI identifies the subscriber to the "
                                        "network and is held on the UICC."
                                    ),
                                },
                                {
                                    "text": "The IMEI",
                                    "correct": False,
                                    "feedback": (
                                        "No. The IMEI identifies the handset. It stays with "
                                        "the phone if a different SIM is inserted."
                                    ),
                                },
                                {
                                    "text": "The ICCID",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite. The ICCID is on the UICC, but it is the "
                                        "serial number of the card, not the subscriber "
                                        "identity the network uses."
                                    ),
                                },
                                {
                                    "text": "The CDR",
                                    "correct": False,
                                    "feedback": (
                                        "No. Call detail records are kept by the network "
                                        "operator and are not stored on the card."
                                    ),
                                },
                            ],
                            "explanation": (
                                "Telling card, subscriber and handset identifiers apart lets "
                                "you link a SIM, an account and a device, and address "
                                "requests to operators using the right identifier."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Security features that shape acquisition",
                "slug": "security-features-that-shape-acquisition",
                "summary": (
                    "Explain how encryption, lock screens and SIM PIN and PUK counters limit "
                    "extraction, and why unplanned unlocking attempts are dangerous."
                ),
                "estimated_minutes": 25,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>Modern smartphones are designed to protect their owners' "
                            "data, and those protections apply to investigators too. Three "
                            "features have the greatest practical effect on an "
                            "examination.</p><p><strong>Device encryption.</strong> Current "
                            "iOS and Android devices encrypt user data by default, with keys "
                            "tied to the device hardware and to the user's passcode. A copy "
                            "of the storage taken without those keys is of little use, which "
                            "is one reason why hardware techniques such as chip-off are far "
                            "less productive on recent phones than on older "
                            "models.</p><p><strong>Lock screens.</strong> A passcode, "
                            "pattern or biometric lock controls access to the interface. On "
                            "many devices much of the user data cannot be decrypted until "
                            "the passcode has been entered once after start-up, so a phone "
                            "found switched on may offer more options than the same phone "
                            "after a restart. Some devices can also be set to erase their "
                            "data after a number of failed attempts.</p><p><strong>UICC PIN "
                            "and PUK.</strong> The SIM card can have its own PIN, separate "
                            "from the handset passcode. As NIST notes, the card usually "
                            "allows three PIN attempts. After that a PIN Unblocking Key "
                            "(PUK) is needed, which the network operator can normally supply "
                            "in response to legal process. After ten wrong PUK entries the "
                            "card is permanently blocked and its contents may be lost to the "
                            "investigation.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "The counters do not reset for investigators",
                            "body": (
                                "<p>Every wrong PIN, PUK or passcode entry counts, whoever "
                                'makes it. Never try "obvious" codes such as 0000 or 1234 at '
                                "the scene. Record the lock state, photograph any on-screen "
                                "prompt and pass the device to a specialist, who can assess "
                                "the options and ask the operator for the PUK if it is "
                                "needed.</p>"
                            ),
                        },
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Security terms",
                            "terms": [
                                {
                                    "term": "UICC PIN",
                                    "definition": (
                                        "A short code protecting the SIM card. Usually three "
                                        "wrong attempts are allowed before the card demands "
                                        "the PUK."
                                    ),
                                },
                                {
                                    "term": "PUK",
                                    "definition": (
                                        "PIN Unblocking Key: an operator-issued code that "
                                        "unblocks the SIM PIN. Usually ten wrong attempts "
                                        "block the card permanently."
                                    ),
                                },
                                {
                                    "term": "Passcode",
                                    "definition": (
                                        "The handset's own lock code, pattern or password. "
                                        "On many devices it also protects the keys that "
                                        "decrypt user data."
                                    ),
                                },
                                {
                                    "term": "Before / after first unlock",
                                    "definition": (
                                        "Practitioners' shorthand for whether the passcode "
                                        "has been entered since the device last started, "
                                        "which strongly affects how much data is accessible."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "A SIM card has rejected three PIN entries. What is the "
                                "usual consequence?"
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "The card now requires the PUK, which the network "
                                        "operator can normally provide."
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct. The PIN is blocked, but the card can still "
                                        "be unblocked with the PUK if the proper process is "
                                        "followed."
                                    ),
                                },
                                {
                                    "text": (
                                        "The card is permanently blocked and its data is lost."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. Permanent blocking usually follows ten wrong "
                                        "PUK entries, not three wrong PINs."
                                    ),
                                },
                                {
                                    "text": (
                                        "The handset automatically erases its internal memory."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. The PIN counter belongs to the card. "
                                        "Erase-after-failures is a separate handset setting "
                                        "linked to the device passcode."
                                    ),
                                },
                            ],
                            "explanation": (
                                "The counters are small and unforgiving. Knowing them is the "
                                "best argument for leaving unlocking to specialists with "
                                "operator support and proper authority."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Legal authority for phones",
                "slug": "legal-authority-for-phones",
                "summary": (
                    "Decide whether a warrant or consent covers the handset, its "
                    "cloud-synchronised data and data that arrives after seizure."
                ),
                "estimated_minutes": 30,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>Seizing a phone and searching its contents are separate "
                            "intrusions, and many legal systems treat them separately. "
                            "Before any extraction, the investigator and, where relevant, "
                            "the prosecutor should be able to answer three questions in "
                            "writing.</p><ol><li><strong>Does the authority cover the "
                            "device?</strong> A warrant to search premises may allow the "
                            "phone to be seized, yet national law may require a further "
                            "order, or explicit wording, before its contents are examined. "
                            "Consent should be informed, voluntary, recorded and limited to "
                            "what was agreed; it can usually be "
                            "withdrawn.</li><li><strong>Does it cover cloud data?</strong> A "
                            "phone often displays content stored on a provider's servers, "
                            "sometimes abroad. Reaching it through the handset may amount to "
                            "searching a different system, which may need its own order, a "
                            "production order to the provider or international cooperation. "
                            "Send a preservation request first so that nothing is "
                            "lost.</li><li><strong>Does it cover data arriving after "
                            "seizure?</strong> NIST points out that messages or synchronised "
                            "files reaching a device after seizure raise scope questions. "
                            "Isolation prevents most of this; if new data appears, record it "
                            "and seek advice rather than reading it.</li></ol><p>Courts "
                            "increasingly recognise how much a phone reveals. In <em>Riley "
                            "v. California</em> (2014) the United States Supreme Court held "
                            "that police generally need a warrant to search the data on a "
                            "phone seized at arrest. In Europe, such questions are assessed "
                            "under Article 8 of the European Convention on Human Rights, and "
                            "Article 15 of the Budapest Convention requires search and "
                            "seizure powers to carry conditions and safeguards.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "legal_safeguard",
                            "title": "The four lenses applied to a phone search",
                            "body": (
                                "<ul><li><strong>Legality:</strong> name the legal basis and "
                                "check that its wording covers the device, any cloud data "
                                "and any post-seizure "
                                "data.</li><li><strong>Necessity:</strong> ask whether a "
                                "targeted extraction would meet the aim before choosing a "
                                "full image.</li><li><strong>Proportionality:</strong> limit "
                                "data categories, dates and persons to what the case "
                                "requires, and plan how irrelevant or privileged material "
                                "will be filtered.</li><li><strong>Accountability:</strong> "
                                "keep the authorisation, scope decisions and audit trail "
                                "together so that a court can review them.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "video",
                        {
                            "title": "Scope before software",
                            "duration_minutes": 3,
                            "transcript": (
                                "Before a phone goes anywhere near an extraction tool, I ask "
                                "every team the same question: what exactly are we allowed "
                                "to look at?\n"
                                "\n"
                                "A modern handset is not one container. It is a window onto "
                                "the owner's messages, photographs, health data, banking "
                                "apps and cloud accounts, and onto the private lives of "
                                "everyone they talk to. Extraction tools will happily "
                                "collect all of it. The law usually will not allow all of "
                                "it.\n"
                                "\n"
                                "So read the warrant or the consent form together with the "
                                "examiner. Agree which data categories, which date range and "
                                "which accounts are in scope, and write that agreement down. "
                                "If the phone is signed in to cloud services, decide whether "
                                "they are covered or whether a separate order or a request "
                                "to the provider is needed.\n"
                                "\n"
                                "And if something unexpected turns up, such as messages with "
                                "a lawyer, stop and ask. A court will understand a pause to "
                                "seek advice. It is far less understanding of an examiner "
                                "who carried on simply because the tool made it easy."
                            ),
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "A warrant authorises examination of a seized handset for "
                                "messages sent between 1 January and 8 March. During the "
                                "extraction the examiner sees that the phone is signed in to "
                                "a cloud photo service holding years of images. What is the "
                                "best course of action?"
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Record what was seen, leave the cloud content "
                                        "unopened and seek advice on a separate order or a "
                                        "request to the provider."
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct. The examination stays within the authority "
                                        "and the decision is documented for later review."
                                    ),
                                },
                                {
                                    "text": (
                                        "Download the cloud content now, in case the account "
                                        "is closed."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. The risk of loss is met by a preservation "
                                        "request to the provider, not by going beyond the "
                                        "warrant."
                                    ),
                                },
                                {
                                    "text": (
                                        "Review only the cloud images from the authorised "
                                        "date range."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "Tempting, but the warrant covers messages on the "
                                        "handset. The cloud service may be a separate system "
                                        "needing its own authority."
                                    ),
                                },
                            ],
                            "explanation": (
                                "Scope questions are legal questions. The examiner's job is "
                                "to notice them, record them and pass them to the "
                                "investigator and prosecutor, who can seek the right "
                                "authority."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "title": "Seizure and preservation",
        "slug": "seizure-and-preservation",
        "summary": (
            "How to secure, document, isolate, package and transport a mobile device so that "
            "its data is preserved and every step can be explained later."
        ),
        "lessons": [
            {
                "title": "Securing and documenting the scene",
                "slug": "securing-and-documenting-the-scene",
                "summary": (
                    "Carry out and record the first actions at a scene so that the device "
                    "and its context are preserved."
                ),
                "estimated_minutes": 25,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>The first minutes with a phone often decide how much "
                            "evidence survives. Responders are under pressure: the device "
                            "may be ringing, new messages may be appearing and the owner may "
                            "be demanding it back. A consistent routine protects both the "
                            "evidence and the officer.</p><p>Start with safety and "
                            "authority. Make the scene safe, confirm the legal basis for "
                            "seizure and note who is present. Then document before you "
                            "touch. Photographs of the device where it was found, of its "
                            "screen and of nearby chargers, cables, cards and packaging give "
                            "the examiner context and show the court the state of the device "
                            "at seizure.</p><p>Record the time shown on the handset next to "
                            "the time on a reliable reference clock. The difference, even a "
                            "few minutes, matters later when device timestamps are compared "
                            "with CCTV, witness accounts or operator records.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "diagram": "seizure_sequence",
                            "alt": (
                                "Flow diagram with six boxes from left to right: secure the "
                                "scene and check authority; document the device and its "
                                "clock; isolate it from networks; package, seal and keep it "
                                "powered; transport it with custody log entries; acquire and "
                                "hash it in the laboratory."
                            ),
                            "caption": "A typical preservation sequence for a seized mobile device.",
                        },
                    ),
                    (
                        "procedure",
                        {
                            "title": "Documenting a phone at the scene",
                            "steps": [
                                {
                                    "title": "Secure and assess",
                                    "detail": (
                                        "Make the area safe, confirm that the warrant or "
                                        "consent covers seizure and note everyone present."
                                    ),
                                },
                                {
                                    "title": "Photograph in place",
                                    "detail": (
                                        "Photograph the device where it lies, its screen, "
                                        "and any chargers, cables, packaging or notes that "
                                        "might record a passcode."
                                    ),
                                },
                                {
                                    "title": "Record the clock",
                                    "detail": (
                                        "Write down the date and time displayed on the "
                                        "handset beside a reference clock, with the time "
                                        "zone of each."
                                    ),
                                },
                                {
                                    "title": "Note the state",
                                    "detail": (
                                        "Record whether the device is on or off, locked or "
                                        "unlocked, its battery level if visible, and any "
                                        "messages or prompts on the screen."
                                    ),
                                },
                                {
                                    "title": "Leave cards in place",
                                    "detail": (
                                        "Do not remove the SIM or memory card at the scene. "
                                        "Note only whether a card tray is visible."
                                    ),
                                },
                                {
                                    "title": "Identify linked items",
                                    "detail": (
                                        "Seize or record any computer, tablet or watch "
                                        "paired with the phone, without connecting it to the "
                                        "handset."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Do not browse the phone",
                            "body": (
                                '<p>Scrolling through messages or photographs "just to '
                                'check" changes the device, may exceed the authority and '
                                "leaves no reliable record. If information is needed "
                                "urgently, for example where a life is at risk, follow your "
                                "unit's triage procedure and document every action and the "
                                "reason for it.</p>"
                            ),
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "Why should the handset's displayed time be recorded against "
                                "a reference clock at the scene?"
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "So that any offset can be taken into account when "
                                        "device timestamps are compared with other evidence."
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct. A recorded offset lets the analyst explain "
                                        "and allow for clock drift without altering the "
                                        "device."
                                    ),
                                },
                                {
                                    "text": (
                                        "So that the officer can reset the phone's clock to "
                                        "the correct time."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. Changing settings alters the device. Record the "
                                        "difference; never correct it on the handset."
                                    ),
                                },
                                {
                                    "text": (
                                        "Because phones always store timestamps in local time."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. Many artefacts are stored in UTC-based formats. "
                                        "The offset matters because the device clock itself "
                                        "may be wrong."
                                    ),
                                },
                            ],
                            "explanation": (
                                "The clock check takes seconds and can later decide whether "
                                "a message was sent before or after a key event."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Isolating the device from networks",
                "slug": "isolating-the-device",
                "summary": (
                    "Choose between the three basic radio-isolation methods and manage the "
                    "risks each one carries."
                ),
                "estimated_minutes": 25,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>A phone that stays connected keeps changing. Incoming "
                            "messages and calls can overwrite older records, apps can "
                            "synchronise or delete content, and the owner or an associate "
                            "may be able to lock or wipe the device remotely. Data arriving "
                            "after seizure may also fall outside the legal authority. "
                            "Isolating the device from cellular, Wi-Fi and Bluetooth "
                            "networks is therefore a core preservation step.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {
                            "text": "Three methods, three sets of risks",
                            "level": "h2",
                        },
                    ),
                    (
                        "rich_text",
                        (
                            "<ul><li><strong>Airplane mode.</strong> Turning the radios off "
                            "in the settings keeps the device running and avoids a passcode "
                            "prompt at restart. It does require handling the phone, which "
                            "must be recorded, and on many devices GPS may stay active, "
                            "while Wi-Fi or Bluetooth can be switched back on separately. "
                            "Check every radio indicator.</li><li><strong>Powering "
                            "off.</strong> This stops all communication and saves the "
                            "battery, but when the phone is started again it may demand a "
                            "passcode or PIN that was not needed before, and some data may "
                            "become harder to reach.</li><li><strong>Shielded (Faraday) "
                            "container.</strong> A bag or box that blocks radio signals "
                            "keeps the device on without interaction. While shielded, the "
                            "phone keeps searching for a network at higher power and drains "
                            "its battery quickly. A poorly closed bag, or a charging cable "
                            "running through the seal, can let signals in by acting as an "
                            "antenna.</li></ul><p>No method is perfect, so the choice should "
                            "reflect the device's state, the time before it reaches the "
                            "laboratory and the equipment available. Many units combine "
                            "measures, for example a shielded bag with a power bank sealed "
                            "inside it. In every case, break any link to a computer that "
                            "synchronises with the phone.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "note",
                            "title": "Record the method, not just the result",
                            "body": (
                                "<p>Write down which isolation method was used, when, by "
                                "whom and why, and note any sign that the device received "
                                "data afterwards. If the examiner later finds messages timed "
                                "after seizure, this record shows whether they arrived "
                                "before isolation or through a failed shield.</p>"
                            ),
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "Which of these is NOT one of the three basic "
                                "radio-isolation methods described in NIST SP 800-101 Rev. 1?"
                            ),
                            "choices": [
                                {
                                    "text": "Enabling airplane mode",
                                    "correct": False,
                                    "feedback": (
                                        "This is one of the three methods. Its drawbacks are "
                                        "that it requires handling the device and that some "
                                        "radios, such as GPS, may stay on."
                                    ),
                                },
                                {
                                    "text": "Turning the device off",
                                    "correct": False,
                                    "feedback": (
                                        "This is one of the three methods. Its drawback is "
                                        "that a passcode may be demanded at the next "
                                        "start-up."
                                    ),
                                },
                                {
                                    "text": "Placing the device in a shielded (Faraday) container",
                                    "correct": False,
                                    "feedback": (
                                        "This is one of the three methods. Watch the battery "
                                        "and the seal."
                                    ),
                                },
                                {
                                    "text": (
                                        "Removing the SIM card at the scene and leaving Wi-Fi on"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct. This isolates nothing: Wi-Fi keeps the "
                                        "phone connected, and NIST advises leaving SIM and "
                                        "memory cards in place at seizure."
                                    ),
                                },
                            ],
                            "explanation": (
                                "Each accepted method trades one risk for another. Choose "
                                "deliberately, record the choice and keep the isolation "
                                "intact until acquisition."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Packaging, transport, storage and on-site triage",
                "slug": "packaging-transport-and-triage",
                "summary": (
                    "Keep power and isolation intact from scene to laboratory, maintain "
                    "continuity and justify any on-site triage."
                ),
                "estimated_minutes": 30,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>Good work at the scene can be undone on the way to the "
                            "laboratory. A shielded bag opened for a quick look, a battery "
                            "that runs flat in a locker or a missing signature at a handover "
                            "can each become the focus of cross-examination.</p><p>Package "
                            "each device separately in a container that maintains isolation, "
                            "then seal and label it with the case number, exhibit reference "
                            "and seal number. Where the device is to stay on, keep a power "
                            "source inside the shield, and keep the time between seizure and "
                            "acquisition as short as possible. Store exhibits in a secure, "
                            "access-controlled area. Every handover, between officers and to "
                            "and from storage, should be logged with the date, time, names, "
                            "seal number and the condition of the seal.</p><p>The fictional "
                            "log below shows what this looks like in practice.</p>"
                        ),
                    ),
                    (
                        "evidence_file",
                        {
                            "file": "CA-2026-0147_seizure_log.txt",
                            "title": "Seizure and continuity log, case CA-2026-0147",
                            "description": (
                                "A fictional log for a handset seized under warrant. Note "
                                "how the clock offset, the isolation method, the seal number "
                                "and each handover are recorded, and the reason given for "
                                "not carrying out on-site triage."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "legal_safeguard",
                            "title": "On-site triage must be justified",
                            "body": (
                                "<p>Triage at the scene, such as a quick logical extraction "
                                "or a targeted look at recent messages, can be justified by "
                                "urgency, for example a threat to life or a missing child. "
                                "It is still a search. Record the legal basis, why it could "
                                "not wait for the laboratory, exactly what was done and with "
                                "which tool, and who authorised it. Where those conditions "
                                "are not met, package the device and send it for examination "
                                "under controlled conditions.</p>"
                            ),
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "The log for CA-2026-0147 shows the handset clock 4 minutes "
                                "12 seconds ahead of the reference clock. How should the "
                                "analyst use this?"
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Take the offset into account when comparing "
                                        "device-generated times with other evidence, and "
                                        "explain this in the report."
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct. The offset is applied in the analysis and "
                                        "disclosed, while the device and the extracted data "
                                        "stay unchanged."
                                    ),
                                },
                                {
                                    "text": (
                                        "Reset the handset clock before extraction so that "
                                        "all times are correct."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. That alters the device and destroys the "
                                        "evidence of the original offset."
                                    ),
                                },
                                {
                                    "text": (
                                        "Disregard it, because four minutes is too small to "
                                        "matter."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. Small offsets can decide the order of events, "
                                        "for example whether a call came before or after an "
                                        "incident captured on CCTV."
                                    ),
                                },
                                {
                                    "text": (
                                        "Edit the times in the extracted database to remove "
                                        "the offset."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. Extracted data must never be edited. "
                                        "Adjustments belong in the analysis and report, with "
                                        "the method stated."
                                    ),
                                },
                            ],
                            "explanation": (
                                "A clock offset is part of the evidence. Use it openly in "
                                "analysis; never use it to alter the source."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "title": "Acquisition",
        "slug": "acquisition",
        "summary": (
            "How acquisition methods are classified, what each extraction type recovers, how "
            "to approach obstructed devices, and how to validate tools and verify results "
            "with hashes."
        ),
        "lessons": [
            {
                "title": "The tool classification pyramid",
                "slug": "tool-classification-pyramid",
                "summary": (
                    "Place an acquisition method at its NIST level and explain the "
                    "trade-offs as the level rises."
                ),
                "estimated_minutes": 25,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>NIST SP 800-101 Rev. 1 groups acquisition methods into five "
                            "levels, often drawn as a pyramid. Higher levels are more "
                            "technical, more invasive, more costly and slower, and fewer "
                            "laboratories can perform them. Lower levels are quicker and "
                            "more widely available but usually recover "
                            "less.</p><ol><li><strong>Manual extraction.</strong> The "
                            "examiner operates the phone and records what the screen shows, "
                            "usually by photographing it. It works on most unlocked devices "
                            "but captures only what the interface displays and cannot reach "
                            "deleted data.</li><li><strong>Logical extraction.</strong> A "
                            "tool connects by cable or wireless link and asks the operating "
                            "system for data, much as a backup would. It is fast and widely "
                            "supported, but it depends on what the device agrees to "
                            "provide.</li><li><strong>Hex dump or JTAG.</strong> The "
                            "examiner obtains a raw copy of memory, either through the data "
                            "port, typically by loading special boot code, or by connecting "
                            "to test points on the circuit board (JTAG). Raw copies can "
                            "include deleted material but must be "
                            "decoded.</li><li><strong>Chip-off.</strong> The memory chip is "
                            "removed from the board and read in a dedicated reader. It is "
                            "destructive, demands specialist skill and, on encrypted "
                            "devices, may yield little readable data.</li><li><strong>Micro "
                            "read.</strong> The memory chip is examined under an electron "
                            "microscope to observe the physical state of its gates. It is "
                            "extremely costly and reserved for exceptional cases.</li></ol>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "diagram": "tool_levels",
                            "alt": (
                                "Flow diagram with five boxes from left to right: Level 1 "
                                "manual, Level 2 logical, Level 3 hex dump or JTAG, Level 4 "
                                "chip-off, Level 5 micro read. Cost, complexity and "
                                "invasiveness increase towards the right."
                            ),
                            "caption": (
                                "NIST tool classification levels, from least to most invasive."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "legal_safeguard",
                            "title": "Start at the lowest level that answers the question",
                            "body": (
                                "<p>Higher is not automatically better. Chip-off destroys "
                                "the handset as a working device and cannot be repeated, and "
                                "a broad extraction can collect far more than the case "
                                "requires. Choosing a level is a necessity and "
                                "proportionality decision: record why the chosen method was "
                                "needed, why a less invasive one would not do, and whether "
                                "the owner's property will be damaged.</p>"
                            ),
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "In the NIST SP 800-101 Rev. 1 tool classification system, "
                                "which level is chip-off?"
                            ),
                            "choices": [
                                {
                                    "text": "Level 2",
                                    "correct": False,
                                    "feedback": (
                                        "No. Level 2 is logical extraction, where a tool "
                                        "requests data from the operating system."
                                    ),
                                },
                                {
                                    "text": "Level 3",
                                    "correct": False,
                                    "feedback": (
                                        "No. Level 3 is hex dump or JTAG, which reads memory "
                                        "without removing the chip."
                                    ),
                                },
                                {
                                    "text": "Level 4",
                                    "correct": True,
                                    "feedback": (
                                        "Correct. Chip-off, in which the memory chip is "
                                        "removed and read directly, is Level 4."
                                    ),
                                },
                                {
                                    "text": "Level 5",
                                    "correct": False,
                                    "feedback": (
                                        "No. Level 5 is micro read, which examines the chip "
                                        "with an electron microscope."
                                    ),
                                },
                            ],
                            "explanation": (
                                "The order is 1 manual, 2 logical, 3 hex dump or JTAG, 4 "
                                "chip-off and 5 micro read. Each step up is more invasive, "
                                "more specialised and harder to repeat."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Extraction types and obstructed devices",
                "slug": "extraction-types-and-obstructed-devices",
                "summary": (
                    "Compare logical, file-system and physical extractions, and plan a "
                    "lawful, low-risk approach to locked or damaged phones."
                ),
                "estimated_minutes": 30,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>Tool vendors describe their products in terms that do not "
                            "map exactly onto the NIST levels, so practitioners need to know "
                            "what each extraction type actually "
                            "returns.</p><ul><li><strong>Logical extraction</strong> returns "
                            "the records the operating system exposes, such as contacts, "
                            "call logs, messages and media. Deleted entries and many app "
                            "databases are usually out of reach.</li><li><strong>File-system "
                            "extraction</strong> is a vendor category between NIST's logical "
                            "and physical levels. It copies files and folders, including app "
                            "databases (often SQLite), and so may reveal deleted records "
                            "still present inside those databases.</li><li><strong>Physical "
                            "extraction</strong> copies storage bit by bit, including "
                            "unallocated space. On modern encrypted phones its value depends "
                            "on whether the data can be decrypted.</li></ul>"
                        ),
                    ),
                    (
                        "heading",
                        {
                            "text": "When the device resists",
                            "level": "h2",
                        },
                    ),
                    (
                        "rich_text",
                        (
                            "<p>A locked, damaged or otherwise obstructed device calls for a "
                            "plan, not improvisation. NIST describes three families of "
                            "options. <strong>Investigative</strong> options look for the "
                            "passcode or the data elsewhere: a code written near the device, "
                            "a lawful request to the owner where national law allows it, a "
                            "backup on a paired computer or data held by a provider. "
                            "<strong>Software</strong> options use tools or services that "
                            "exploit weaknesses to bypass or recover the lock. "
                            "<strong>Hardware</strong> options, such as JTAG or chip-off, "
                            "work directly on the circuitry and are used mainly for damaged "
                            "devices.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Guessing passcodes can destroy evidence",
                            "body": (
                                "<p>Each wrong attempt may add delays, lock the device "
                                "further or, where erase-after-failures is enabled, wipe it. "
                                "Do not guess unless the risk has been assessed, the "
                                "decision approved and the reasons recorded.</p>"
                            ),
                        },
                    ),
                    (
                        "video",
                        {
                            "title": "Full image or targeted extraction?",
                            "duration_minutes": 3,
                            "transcript": (
                                "Prosecutors often ask me why the laboratory did not simply "
                                "take everything. Surely a full image is the safest choice?\n"
                                "\n"
                                "Technically, more data can mean more context. Deleted "
                                "messages, app databases and system logs may help to show "
                                "who used the phone and when. Legally, the question is "
                                "different. The authority may cover messages between two "
                                "people over three months. A full image captures years of "
                                "unrelated private life, including information about people "
                                "who are not suspected of anything.\n"
                                "\n"
                                "So the choice between a full image and a targeted "
                                "extraction is a question of necessity. If a targeted "
                                "logical or file-system extraction will answer the "
                                "investigative question, it is usually the better choice. If "
                                "a fuller acquisition is genuinely needed, for example "
                                "because the key messages were deleted, say so and explain "
                                "why.\n"
                                "\n"
                                "Whatever you decide, put the reasoning in the case file. A "
                                "judge reviewing the case later should see not only what was "
                                "collected, but why that amount was necessary."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Validating tools and verifying extractions",
                "slug": "validating-tools-and-verifying-extractions",
                "summary": (
                    "Validate tools, cross-check results and use SHA-256 hashes to show that "
                    "an extraction has not changed."
                ),
                "estimated_minutes": 35,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>Evidence from an extraction is only as reliable as the tools "
                            "that produced it. Mobile tools are updated constantly to "
                            "support new devices and apps, and each update can change what "
                            "is extracted or how it is decoded. A court is entitled to ask "
                            "how the examiner knows the tool worked correctly on this "
                            "device, in this version.</p><p>Three habits answer that "
                            "question. First, validate tools and versions before casework, "
                            "using published results such as those of the NIST Computer "
                            "Forensics Tool Testing (CFTT) programme together with the "
                            "laboratory's own tests on reference devices with known content. "
                            "Second, cross-check important findings with a second tool or by "
                            "inspecting the underlying database. Third, hash every "
                            "extraction file with a strong algorithm such as SHA-256 as soon "
                            "as it is created, and verify the hashes whenever a copy is made "
                            "or used.</p>"
                        ),
                    ),
                    (
                        "procedure",
                        {
                            "title": "Verifying an extraction",
                            "steps": [
                                {
                                    "title": "Hash at creation",
                                    "detail": (
                                        "Compute SHA-256 values for the container and each "
                                        "file as soon as acquisition ends, and record them."
                                    ),
                                },
                                {
                                    "title": "Protect the master copy",
                                    "detail": (
                                        "Store the original extraction read-only and work "
                                        "only on verified copies."
                                    ),
                                },
                                {
                                    "title": "Verify each working copy",
                                    "detail": (
                                        "Recompute the hashes when a working copy is made "
                                        "and compare them with the recorded values."
                                    ),
                                },
                                {
                                    "title": "Record any mismatch",
                                    "detail": (
                                        "Stop using the copy and log the file, both values, "
                                        "the time and who found it."
                                    ),
                                },
                                {
                                    "title": "Rebuild and re-verify",
                                    "detail": (
                                        "Verify the master again, make a new working copy "
                                        "from it, confirm its hashes and explain the "
                                        "incident in the report."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "evidence_file",
                        {
                            "file": "CA-2026-0147_extraction_report.txt",
                            "title": "Extraction report excerpt, case CA-2026-0147",
                            "description": (
                                "A fictional excerpt listing tools, validation record and "
                                "per-file SHA-256 values, followed by a second examiner's "
                                "check of working copy W1. One file failed."
                            ),
                        },
                    ),
                    (
                        "code",
                        {
                            "language": "shell",
                            "caption": (
                                "Re-verifying working copy W1 against the recorded values "
                                "with GNU sha256sum. The .sha256 file holds the five "
                                "per-file lines from the report."
                            ),
                            "code": (
                                "$ sha256sum -c CA-2026-0147_JT03_files.sha256\n"
                                "mmssms.db: OK\n"
                                "calllog.db: OK\n"
                                "contacts2.db: OK\n"
                                "msgapp_a/chat.sqlite: FAILED\n"
                                "msgapp_b/store.db: OK\n"
                                "sha256sum: WARNING: 1 computed checksum did NOT match\n"
                            ),
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "During verification of working copy W1, "
                                "msgapp_a/chat.sqlite fails its hash check. What should "
                                "happen next?"
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Record the failure, stop using W1, verify the "
                                        "master extraction and make a new verified working "
                                        "copy."
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct. The recorded hash of the master is the "
                                        "reference point, and the incident is disclosed."
                                    ),
                                },
                                {
                                    "text": (
                                        "Re-extract the phone and replace the recorded "
                                        "hashes with the new values."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. A new acquisition of a live device may "
                                        "legitimately differ, and replacing recorded values "
                                        "would hide the incident."
                                    ),
                                },
                                {
                                    "text": "Continue, since only one of five files is affected.",
                                    "correct": False,
                                    "feedback": (
                                        "No. A file that does not match its recorded hash "
                                        "cannot be relied on."
                                    ),
                                },
                                {
                                    "text": (
                                        "Delete W1 without comment, since the master is "
                                        "unaffected."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "No. The master may be fine, but the mismatch must "
                                        "be logged and explained to keep the audit trail "
                                        "complete."
                                    ),
                                },
                            ],
                            "explanation": (
                                "A mismatch caught, recorded and resolved openly does little "
                                "harm. Hiding it, or analysing an unverified copy, does."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "title": "Examination, reporting and rights",
        "slug": "examination-reporting-and-rights",
        "summary": (
            "How to interpret core artefacts and timestamps, protect integrity during "
            "analysis, report reproducibly and respect privacy when reviewing and presenting "
            "mobile evidence."
        ),
        "lessons": [
            {
                "title": "Core artefacts and decoding time",
                "slug": "core-artefacts-and-decoding-time",
                "summary": (
                    "Interpret the main artefacts on a phone and convert timestamps from "
                    "different epochs into UTC and a stated local time."
                ),
                "estimated_minutes": 40,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>Most examinations turn on a few artefact types: call "
                            "records, messages, app data, media and location. Apps usually "
                            "keep their data in SQLite databases, sets of tables that can be "
                            "queried directly. Analysis tools present the results neatly, "
                            "but the examiner should be able to show the raw record behind "
                            "any entry relied on in court.</p><p>Photographs and videos may "
                            "carry embedded metadata such as capture time, device model and, "
                            "where enabled, GPS coordinates. Location can also come from "
                            "system databases, app histories and operator records. Each "
                            "source has its own accuracy and meaning: a cell-site record "
                            "shows which mast served the phone, not the phone's exact "
                            "position.</p>"
                        ),
                    ),
                    (
                        "code",
                        {
                            "language": "sql",
                            "caption": (
                                "Listing one day's SMS messages (14 November 2023, UTC) from "
                                "an Android message database, with the raw millisecond "
                                "values converted to readable UTC."
                            ),
                            "code": (
                                "-- Android mmssms.db, table sms: date = Unix time in "
                                "milliseconds (UTC)\n"
                                "-- type 1 = received (inbox), 2 = sent\n"
                                "SELECT _id,\n"
                                "       address,\n"
                                "       datetime(date / 1000, 'unixepoch') AS date_utc,\n"
                                "       CASE type WHEN 1 THEN 'inbox' WHEN 2 THEN 'sent' "
                                "ELSE type END AS folder,\n"
                                "       body\n"
                                "FROM sms\n"
                                "WHERE date BETWEEN 1699920000000 AND 1700006399999  -- 14 "
                                "Nov 2023, 00:00 to 23:59 UTC\n"
                                "ORDER BY date;\n"
                            ),
                        },
                    ),
                    (
                        "heading",
                        {
                            "text": "Decoding timestamps",
                            "level": "h2",
                        },
                    ),
                    (
                        "rich_text",
                        (
                            "<p>Systems count time from different starting points (epochs) "
                            "and in different units. Before converting a value, identify its "
                            "source, epoch and unit. The number of digits is a useful first "
                            "clue: for recent dates, Unix seconds have 10 digits, Unix "
                            "milliseconds 13, Cocoa seconds 9 and WebKit microseconds 17. "
                            "Convert to UTC first, then give any local time with its offset, "
                            "and allow for the clock offset recorded at seizure.</p>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Common epochs",
                            "terms": [
                                {
                                    "term": "Unix time",
                                    "definition": (
                                        "Seconds, or in many Android databases milliseconds, "
                                        "since 1970-01-01 00:00:00 UTC."
                                    ),
                                },
                                {
                                    "term": "Apple Cocoa (Mac absolute) time",
                                    "definition": (
                                        "Seconds since 2001-01-01 00:00:00 UTC, which is "
                                        "978,307,200 seconds after the Unix epoch."
                                    ),
                                },
                                {
                                    "term": "WebKit / Chrome time",
                                    "definition": (
                                        "Microseconds since 1601-01-01 00:00:00 UTC, which "
                                        "is 11,644,473,600 seconds before the Unix epoch."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "code",
                        {
                            "language": "python",
                            "caption": (
                                "Three values from three sources, all describing the same "
                                "instant: 14 November 2023, 22:13:20 UTC."
                            ),
                            "code": (
                                "from datetime import datetime, timedelta, timezone\n"
                                "\n"
                                "UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)\n"
                                "COCOA_EPOCH = datetime(2001, 1, 1, tzinfo=timezone.utc)\n"
                                "WEBKIT_EPOCH = datetime(1601, 1, 1, tzinfo=timezone.utc)\n"
                                "\n"
                                "sms = UNIX_EPOCH + timedelta(milliseconds=1700000000000)  # "
                                "Android SMS\n"
                                "ios = COCOA_EPOCH + timedelta(seconds=721692800)  # iOS app "
                                "database\n"
                                "web = WEBKIT_EPOCH + "
                                "timedelta(microseconds=13344473600000000)  # browser\n"
                                "\n"
                                "for value in (sms, ios, web):\n"
                                "    print(value.isoformat())  # 2023-11-14T22:13:20+00:00 "
                                "each time\n"
                                "\n"
                                "utc_minus_5 = timezone(timedelta(hours=-5))\n"
                                "print(ios.astimezone(utc_minus_5).isoformat())\n"
                                "# 2023-11-14T17:13:20-05:00  (the same instant at UTC-5)\n"
                            ),
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "An iOS database column stores 721692800 as Apple Cocoa (Mac "
                                "absolute) time. What instant is this in UTC?"
                            ),
                            "choices": [
                                {
                                    "text": "1992-11-13 22:13:20",
                                    "correct": False,
                                    "feedback": (
                                        "No. That is the result of reading the value as Unix "
                                        "time, counting from 1970 instead of 2001."
                                    ),
                                },
                                {
                                    "text": "2023-11-14 22:13:20",
                                    "correct": True,
                                    "feedback": (
                                        "Correct. Adding 978,307,200 gives Unix time "
                                        "1,700,000,000, which is 2023-11-14 22:13:20 UTC."
                                    ),
                                },
                                {
                                    "text": "2054-11-14 22:13:20",
                                    "correct": False,
                                    "feedback": (
                                        "No. That is what you get by adding the "
                                        "978,307,200-second offset twice."
                                    ),
                                },
                                {
                                    "text": "1623-11-14 22:13:20",
                                    "correct": False,
                                    "feedback": (
                                        "No. That comes from counting from 1601, the WebKit "
                                        "epoch, instead of 2001."
                                    ),
                                },
                            ],
                            "explanation": (
                                "Identify the epoch before converting, then report in UTC "
                                "and, if needed, local time with its offset: at UTC-5 this "
                                "instant is 17:13:20 on 14 November 2023."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Integrity, reporting and the audit trail",
                "slug": "integrity-reporting-and-audit-trail",
                "summary": (
                    "Explain hash differences between acquisitions and write a report that "
                    "lets an independent examiner repeat the work."
                ),
                "estimated_minutes": 30,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>A hash shows that a file has not changed since the hash was "
                            "recorded. It does not promise that two acquisitions of the same "
                            "live phone will be identical. A running phone keeps writing to "
                            "storage, updating logs, counters and caches even when isolated, "
                            "and extraction tools add their own metadata, such as the "
                            "acquisition time, to the output. Two acquisitions of a live "
                            "phone therefore usually produce different whole-container "
                            "hashes, while files that did not change, such as a message "
                            "database, usually produce the same hash.</p><p>This kind of "
                            "difference is expected and can be explained file by file. What "
                            "matters is that the extraction relied on in court matches the "
                            "hash recorded when it was made.</p>"
                        ),
                    ),
                    (
                        "evidence_file",
                        {
                            "file": "CA-2026-0147_reacquisition_comparison.txt",
                            "title": "Comparison of two acquisitions, case CA-2026-0147",
                            "description": (
                                "A fictional repeatability check in which the live handset "
                                "was acquired twice, back to back. The container hashes "
                                "differ; check the per-file results and the examiner's "
                                "explanation."
                            ),
                        },
                    ),
                    (
                        "heading",
                        {
                            "text": "Writing a reproducible report",
                            "level": "h2",
                        },
                    ),
                    (
                        "procedure",
                        {
                            "title": "What the report should contain",
                            "steps": [
                                {
                                    "title": "Authority and scope",
                                    "detail": (
                                        "Cite the warrant or consent, the data categories "
                                        "and dates covered, and any scope decisions taken."
                                    ),
                                },
                                {
                                    "title": "Exhibit and continuity",
                                    "detail": (
                                        "Describe the device, its identifiers, seal number "
                                        "and condition on receipt, and refer to the custody "
                                        "log."
                                    ),
                                },
                                {
                                    "title": "Tools and versions",
                                    "detail": (
                                        "List each tool and version with its validation "
                                        "record and any cross-checking tool."
                                    ),
                                },
                                {
                                    "title": "Steps taken",
                                    "detail": (
                                        "Record each step in order, with times and settings, "
                                        "so that another examiner could repeat it."
                                    ),
                                },
                                {
                                    "title": "Hash values",
                                    "detail": (
                                        "Give SHA-256 values for the extraction and key "
                                        "files, and the result of each verification."
                                    ),
                                },
                                {
                                    "title": "Findings and limitations",
                                    "detail": (
                                        "Separate observation from interpretation, and state "
                                        "what could not be recovered, the clock offset and "
                                        "any time-zone assumptions."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "legal_safeguard",
                            "title": "Accountability through the audit trail",
                            "body": (
                                "<p>ACPO principle 3 calls for an audit trail that lets an "
                                "independent third party repeat the process and reach the "
                                "same result. ISO/IEC 27037 sets similar expectations, "
                                "usually summarised as auditability, repeatability, "
                                "reproducibility and justifiability. A complete report and "
                                "custody chain keep the examination open to challenge, which "
                                "is what allows a court to trust it.</p>"
                            ),
                        },
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": (
                                "A defence expert repeats the acquisition of the live "
                                "handset and obtains a different container hash. Which "
                                "explanation is most likely?"
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "The phone and the tool both write new data, so the "
                                        "containers differ, while unchanged files should "
                                        "still match."
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct. Compare file by file and explain any file "
                                        "that differs."
                                    ),
                                },
                                {
                                    "text": (
                                        "The original extraction must have been tampered with."
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "Not necessarily. Tampering is tested by re-hashing "
                                        "the original extraction against its own recorded "
                                        "value."
                                    ),
                                },
                                {
                                    "text": "SHA-256 is unreliable for mobile devices.",
                                    "correct": False,
                                    "feedback": (
                                        "No. SHA-256 reliably detects change; here it is "
                                        "detecting real changes between two moments in the "
                                        "device's life."
                                    ),
                                },
                            ],
                            "explanation": (
                                "Integrity is shown by matching each extraction to its own "
                                "recorded hash, not by expecting two acquisitions of a "
                                "changing device to be identical."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Privacy, proportionality and testimony",
                "slug": "privacy-proportionality-and-testimony",
                "summary": (
                    "Keep review within the authority, handle privileged material properly "
                    "and explain your choices clearly in court."
                ),
                "estimated_minutes": 35,
                "free_preview": False,
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>A full extraction of a smartphone can contain years of "
                            "messages, photographs, health and financial information, and "
                            "private details of people with no link to the case. Holding "
                            "that data is itself an interference with private life, so the "
                            "examination must stay within the authority and be proportionate "
                            "to its aim.</p><p>In practice this means filtering at two "
                            "points. At acquisition, choose the least intrusive extraction "
                            "that will answer the investigative question. At review, use the "
                            "authorised date ranges, contacts, apps and keywords to limit "
                            "what investigators see, and set aside material that is out of "
                            "scope. Privileged material, such as communications with a "
                            "lawyer, and other categories protected by national law should "
                            "be handled under an agreed protocol, often by an independent "
                            "reviewer, before the investigation team sees them.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "diagram": "privacy_filter",
                            "alt": (
                                "Flow diagram with six boxes from left to right: confirm "
                                "authority and scope; targeted extraction; filter by date, "
                                "app and contact; privilege review; investigator review; "
                                "record choices in the report."
                            ),
                            "caption": (
                                "Filtering mobile data so that review stays within the authority."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "legal_safeguard",
                            "title": "Explaining your choices to a judge",
                            "body": (
                                "<p>Be ready to explain what the authority allowed, what was "
                                "extracted and why that amount was necessary, how irrelevant "
                                "and privileged material was filtered, and who had access to "
                                "the full extraction. Retention and deletion of out-of-scope "
                                "data should follow national law and be recorded.</p>"
                            ),
                        },
                    ),
                    (
                        "video",
                        {
                            "title": "Giving evidence about a phone",
                            "duration_minutes": 3,
                            "transcript": (
                                "When you give evidence about a mobile examination, the "
                                "court is not really assessing the tool. It is assessing "
                                "you, and whether your work can be trusted.\n"
                                "\n"
                                "Know your report, your tools and their versions, and your "
                                "hash values. Be able to explain in plain words what a "
                                "logical or file-system extraction is, and why you chose it.\n"
                                "\n"
                                'Keep facts and opinions apart. "This message is stored in '
                                'the database with this timestamp" is something you '
                                'observed. "The defendant sent this message" is an '
                                "inference, because someone else may have used the phone. If "
                                "you draw an inference, explain your reasoning and how "
                                "confident you are.\n"
                                "\n"
                                "Be open about limitations: data you could not recover, "
                                "decoding you checked by hand, the clock offset, the time "
                                "zone. A limitation stated in your report is a detail. One "
                                "discovered by the defence in cross-examination can "
                                "undermine everything else you say.\n"
                                "\n"
                                "And if you are asked about privacy, do not be defensive. "
                                "Explain how the scope was set, how material was filtered "
                                "and who saw what. That is accountability."
                            ),
                        },
                    ),
                    (
                        "further_reading",
                        {
                            "links": [
                                {
                                    "title": (
                                        "NIST SP 800-101 Rev. 1, Guidelines on Mobile Device "
                                        "Forensics"
                                    ),
                                    "url": "https://csrc.nist.gov/pubs/sp/800/101/r1/final",
                                    "description": (
                                        "The source of the four phases, isolation methods "
                                        "and tool levels used in this course."
                                    ),
                                },
                                {
                                    "title": "ISO/IEC 27037:2012 (catalogue page)",
                                    "url": "https://www.iso.org/standard/44381.html",
                                    "description": (
                                        "International guidance on identifying, collecting, "
                                        "acquiring and preserving digital evidence."
                                    ),
                                },
                                {
                                    "title": "Council of Europe: the Budapest Convention",
                                    "url": "https://www.coe.int/en/web/cybercrime/the-budapest-convention",
                                    "description": (
                                        "Procedural powers and the conditions and safeguards "
                                        "of Article 15."
                                    ),
                                },
                                {
                                    "title": (
                                        "UNODC E4J Cybercrime Module 10: Privacy and Data "
                                        "Protection"
                                    ),
                                    "url": (
                                        "https://sherloc.unodc.org/cld/en/education/"
                                        "tertiary/cybercrime/module-10/"
                                        "introduction-and-learning-outcomes.html"
                                    ),
                                    "description": "A university module on privacy as a human right.",
                                },
                                {
                                    "title": "Apple developer documentation: CFAbsoluteTime",
                                    "url": (
                                        "https://developer.apple.com/documentation/"
                                        "corefoundation/cfabsolutetime"
                                    ),
                                    "description": (
                                        "Apple's definition of absolute time and its 2001 "
                                        "reference date."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
            },
        ],
    },
]

EVIDENCE_FILES = {
    "CA-2026-0147_seizure_log.txt": (
        "CYBERCRIME ACADEMY - TRAINING MATERIAL - FICTIONAL CASE DATA\n"
        "EXHIBIT SEIZURE AND CONTINUITY LOG\n"
        "\n"
        "Case number     : CA-2026-0147\n"
        "Exhibit ref.    : JT/03 (mobile handset)\n"
        "Authority       : Search warrant SW-2026-0388, issued 09/03/2026 by\n"
        "                  District Judge M. Okafor. Covers seizure of the handset\n"
        "                  and examination of SMS, call records, contacts and\n"
        "                  messaging apps A and B, 01/01/2026 to 08/03/2026.\n"
        "Seizing officer : DC Jana Tomic (first responder, badge 4471)\n"
        "Location        : 14 Harbour Row, flat 2, kitchen table\n"
        "Local time zone : UTC+1\n"
        "\n"
        "DEVICE\n"
        "  Description   : black smartphone, cracked top-left corner of screen\n"
        "  IMEI (label)  : 353918104875121\n"
        "  SIM tray      : present, NOT opened (SIM and memory card left in place)\n"
        "  Screen        : on, locked, message preview visible on lock screen\n"
        "  Battery       : 31 % shown on lock screen\n"
        "\n"
        "TIME CHECK\n"
        "  Handset clock   : 10:42:12\n"
        "  Reference clock : 10:38:00 (unit radio-controlled clock, UTC+1)\n"
        "  Offset          : handset 4 min 12 s AHEAD of reference\n"
        "\n"
        "ACTIONS\n"
        "  10:38  Photographs P01-P09: device in place, screen, charger, cables\n"
        "  10:41  Placed in shielded bag SB-22 with power bank sealed inside;\n"
        "         no cable passes through the seal. Airplane mode not used\n"
        "         (would require handling the device).\n"
        "  10:44  Bag sealed, seal no. 00481207, label signed by DC Tomic\n"
        "  10:52  Laptop on desk recorded as exhibit JT/04; it was not connected\n"
        "         to the handset and was not connected to it afterwards.\n"
        "  10:55  On-site triage NOT performed. Reason: no urgent risk to life\n"
        "         or safety identified; full laboratory examination requested.\n"
        "\n"
        "CONTINUITY\n"
        "  Date        Time   From              To                 Seal      Condition\n"
        "  09/03/2026  11:30  DC J. Tomic       PC R. Haddad       00481207  intact\n"
        "  09/03/2026  13:05  PC R. Haddad      Exhibits store     00481207  intact\n"
        "  10/03/2026  08:50  Exhibits store    E. Lindqvist (DFU) 00481207  intact\n"
    ),
    "CA-2026-0147_extraction_report.txt": (
        "CYBERCRIME ACADEMY - TRAINING MATERIAL - FICTIONAL CASE DATA\n"
        "EXTRACTION REPORT (EXCERPT)\n"
        "\n"
        "Case / exhibit   : CA-2026-0147 / JT/03\n"
        "Examiner         : E. Lindqvist, Digital Forensic Unit\n"
        "Seal on receipt  : 00481207 intact, 10/03/2026 08:50 local (UTC+1)\n"
        "Primary tool     : MobiGrab Examiner 9.2.1 (fictional)\n"
        "Validation       : lab reference set RS-14, 02/02/2026, record VAL-2026-011\n"
        "Cross-check tool : PhoneLens 4.0.3 (fictional)\n"
        "Extraction type  : file-system (vendor category between NIST levels 2\n"
        "                   and 3); review limited to SMS, call log, contacts and\n"
        "                   messaging apps A and B (as named in the warrant)\n"
        "Start / end      : 2026-03-10 08:14:05 / 08:31:47 UTC\n"
        "Container        : CA-2026-0147_JT03_filesystem.zip\n"
        "Container SHA-256: 9077fa628313d592524d716679ef30637074cf1cb0604197b453c063fea0e471\n"
        "\n"
        "PER-FILE SHA-256 VALUES RECORDED AT EXTRACTION\n"
        "423fe54d07bb9c9aaceb93947de5aec931a5a16f2cef512eb186cb740b5838b9  mmssms.db\n"
        "a00eb40186dd584fedf9548a81c24cc1aba6ba22c4c06ced26a5512ab77b151f  calllog.db\n"
        "65593fa3de2289d23b560ee29cb9c0d74f55184fd10e3cb0f8f16c27f3eaa045  contacts2.db\n"
        "5f6762a5076b164b80414f0b3f9d4816a9b7a9ce0c12a15bcd582e4d0a334e2d  "
        "msgapp_a/chat.sqlite\n"
        "98392bb42a6bf33c56381d9503a3f7aad92e251b0c13bb9614291af431e6389e  msgapp_b/store.db\n"
        "\n"
        "VERIFICATION OF WORKING COPY W1\n"
        "Second examiner : S. Adeyemi, 11/03/2026 09:20 UTC\n"
        "  mmssms.db             OK\n"
        "  calllog.db            OK\n"
        "  contacts2.db          OK\n"
        "  msgapp_a/chat.sqlite  FAILED\n"
        "      computed: 66df0e328c272b227fb8e65368b149a0bc475d1ea0e7149631af28ac2d5a536e\n"
        "  msgapp_b/store.db     OK\n"
    ),
    "CA-2026-0147_reacquisition_comparison.txt": (
        "CYBERCRIME ACADEMY - TRAINING MATERIAL - FICTIONAL CASE DATA\n"
        "COMPARISON OF TWO ACQUISITIONS - CA-2026-0147 / JT/03\n"
        "Repeatability check under laboratory procedure LP-7. The handset stayed\n"
        "powered in the laboratory's shielded enclosure between acquisitions.\n"
        "\n"
        "Local time zone of the laboratory: UTC+1. All times below are UTC.\n"
        "\n"
        "ACQUISITION A  2026-03-10 08:14:05 UTC  MobiGrab Examiner 9.2.1\n"
        "  Container SHA-256: "
        "9077fa628313d592524d716679ef30637074cf1cb0604197b453c063fea0e471\n"
        "ACQUISITION B  2026-03-10 09:02:40 UTC  MobiGrab Examiner 9.2.1\n"
        "  Container SHA-256: "
        "e8f374ea981fb565c67cffc5b5ea032227eed6d5987f7af1c6567715cc1c31aa\n"
        "Container hashes: DIFFERENT\n"
        "\n"
        "FILE-LEVEL COMPARISON (first 12 hex digits; full values in annex C)\n"
        "  File                  Acquisition A   Acquisition B   Result\n"
        "  mmssms.db             423fe54d07bb    423fe54d07bb    match\n"
        "  calllog.db            a00eb40186dd    a00eb40186dd    match\n"
        "  contacts2.db          65593fa3de22    65593fa3de22    match\n"
        "  msgapp_a/chat.sqlite  5f6762a5076b    5f6762a5076b    match\n"
        "  msgapp_b/store.db     98392bb42a6b    98392bb42a6b    match\n"
        "  device_info.txt       d983dd51d30d    6aba613b922a    DIFFERENT\n"
        "\n"
        "EXAMINER NOTE (E. Lindqvist)\n"
        "device_info.txt is written by the extraction tool at each run. It records\n"
        "the acquisition time, the handset clock and the battery level, so it\n"
        "changes every time. The container also stores the acquisition time.\n"
        "All five evidential databases match their values from acquisition A.\n"
    ),
}

DIAGRAMS = {
    "nist_phases": {
        "title": "Phases of mobile device forensics (NIST SP 800-101 Rev. 1)",
        "steps": [
            "Preservation",
            "Acquisition",
            "Examination and analysis",
            "Reporting",
        ],
    },
    "seizure_sequence": {
        "title": "Preserving a seized mobile device",
        "steps": [
            "Secure scene and authority",
            "Document device and clock",
            "Isolate from networks",
            "Package, seal, keep powered",
            "Transport with custody log",
            "Acquire and hash in lab",
        ],
    },
    "tool_levels": {
        "title": "NIST tool classification levels",
        "steps": [
            "Level 1: Manual",
            "Level 2: Logical",
            "Level 3: Hex dump / JTAG",
            "Level 4: Chip-off",
            "Level 5: Micro read",
        ],
    },
    "privacy_filter": {
        "title": "Keeping review within the authority",
        "steps": [
            "Confirm authority and scope",
            "Targeted extraction",
            "Filter by date, app, contact",
            "Privilege review",
            "Investigator review",
            "Record choices in report",
        ],
    },
}
