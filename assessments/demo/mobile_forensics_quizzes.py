"""Demo seed content: quizzes for the "Mobile Forensics" course (curriculum Programme D).

Plain data only: the seeding code reads QUIZ_FILES, QUESTIONS and QUIZZES. Module slugs refer
to MODULES in courses/demo/mobile_forensics.py, and evidence files may come from QUIZ_FILES or
from that module's EVIDENCE_FILES. Every case detail is fictional.

Timestamps, time differences and epoch offsets used below were checked by computation. An
expected value written "sha256:<file>" is the SHA-256 of that file's text encoded as UTF-8;
the seeder computes it, so the digest is not written here.
"""

QUIZ_FILES = {
    "handset-export-CA-2026-0147.txt": (
        "CYBERCRIME ACADEMY - TRAINING MATERIAL - FICTIONAL CASE DATA\n"
        "HANDSET EXPORT SUMMARY\n"
        "\n"
        "Case / exhibit  : CA-2026-0147 / JT/03\n"
        "Prepared by     : E. Lindqvist, Digital Forensic Unit\n"
        "Source          : master extraction CA-2026-0147_JT03_filesystem.zip\n"
        "Scope           : SMS, call log, contacts, messaging apps A and B,\n"
        "                  01/01/2026 to 08/03/2026 (warrant SW-2026-0388)\n"
        "Export created  : 2026-03-11 10:05:32 UTC\n"
        "\n"
        "RECORD COUNTS WITHIN SCOPE\n"
        "  Contacts                 : 214\n"
        "  Call log entries         : 1,387\n"
        "  SMS messages             : 962\n"
        "  Messaging app A messages : 4,105\n"
        "  Messaging app B messages : 688\n"
        "\n"
        "FILTERS APPLIED\n"
        "  Date filter   : 2026-01-01 00:00:00 to 2026-03-08 23:59:59 (UTC+1)\n"
        "  Set aside     : 37 messages with a law firm, sealed for\n"
        "                  independent privilege review (protocol PR-3)\n"
        "  Not extracted : photographs, browser history, health data,\n"
        "                  cloud accounts (outside the warrant)\n"
        "\n"
        "NOTE\n"
        "This file is handed to the investigation team. Compute its SHA-256\n"
        "on receipt and record the value in the exhibit continuity log.\n"
    ),
    "CA-2026-0147_msgapp_a_excerpt.txt": (
        "CYBERCRIME ACADEMY - TRAINING MATERIAL - FICTIONAL CASE DATA\n"
        "DATABASE EXCERPT - CA-2026-0147 / JT/03 (Android handset)\n"
        "\n"
        "Source   : msgapp_a/chat.sqlite, table messages\n"
        "Copy     : working copy W2, made from the master extraction and\n"
        "           verified against the recorded SHA-256 on 11/03/2026\n"
        "Columns  : id, ts (raw value as stored), direction, peer\n"
        "Note     : ts is shown exactly as stored, not converted.\n"
        "           The handset clock was 4 min 12 s ahead at seizure.\n"
        "\n"
        "  id    ts              direction  peer\n"
        "  5517  1772917121077   in         +44 7700 900418\n"
        "  5518  1772917333904   out        +44 7700 900418\n"
        "  5519  1772919052260   in         +44 7700 900733\n"
        "  5520  1772919067515   out        +44 7700 900733\n"
        "  5521  1772920025318   out        +44 7700 900418\n"
        "  5522  1772953964631   in         +44 7700 900418\n"
        "\n"
        "Message bodies are withheld from this excerpt.\n"
    ),
    "CA-2026-0213_MK01_photos_excerpt.txt": (
        "CYBERCRIME ACADEMY - TRAINING MATERIAL - FICTIONAL CASE DATA\n"
        "DATABASE EXCERPT - CA-2026-0213 / MK/01 (iPhone)\n"
        "\n"
        "Authority : warrant SW-2026-0412, photographs taken 01/02/2026 to\n"
        "            28/02/2026\n"
        "Source    : photo library database, table ZASSET\n"
        "Columns   : Z_PK, ZFILENAME, ZDATECREATED (raw value as stored)\n"
        "Note      : ZDATECREATED is an Apple Cocoa (Mac absolute) time value.\n"
        "            The laboratory is in time zone UTC+1.\n"
        "\n"
        "  Z_PK  ZFILENAME      ZDATECREATED\n"
        "  1408  IMG_0412.HEIC  792784711.205\n"
        "  1409  IMG_0413.HEIC  792785109.742\n"
        "  1410  IMG_0414.MOV   792785215.019\n"
        "  1411  IMG_0415.HEIC  792840003.488\n"
    ),
}

QUESTIONS = [
    # ------------------------------------------------------------------ Module 1
    {
        "key": "m1-q1",
        "category": "Mobile forensics – Module 1",
        "type": "matching",
        "title": "Match each identifier to what it identifies",
        "text": (
            "<p>Investigators often need to link a SIM card, a subscriber account and a "
            "handset. Match each identifier to the thing it identifies. One description "
            "on the right matches none of them.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "The ICCID and IMSI live on the UICC: the first numbers the card, the second "
            "identifies the subscriber to the network. The IMEI belongs to the handset and "
            "does not change when a different SIM is inserted. Call detail records are held "
            "by the operator and must be obtained through legal process. A screen passcode "
            "is not an identifier at all."
        ),
        "answers": [
            (
                "matching_pair",
                {"prompt": "IMSI", "answer": "The subscriber, as the mobile network knows them"},
            ),
            (
                "matching_pair",
                {"prompt": "ICCID", "answer": "The SIM card itself (its serial number)"},
            ),
            (
                "matching_pair",
                {"prompt": "IMEI", "answer": "The handset, whichever SIM is inserted"},
            ),
            (
                "matching_pair",
                {
                    "prompt": "CDR",
                    "answer": "A call, message or data session, as recorded by the operator",
                },
            ),
            (
                "matching_pair",
                {"prompt": "", "answer": "The code that unlocks the handset's screen"},
            ),
        ],
    },
    {
        "key": "m1-q2",
        "category": "Mobile forensics – Module 1",
        "type": "multiple",
        "title": "What the UICC (SIM card) can hold",
        "text": (
            "<p>A phone's SIM card (UICC) is sent to the laboratory. Which of the following "
            "may be stored <strong>on the card itself</strong>? Select all that apply. Wrong "
            "selections cost marks.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "NIST SP 800-101 Rev. 1 lists the ICCID, the IMSI, contacts, recently dialled "
            "numbers, SMS messages and location area information among the data a UICC may "
            "hold. Call detail records stay with the network operator, and app databases "
            "live in the handset's internal memory, so each of those needs a different "
            "source and often a different legal power."
        ),
        "answers": [
            (
                "choice",
                {
                    "text": "The ICCID",
                    "weight": 25,
                    "feedback": "Yes. The ICCID is the card's own serial number and is stored on it (and often printed on it).",
                },
            ),
            (
                "choice",
                {
                    "text": "The IMSI",
                    "weight": 25,
                    "feedback": "Yes. The IMSI, which identifies the subscriber to the network, is held on the card.",
                },
            ),
            (
                "choice",
                {
                    "text": "SMS messages",
                    "weight": 25,
                    "feedback": "Yes. The card has a small area for SMS messages, although most phones now store messages in internal memory.",
                },
            ),
            (
                "choice",
                {
                    "text": "Recently dialled numbers",
                    "weight": 25,
                    "feedback": "Yes. A list of last numbers dialled can be kept on the card.",
                },
            ),
            (
                "choice",
                {
                    "text": "The operator's call detail records (CDRs) for the account",
                    "weight": -50,
                    "feedback": "No. CDRs are created and kept by the network operator, not on the card, and are obtained from the operator through legal process.",
                },
            ),
            (
                "choice",
                {
                    "text": "The databases of messaging apps installed on the phone",
                    "weight": -50,
                    "feedback": "No. App databases are stored in the handset's internal memory (and sometimes in the cloud), not on the UICC.",
                },
            ),
        ],
    },
    {
        "key": "m1-q3",
        "category": "Mobile forensics – Module 1",
        "type": "true_false",
        "title": "Three wrong SIM PIN entries",
        "text": (
            "<p>True or false? Once a SIM card has rejected three wrong PIN entries, it is "
            "permanently blocked and its contents are lost to the investigation.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "False. Three wrong PINs usually block the PIN, not the card. The card then asks "
            "for the PIN Unblocking Key (PUK), which the network operator can normally supply "
            "in response to legal process. Permanent blocking usually follows ten wrong PUK "
            "entries. Because every wrong entry counts, whoever makes it, unlocking should be "
            "left to specialists."
        ),
        "answers": [],
        "correct_is_true": False,
    },
    {
        "key": "m1-q4",
        "category": "Mobile forensics – Module 1",
        "type": "short",
        "title": "The code that unblocks a SIM PIN",
        "text": (
            "<p>A SIM card has blocked its PIN after three wrong attempts. Which code, "
            "normally issued by the network operator, is now needed to unblock it? Give the "
            "abbreviation or the full name.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "The PUK (PIN Unblocking Key, sometimes called the Personal Unblocking Key) "
            "unblocks the PIN. It is requested from the operator with proper authority, not "
            "guessed: around ten wrong PUK entries usually block the card for good."
        ),
        "answers": [
            (
                "accepted_text",
                {
                    "text": "PUK",
                    "weight": 100,
                    "regex": False,
                    "feedback": "Correct. The operator can normally supply the PUK in response to legal process.",
                },
            ),
            (
                "accepted_text",
                {
                    "text": r"(the |a )?(puk( code)?|(pin|personal) unblock(ing)? (key|code)( \(puk\))?)\.?",
                    "weight": 100,
                    "regex": True,
                    "feedback": "Correct. The PIN Unblocking Key (PUK) comes from the operator; guessing it risks blocking the card permanently.",
                },
            ),
        ],
    },
    {
        "key": "m1-q5",
        "category": "Mobile forensics – Module 1",
        "type": "single",
        "title": "Examining a victim's phone with consent",
        "text": (
            "<p>A woman reports threatening messages from her former partner, received in "
            "March. She agrees to let the police examine her phone. Which approach best "
            "respects <strong>legality</strong> and <strong>proportionality</strong>?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "Consent is a legal basis only if it is informed, voluntary, recorded and "
            "limited to what was agreed, and it can usually be withdrawn. A victim's phone "
            "holds as much private information as a suspect's, so the examination should be "
            "confined to the messages and period that matter."
        ),
        "answers": [
            (
                "choice",
                {
                    "text": (
                        "Record her informed consent in writing, including its scope (messages "
                        "from that sender in March) and her right to withdraw it, then extract "
                        "and review only what falls within that scope."
                    ),
                    "weight": 100,
                    "feedback": "Correct. The legal basis is documented and the intrusion is limited to what the complaint requires.",
                },
            ),
            (
                "choice",
                {
                    "text": "Take a full image of the phone, because her consent covers the whole device.",
                    "weight": 0,
                    "feedback": "No. Consent covers only what she agreed to. A full image would capture her private life far beyond the complaint.",
                },
            ),
            (
                "choice",
                {
                    "text": "Rely on her verbal agreement; as she is the victim, no written record is needed.",
                    "weight": 0,
                    "feedback": "No. Without a record of what was agreed, nobody can later show that the examination stayed within a lawful basis.",
                },
            ),
            (
                "choice",
                {
                    "text": "Continue the examination even if she withdraws consent, because the phone is already at the laboratory.",
                    "weight": 0,
                    "feedback": "No. Consent can usually be withdrawn. If it is, the examination needs another legal basis, such as a warrant, to continue.",
                },
            ),
        ],
    },
    # ------------------------------------------------------------------ Module 2
    {
        "key": "m2-q1",
        "category": "Mobile forensics – Module 2",
        "type": "ordering",
        "title": "Order the steps of a mobile seizure",
        "text": (
            "<p>Put these steps for seizing and preserving a mobile phone in the order in "
            "which they should be carried out, from arrival at the scene to the "
            "laboratory.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "Safety and authority come first, because nothing else is lawful without them. "
            "Documenting before touching records the device as it was found, including its "
            "clock. Isolation then stops new data, remote wiping and synchronisation. The "
            "device is packaged and sealed with power and shielding intact, moved with a "
            "logged handover at each step, and only then acquired and hashed under "
            "controlled conditions."
        ),
        "answers": [
            (
                "ordering_item",
                {
                    "text": "Make the scene safe and confirm that the warrant or consent covers seizure"
                },
            ),
            (
                "ordering_item",
                {
                    "text": "Photograph the device, its screen and peripherals, and record its clock against a reference clock"
                },
            ),
            (
                "ordering_item",
                {
                    "text": "Isolate the device from radio networks and from any synchronising computer"
                },
            ),
            (
                "ordering_item",
                {
                    "text": "Package, seal and label the device, keeping it powered inside the shielding"
                },
            ),
            (
                "ordering_item",
                {
                    "text": "Transport and store it, logging every handover with the seal number and its condition"
                },
            ),
            (
                "ordering_item",
                {"text": "Acquire the data in the laboratory and hash the extraction"},
            ),
        ],
    },
    {
        "key": "m2-q2",
        "category": "Mobile forensics – Module 2",
        "type": "single",
        "title": "A charging cable through a shielded bag",
        "text": (
            "<p>To stop a seized phone's battery running flat, an officer places it in a "
            "shielded (Faraday) bag and runs a charging cable through the bag's opening to "
            "the patrol car's USB socket. What is the main problem?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "A shield works only if it is closed completely. A cable crossing the seal can "
            "carry radio signals into the bag, so the phone may receive messages or a remote "
            "wipe command. The accepted way to keep the phone powered is a power bank sealed "
            "inside the shield, as in the CA-2026-0147 seizure log."
        ),
        "evidence_file": "CA-2026-0147_seizure_log.txt",
        "answers": [
            (
                "choice",
                {
                    "text": "The cable can act as an antenna and let signals reach the phone through the broken seal.",
                    "weight": 100,
                    "feedback": "Correct. Keep the power source inside the shield so that no cable passes through the seal.",
                },
            ),
            (
                "choice",
                {
                    "text": "Charging a seized phone is never allowed, because it changes the device.",
                    "weight": 0,
                    "feedback": "No. Keeping the phone powered is often the aim, since a phone that shuts down may ask for a passcode at restart. The problem is how the power reaches it.",
                },
            ),
            (
                "choice",
                {
                    "text": "A shielded bag makes the battery last longer, so the cable is simply unnecessary.",
                    "weight": 0,
                    "feedback": "No. Inside a shield the phone keeps searching for a network at higher power, so its battery drains faster, not slower.",
                },
            ),
            (
                "choice",
                {
                    "text": "There is no problem, as long as the bag is labelled with the seal number.",
                    "weight": 0,
                    "feedback": "No. A label documents the packaging but does nothing to restore the radio isolation broken by the cable.",
                },
            ),
        ],
    },
    {
        "key": "m2-q3",
        "category": "Mobile forensics – Module 2",
        "type": "numeric",
        "title": "Clock offset in the CA-2026-0147 seizure log",
        "text": (
            "<p>Open the seizure log for case CA-2026-0147. At the scene the handset clock "
            "showed <code>10:42:12</code> while the reference clock showed "
            "<code>10:38:00</code>. By how many <strong>seconds</strong> was the handset "
            "clock ahead of the reference clock? Enter a whole number.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "10:42:12 minus 10:38:00 is 4 minutes 12 seconds, or 4 x 60 + 12 = 252 seconds. "
            "The offset is recorded, not corrected on the device, and is allowed for when "
            "device-generated times are compared with CCTV, witness accounts or operator "
            "records."
        ),
        "evidence_file": "CA-2026-0147_seizure_log.txt",
        "answers": [
            (
                "accepted_number",
                {
                    "value": "252",
                    "tolerance": "0",
                    "minimum": None,
                    "maximum": None,
                    "weight": 100,
                    "feedback": "Correct: 4 minutes 12 seconds is 252 seconds. The analyst applies this in the analysis and states it in the report.",
                },
            ),
        ],
    },
    {
        "key": "m2-q4",
        "category": "Mobile forensics – Module 2",
        "type": "true_false",
        "title": "Battery drain inside a shielded container",
        "text": (
            "<p>True or false? A phone kept switched on inside a shielded (Faraday) container "
            "usually drains its battery faster than it would on a normal network "
            "connection.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "True. Cut off from the network, the phone keeps searching for a signal and "
            "raises its transmit power, which empties the battery quickly. That is why units "
            "seal a power bank inside the shield and keep the time between seizure and "
            "acquisition short."
        ),
        "answers": [],
        "correct_is_true": True,
    },
    {
        "key": "m2-q5",
        "category": "Mobile forensics – Module 2",
        "type": "single",
        "title": "Justifying on-site triage",
        "text": (
            "<p>A child has been reported missing. Officers arrest a suspect whose phone "
            "they believe holds recent messages about where the child is. They want to look "
            "at the phone at the scene rather than wait for the laboratory. Which course of "
            "action best meets the requirements of <strong>necessity</strong> and "
            "<strong>accountability</strong>?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "Urgency, such as a threat to life or a missing child, can justify on-site "
            "triage, but triage is still a search. It should be limited to what the urgent "
            "aim needs and fully documented: the legal basis, why it could not wait, exactly "
            "what was done and with which tool, and who authorised it."
        ),
        "answers": [
            (
                "choice",
                {
                    "text": (
                        "Carry out a targeted triage of recent messages and location data, and "
                        "record the legal basis, the urgency, each action and tool used, and who "
                        "authorised it."
                    ),
                    "weight": 100,
                    "feedback": "Correct. The intrusion is limited to the urgent aim and every step can be reviewed later.",
                },
            ),
            (
                "choice",
                {
                    "text": "Browse freely through the phone; in an emergency, no record is needed.",
                    "weight": 0,
                    "feedback": "No. Urgency can justify acting quickly, not acting without a record. Undocumented browsing also changes the device without any reliable trace.",
                },
            ),
            (
                "choice",
                {
                    "text": "Run a full extraction of everything on the phone at the scene, since time is short.",
                    "weight": 0,
                    "feedback": "No. Necessity limits the triage to what the emergency requires. A full extraction can wait for the laboratory.",
                },
            ),
            (
                "choice",
                {
                    "text": "Never triage at the scene, whatever the circumstances; always wait for the laboratory.",
                    "weight": 0,
                    "feedback": "No. A risk to life can justify triage. The point is to justify and document it, not to rule it out.",
                },
            ),
        ],
    },
    # ------------------------------------------------------------------ Module 3
    {
        "key": "m3-q1",
        "category": "Mobile forensics – Module 3",
        "type": "ordering",
        "title": "Order the NIST acquisition levels",
        "text": (
            "<p>Put these acquisition methods in the order of the NIST SP 800-101 Rev. 1 tool "
            "classification, from the least to the most technical and invasive (Level 1 "
            "first).</p>"
        ),
        "points": 2,
        "general_feedback": (
            "The levels are 1 manual, 2 logical, 3 hex dump or JTAG, 4 chip-off and 5 micro "
            "read. Each step up is more costly, slower, more invasive and available in fewer "
            "laboratories, which is why the choice of level is also a necessity and "
            "proportionality decision."
        ),
        "answers": [
            (
                "ordering_item",
                {"text": "Manual extraction: operating the phone and photographing the screen"},
            ),
            (
                "ordering_item",
                {"text": "Logical extraction: a tool asks the operating system for the data"},
            ),
            (
                "ordering_item",
                {
                    "text": "Hex dump or JTAG: a raw copy of memory through the data port or board test points"
                },
            ),
            (
                "ordering_item",
                {"text": "Chip-off: the memory chip is removed and read in a dedicated reader"},
            ),
            (
                "ordering_item",
                {"text": "Micro read: the chip's gates are examined under an electron microscope"},
            ),
        ],
    },
    {
        "key": "m3-q2",
        "category": "Mobile forensics – Module 3",
        "type": "single",
        "title": "Recovering deleted app messages",
        "text": (
            "<p>A logical extraction of an unlocked Android phone shows none of the messaging "
            "app conversations the suspect is believed to have deleted last week. Which "
            "extraction type is the most likely next step to recover them?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "A file-system extraction, a vendor category between NIST's logical and physical "
            "levels, copies files and folders, including apps' SQLite databases. Deleted "
            "records can survive inside those databases, whereas a logical extraction "
            "returns only what the operating system chooses to expose."
        ),
        "answers": [
            (
                "choice",
                {
                    "text": "A file-system extraction, which copies the app's database files where deleted records may persist",
                    "weight": 100,
                    "feedback": "Correct. It reaches the app's own database files without the cost and risk of hardware methods.",
                },
            ),
            (
                "choice",
                {
                    "text": "A manual extraction, photographing the app's screens",
                    "weight": 0,
                    "feedback": "No. A manual extraction captures only what the interface displays, and deleted messages are not displayed.",
                },
            ),
            (
                "choice",
                {
                    "text": "A second logical extraction with the same tool",
                    "weight": 0,
                    "feedback": "No. Repeating it would return the same operating-system view, which does not include the deleted records.",
                },
            ),
            (
                "choice",
                {
                    "text": "Chip-off, as the first option for any deleted data",
                    "weight": 0,
                    "feedback": "No. Chip-off is destructive and, on an encrypted phone, may yield little readable data. Less invasive options come first.",
                },
            ),
        ],
    },
    {
        "key": "m3-q3",
        "category": "Mobile forensics – Module 3",
        "type": "short",
        "title": "Which file failed verification?",
        "text": (
            "<p>Open the extraction report for case CA-2026-0147. When the second examiner "
            "verified working copy W1, one file did not match its recorded SHA-256 value. "
            "Type the path of that file exactly as it appears in the report.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "msgapp_a/chat.sqlite failed: its computed hash (66df0e32...) differs from the "
            "value recorded at extraction (5f6762a5...). Working copy W1 must not be used for "
            "that file. The failure is logged, the master is verified again, and a new "
            "verified working copy is made."
        ),
        "evidence_file": "CA-2026-0147_extraction_report.txt",
        "answers": [
            (
                "accepted_text",
                {
                    "text": "msgapp_a/chat.sqlite",
                    "weight": 100,
                    "regex": False,
                    "feedback": "Correct. Any analysis of messaging app A must use a copy that matches the recorded hash.",
                },
            ),
            (
                "accepted_text",
                {
                    "text": r"(msgapp_a ?[/\\] ?)?chat\.sqlite",
                    "weight": 100,
                    "regex": True,
                    "feedback": "Correct. chat.sqlite from messaging app A failed, so W1 cannot be relied on for it.",
                },
            ),
            (
                "accepted_text",
                {
                    "text": r"msgapp_?a( folder| app)?",
                    "weight": 50,
                    "regex": True,
                    "feedback": "Partly right: the problem is in messaging app A, but the report names the exact file (chat.sqlite), and a custody note must be that precise.",
                },
            ),
        ],
    },
    {
        "key": "m3-q4",
        "category": "Mobile forensics – Module 3",
        "type": "evidence",
        "title": "Hash the handset export on receipt",
        "text": (
            "<p>The Digital Forensic Unit has handed the investigation team the file "
            "<code>handset-export-CA-2026-0147.txt</code>. Download it and compute its "
            "<strong>SHA-256</strong> hash, as you would before recording it in the "
            "continuity log. Do not open and re-save the file first: any change, even to a "
            "line ending, changes the hash.</p>"
            "<p>For example:</p>"
            "<ul>"
            "<li>Linux: <code>sha256sum handset-export-CA-2026-0147.txt</code></li>"
            "<li>macOS: <code>shasum -a 256 handset-export-CA-2026-0147.txt</code></li>"
            "<li>Windows PowerShell: <code>Get-FileHash -Algorithm SHA256 .\\handset-export-CA-2026-0147.txt</code></li>"
            "</ul>"
            "<p>Type the 64 hexadecimal characters. Spaces and upper or lower case do not "
            "matter.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "A SHA-256 value is 64 hexadecimal characters. Recording it on receipt lets "
            "anyone check later that the file used in the investigation is the one the "
            "laboratory produced: a single changed byte gives a completely different value. "
            "If your value differs, check that you hashed the downloaded file itself and "
            "chose SHA-256 rather than MD5 or SHA-1."
        ),
        "evidence_file": "handset-export-CA-2026-0147.txt",
        "expected": "sha256:handset-export-CA-2026-0147.txt",
        "ignore_spaces": True,
        "answers": [],
    },
    {
        "key": "m3-q5",
        "category": "Mobile forensics – Module 3",
        "type": "single",
        "title": "Full image or targeted extraction?",
        "text": (
            "<p>A warrant authorises examination of messages between the suspect and one "
            "named contact from January to March, in two named messaging apps. The "
            "laboratory could take a full physical image or a targeted file-system "
            "extraction of the two apps. Which decision best reflects "
            "<strong>necessity</strong> and <strong>proportionality</strong>?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "Necessity asks whether a less intrusive method would meet the aim. A full image "
            "captures years of unrelated private life, including that of people not "
            "suspected of anything. If the targeted extraction answers the question, it is "
            "the better choice; if more is genuinely needed, the reasons are recorded so "
            "that a judge can review them."
        ),
        "answers": [
            (
                "choice",
                {
                    "text": (
                        "Start with the targeted extraction, and move to a fuller acquisition "
                        "only if it is shown to be needed, recording the reasons either way."
                    ),
                    "weight": 100,
                    "feedback": "Correct. The least intrusive effective method is chosen and the decision is documented.",
                },
            ),
            (
                "choice",
                {
                    "text": "Always take a full physical image, because more data is always safer for the prosecution.",
                    "weight": 0,
                    "feedback": "No. More data is not automatically better; collecting far beyond the authority is an interference that must itself be justified.",
                },
            ),
            (
                "choice",
                {
                    "text": "Take a full image, but let investigators search it for any offence they find.",
                    "weight": 0,
                    "feedback": "No. Review must stay within the authority's dates, contacts and apps, whatever the extraction contains.",
                },
            ),
            (
                "choice",
                {
                    "text": "Leave the choice to the tool's default settings, so that no one has to justify it.",
                    "weight": 0,
                    "feedback": "No. The choice is a human decision that must be made and recorded; accountability cannot be handed to a tool.",
                },
            ),
        ],
    },
    {
        "key": "m3-q6",
        "category": "Mobile forensics – Module 3",
        "type": "true_false",
        "title": "Validating new tool versions",
        "text": (
            "<p>True or false? Once a laboratory has validated one version of a mobile "
            "extraction tool, later versions of the same tool can be used in casework "
            "without further validation.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "False. Mobile tools are updated constantly, and each update can change what is "
            "extracted or how it is decoded. Each version should be validated, for example "
            "against NIST CFTT results and the laboratory's own reference devices, and key "
            "findings cross-checked with a second tool or the underlying database."
        ),
        "answers": [],
        "correct_is_true": False,
    },
    # ------------------------------------------------------------------ Module 4
    {
        "key": "m4-q1",
        "category": "Mobile forensics – Module 4",
        "type": "evidence",
        "title": "Decode a messaging-app timestamp",
        "text": (
            "<p>Open the database excerpt from messaging app A on the Android handset in "
            "case CA-2026-0147. The <code>ts</code> column holds Unix epoch time; work out "
            "the unit from the number of digits.</p>"
            "<p>When, in <strong>UTC</strong>, was message <code>5521</code> stored? Give the "
            "time to the whole second (drop any fraction) in exactly this format: "
            "<code>YYYY-MM-DD HH:MM:SS</code>, for example <code>2023-11-14 22:13:20</code>. "
            "Do not adjust for the time zone or for the clock offset.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "The value 1772920025318 has 13 digits, so it is Unix time in milliseconds. "
            "Dividing by 1000 gives 1772920025.318 seconds after 1970-01-01 00:00:00 UTC, "
            "which is 2026-03-07 21:47:05.318 UTC. Reading it as seconds would put the date "
            "tens of thousands of years in the future. Local time (UTC+1) and the "
            "4 min 12 s clock offset are applied afterwards, in the analysis, and stated in "
            "the report."
        ),
        "evidence_file": "CA-2026-0147_msgapp_a_excerpt.txt",
        "expected": "2026-03-07 21:47:05",
        "answers": [],
    },
    {
        "key": "m4-q2",
        "category": "Mobile forensics – Module 4",
        "type": "matching",
        "title": "Match timestamp sources to their epochs",
        "text": (
            "<p>Match each timestamp source to the way it counts time. One description on "
            "the right matches none of them.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "Unix time counts from 1970-01-01 UTC, in seconds, or in milliseconds in many "
            "Android databases such as the SMS date column. Apple Cocoa (Mac absolute) time "
            "counts seconds from 2001-01-01 UTC, 978,307,200 seconds after the Unix epoch. "
            "WebKit/Chrome time counts microseconds from 1601-01-01 UTC. Identify the epoch "
            "and unit before converting anything."
        ),
        "answers": [
            (
                "matching_pair",
                {"prompt": "Classic Unix time", "answer": "Seconds since 1970-01-01 00:00:00 UTC"},
            ),
            (
                "matching_pair",
                {
                    "prompt": "The date column of the Android SMS database",
                    "answer": "Milliseconds since 1970-01-01 00:00:00 UTC",
                },
            ),
            (
                "matching_pair",
                {
                    "prompt": "Apple Cocoa (Mac absolute) time",
                    "answer": "Seconds since 2001-01-01 00:00:00 UTC",
                },
            ),
            (
                "matching_pair",
                {
                    "prompt": "WebKit / Chrome time",
                    "answer": "Microseconds since 1601-01-01 00:00:00 UTC",
                },
            ),
            (
                "matching_pair",
                {"prompt": "", "answer": "Microseconds since 2001-01-01 00:00:00 UTC"},
            ),
        ],
    },
    {
        "key": "m4-q3",
        "category": "Mobile forensics – Module 4",
        "type": "numeric",
        "title": "Time between sealing and extraction",
        "text": (
            "<p>In case CA-2026-0147 the shielded bag was sealed at <code>10:44</code> local "
            "time on 9 March 2026; the seizure log records the local time zone as "
            "<strong>UTC+1</strong>. The extraction report gives the start of extraction as "
            "<code>2026-03-10 08:14:05 UTC</code>.</p>"
            "<p>How many hours passed between sealing the bag and the start of extraction? "
            "Give your answer in hours to one decimal place.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "Convert both times to UTC first. 10:44 at UTC+1 is 09:44 UTC on 9 March. From "
            "09:44:00 on 9 March to 08:14:05 on 10 March is 22 hours 30 minutes 5 seconds, "
            "about 22.5 hours. Forgetting the time zone gives 23.5 hours, an error of a full "
            "hour. Knowing this interval matters because a shielded phone drains its battery "
            "quickly."
        ),
        "answers": [
            (
                "accepted_number",
                {
                    "value": "22.5",
                    "tolerance": "0.05",
                    "minimum": None,
                    "maximum": None,
                    "weight": 100,
                    "feedback": "Correct: 22 h 30 min 5 s, or 22.5 hours once both times are in UTC.",
                },
            ),
        ],
    },
    {
        "key": "m4-q4",
        "category": "Mobile forensics – Module 4",
        "type": "multiple",
        "title": "Reading the reacquisition comparison",
        "text": (
            "<p>Open the comparison of two acquisitions of the live handset in case "
            "CA-2026-0147. The container hashes differ. Which statements does the document "
            "support? Select all that apply. Wrong selections cost marks.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "Two acquisitions of a live phone are rarely identical: the phone keeps writing "
            "data and the tool adds its own metadata, such as the acquisition time. Here all "
            "five evidential databases match, and the one file that differs, device_info.txt, "
            "is written fresh by the tool at each run. Integrity is shown by matching each "
            "extraction to its own recorded hash, not by expecting two acquisitions to be "
            "identical."
        ),
        "evidence_file": "CA-2026-0147_reacquisition_comparison.txt",
        "answers": [
            (
                "choice",
                {
                    "text": "All five evidential databases have the same hash in both acquisitions.",
                    "weight": 50,
                    "feedback": "Yes. The file-level table shows a match for mmssms.db, calllog.db, contacts2.db and both app databases.",
                },
            ),
            (
                "choice",
                {
                    "text": "The containers differ at least partly because the tool writes a new device_info.txt, and the acquisition time, at every run.",
                    "weight": 50,
                    "feedback": "Yes. The examiner's note explains that device_info.txt records the acquisition time, handset clock and battery level, and the container also stores the acquisition time.",
                },
            ),
            (
                "choice",
                {
                    "text": "The difference proves that acquisition A was altered after it was made.",
                    "weight": -50,
                    "feedback": "No. Tampering with acquisition A is tested by re-hashing A against the value recorded when it was made, not by comparing it with a later acquisition.",
                },
            ),
            (
                "choice",
                {
                    "text": "Because the container hashes differ, neither acquisition can be relied on in court.",
                    "weight": -50,
                    "feedback": "No. The difference is expected and explained file by file; each acquisition can still be verified against its own recorded hash.",
                },
            ),
            (
                "choice",
                {
                    "text": "The recorded hash of acquisition A should now be replaced with that of acquisition B.",
                    "weight": 0,
                    "feedback": "No. Recorded values are never overwritten. Both acquisitions keep their own hashes, and the comparison is reported.",
                },
            ),
        ],
    },
    {
        "key": "m4-q5",
        "category": "Mobile forensics – Module 4",
        "type": "single",
        "title": "Messages with a lawyer found during review",
        "text": (
            "<p>While reviewing messaging app B within the authorised dates, an investigator "
            "finds a thread between the suspect and the suspect's defence lawyer. What should "
            "happen?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "Communications with a lawyer are usually protected by legal professional "
            "privilege. They should be handled under an agreed protocol, often by an "
            "independent reviewer, before the investigation team sees them. Stopping, setting "
            "the material aside and recording the decision keeps the review proportionate and "
            "open to later scrutiny by the court."
        ),
        "answers": [
            (
                "choice",
                {
                    "text": (
                        "Stop reading, set the thread aside for review under the privilege "
                        "protocol (for example by an independent reviewer), and record what was "
                        "done and by whom."
                    ),
                    "weight": 100,
                    "feedback": "Correct. Privileged material is kept from the investigation team and the handling is documented.",
                },
            ),
            (
                "choice",
                {
                    "text": "Read the thread, since it falls within the authorised dates and apps.",
                    "weight": 0,
                    "feedback": "No. Being within the date range does not remove privilege. Reading it could taint the investigation and breach the suspect's rights.",
                },
            ),
            (
                "choice",
                {
                    "text": "Delete the thread from the extraction so that nobody can read it.",
                    "weight": 0,
                    "feedback": "No. Extracted data must never be edited: deleting it would break the integrity of the extraction and hide a decision from review.",
                },
            ),
            (
                "choice",
                {
                    "text": "Skip it silently and say nothing in the report.",
                    "weight": 0,
                    "feedback": "No. Accountability requires the handling of privileged material to be recorded so that a court can review it.",
                },
            ),
        ],
    },
    {
        "key": "m4-q6",
        "category": "Mobile forensics – Module 4",
        "type": "true_false",
        "title": "Observation or inference in a report",
        "text": (
            "<p>True or false? In an examiner's report, the sentence <em>\"The defendant sent "
            'this message at 21:47 UTC on 7 March 2026"</em> is a statement of observed '
            "fact.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "False. The examiner can observe that a message is stored in the database as sent, "
            "with a given timestamp. That the defendant was the person using the phone is an "
            "inference, because someone else may have used it. Inferences belong in a report "
            "only with the reasoning behind them and a statement of how confident the "
            "examiner is."
        ),
        "answers": [],
        "correct_is_true": False,
    },
    # ------------------------------------------------------------------ Final exam only
    {
        "key": "fx-q1",
        "category": "Mobile forensics – Final exam",
        "type": "evidence",
        "title": "Decode an iPhone photo creation time",
        "text": (
            "<p>Open the photo library excerpt for case CA-2026-0213. The "
            "<code>ZDATECREATED</code> column holds Apple Cocoa (Mac absolute) time.</p>"
            "<p>When, in <strong>UTC</strong>, was <code>IMG_0413.HEIC</code> created? Give "
            "the time to the whole second (drop any fraction) in exactly this format: "
            "<code>YYYY-MM-DD HH:MM:SS</code>. Do not convert to the laboratory's local "
            "time.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "Cocoa time counts seconds from 2001-01-01 00:00:00 UTC. Adding 978,307,200 to "
            "792785109.742 gives Unix time 1771092309.742, which is 2026-02-14 18:05:09 UTC "
            "(19:05:09 at the laboratory's UTC+1). Reading the value as Unix time would give "
            "a date in 1995, far outside the warrant's February 2026 range, a useful sign that "
            "the epoch is wrong."
        ),
        "evidence_file": "CA-2026-0213_MK01_photos_excerpt.txt",
        "expected": "2026-02-14 18:05:09",
        "answers": [],
    },
    {
        "key": "fx-q2",
        "category": "Mobile forensics – Final exam",
        "type": "short",
        "title": "The record required by ACPO principle 3",
        "text": (
            "<p>ACPO principle 3 requires a record of every process applied to digital "
            "evidence to be created and preserved, so that an independent third party can "
            "examine those processes and reach the same result. What two-word name does the "
            "principle give to this record?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "The answer is an audit trail. Together with the report, the hash values and the "
            "custody chain, it keeps the examination open to challenge, which is what allows "
            "a court to trust it. ISO/IEC 27037 sets similar expectations of auditability and "
            "repeatability."
        ),
        "answers": [
            (
                "accepted_text",
                {
                    "text": "audit trail",
                    "weight": 100,
                    "regex": False,
                    "feedback": "Correct. An audit trail lets an independent examiner repeat the work and check the result.",
                },
            ),
            (
                "accepted_text",
                {
                    "text": r"(an? |the )?(full |complete )?audit[- ]?trail\.?",
                    "weight": 100,
                    "regex": True,
                    "feedback": "Correct. An audit trail lets an independent examiner repeat the work and check the result.",
                },
            ),
            (
                "accepted_text",
                {
                    "text": r"(an? |the )?(chain of custody|custody (log|record|chain)|continuity (log|record))\.?",
                    "weight": 50,
                    "regex": True,
                    "feedback": "Partly right. The custody record is part of it, but principle 3 asks for an audit trail of every process applied to the evidence, not only of who held it.",
                },
            ),
        ],
    },
    {
        "key": "fx-q3",
        "category": "Mobile forensics – Final exam",
        "type": "single",
        "title": "Messages that arrived after seizure",
        "text": (
            "<p>In case CA-2026-0147 the warrant covers data from 1 January to 8 March 2026, "
            "and the shielded bag was sealed at 10:44 on 9 March. In the laboratory the "
            "examiner finds three messages in app B timestamped at about 11:00 local time on "
            "9 March, after the bag was sealed. What should she do?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "Data that reaches a phone after seizure raises scope questions, and here it also "
            "falls outside the warrant's dates. The examiner should not read it, should "
            "record what she found and check the isolation record (the messages may show a "
            "failed shield), and should seek advice from the investigator and prosecutor on "
            "whether further authority is needed."
        ),
        "answers": [
            (
                "choice",
                {
                    "text": (
                        "Record the finding without reading the messages, check the isolation "
                        "record for a possible shield failure, and seek advice on whether any "
                        "further authority is needed."
                    ),
                    "weight": 100,
                    "feedback": "Correct. The examination stays within the authority, and the anomaly is documented and explained.",
                },
            ),
            (
                "choice",
                {
                    "text": "Read them, because they are stored on the seized device.",
                    "weight": 0,
                    "feedback": "No. Being on the device does not bring them within the warrant, which ends on 8 March.",
                },
            ),
            (
                "choice",
                {
                    "text": "Delete them from the extraction, because they are out of scope.",
                    "weight": 0,
                    "feedback": "No. Editing an extraction breaks its integrity. Out-of-scope data is set aside and its handling recorded, not deleted from the evidence.",
                },
            ),
            (
                "choice",
                {
                    "text": "Ignore them and leave them out of the report, since nobody will ask.",
                    "weight": 0,
                    "feedback": "No. Post-seizure data may reveal a failed shield, which the defence and the court are entitled to know about. Limitations belong in the report.",
                },
            ),
        ],
    },
]

QUIZZES = [
    {
        "module": "mobile-evidence-landscape",
        "title": "Quiz: The mobile evidence landscape",
        "slug": "quiz-mobile-evidence-landscape",
        "intro": (
            "<p>Five questions on where mobile evidence lives, the SIM card's PIN and PUK, "
            "and the legal basis for examining a phone. You need 70% to pass and may retake "
            "the quiz as often as you like.</p>"
        ),
        "pass_mark": 70,
        "max_attempts": 0,
        "time_limit_minutes": None,
        "questions_per_page": 0,
        "questions": ["m1-q1", "m1-q2", "m1-q3", "m1-q4", "m1-q5"],
    },
    {
        "module": "seizure-and-preservation",
        "title": "Quiz: Seizure and preservation",
        "slug": "quiz-seizure-and-preservation",
        "intro": (
            "<p>Five questions on seizing, documenting, isolating and packaging a phone, and "
            "on when on-site triage is justified. Some questions use the seizure log for "
            "case CA-2026-0147. You need 70% to pass and may retake the quiz as often as you "
            "like.</p>"
        ),
        "pass_mark": 70,
        "max_attempts": 0,
        "time_limit_minutes": None,
        "questions_per_page": 0,
        "questions": ["m2-q1", "m2-q2", "m2-q3", "m2-q4", "m2-q5"],
    },
    {
        "module": "acquisition",
        "title": "Quiz: Acquisition",
        "slug": "quiz-acquisition",
        "intro": (
            "<p>Six questions on the NIST tool levels, extraction types, tool validation and "
            "hash verification. One question asks you to download a file and compute its "
            "SHA-256 hash, so have a terminal or PowerShell ready. You need 70% to pass and "
            "may retake the quiz as often as you like.</p>"
        ),
        "pass_mark": 70,
        "max_attempts": 0,
        "time_limit_minutes": None,
        "questions_per_page": 0,
        "questions": ["m3-q1", "m3-q2", "m3-q3", "m3-q4", "m3-q5", "m3-q6"],
    },
    {
        "module": "examination-reporting-and-rights",
        "title": "Quiz: Examination, reporting and rights",
        "slug": "quiz-examination-reporting-and-rights",
        "intro": (
            "<p>Six questions on decoding timestamps, explaining hash differences, handling "
            "privileged material and writing an accurate report. Some questions use files "
            "from case CA-2026-0147. You need 70% to pass and may retake the quiz as often "
            "as you like.</p>"
        ),
        "pass_mark": 70,
        "max_attempts": 0,
        "time_limit_minutes": None,
        "questions_per_page": 0,
        "questions": ["m4-q1", "m4-q2", "m4-q3", "m4-q4", "m4-q5", "m4-q6"],
    },
    {
        "module": "examination-reporting-and-rights",
        "title": "Final exam: Mobile Forensics for Criminal Justice Practitioners",
        "slug": "mobile-forensics-final-exam",
        "intro": (
            "<p>Twelve questions covering the whole course, shown five to a page. You have "
            "30 minutes and two attempts, and you need 75% to pass.</p>"
            "<p>Some questions ask you to open a case file and decode a timestamp; give the "
            "answer in exactly the format the question asks for.</p>"
        ),
        "pass_mark": 75,
        "max_attempts": 2,
        "time_limit_minutes": 30,
        "questions_per_page": 5,
        "questions": [
            "m1-q2",
            "m1-q3",
            "m1-q5",
            "m2-q1",
            "fx-q3",
            "m3-q2",
            "m3-q5",
            "m4-q2",
            "fx-q1",
            "m4-q3",
            "fx-q2",
            "m4-q5",
        ],
    },
]
