"""Invented names, streets and phrases for the demo caseload.

Every name and street here is made up; phone numbers are in Ofcom's range for
drama (07700 900xxx) and e-mail addresses use example.com, so a demo profile
can never point at a real resident.
"""

from __future__ import annotations

GIVEN = [
    "Amira", "Ben", "Chloe", "Dariusz", "Ebony", "Farah", "Gareth", "Hannah", "Ifeoma", "Jack",
    "Kasia", "Liam", "Maryam", "Niamh", "Oluwaseun", "Priya", "Rhys", "Siobhán", "Tomasz",
    "Usha", "Vikram", "Wendy", "Xavier", "Yusuf", "Zoë", "Łukasz", "José", "Aoife", "Mehmet",
    "Grace", "Connor", "Fatima", "Dylan", "Leah", "Mohammed", "Sophie", "Kwame", "Agnieszka",
    "Callum", "Nadia", "Emre", "Bethan", "Hamza", "Lily", "Tariq", "Megan", "Ryan", "Aaliyah",
]
FAMILY = [
    "Okafor", "Smith", "Kowalski", "Patel", "Jones", "Hughes", "Ahmed", "O'Brien", "Nowak",
    "Williams", "Begum", "Murphy", "Taylor", "Khan", "Davies", "Mensah", "Evans", "Singh",
    "Brown", "Adeyemi", "Wilson", "Hussain", "Thomas", "Clarke", "Wright", "Ali", "Walker",
    "Robinson", "Green", "Hall", "Wood", "Lewis", "Zieliński", "Müller", "Ní Bhriain", "Chen",
    "Yılmaz", "Fernández", "Kaur", "Campbell", "Shah", "Morris", "Bailey", "Osei", "Reid",
]
STREETS = [
    "Larch Close", "Bramble Way", "Kestrel Court", "Willowmead", "Foundry Lane", "Orchard Rise",
    "Tanner's Row", "Heron Walk", "Millbrook Road", "Cobbler's Yard", "Juniper Gardens",
    "Sorrel Street", "Beacon House", "Riverside Flats", "Harebell Crescent", "Quarry Hill",
]
TOWN = "Eastbrook"
OFFICERS = ["Priya Raman", "Tom Hargreaves", "Grace Mensah", "Dan Kowalczyk", "Aisha Bello"]
SUPERVISOR = "Helen Marsh"
AGENCIES = ["Police", "Council community safety", "Adult social care", "Children's services",
            "Mental health team", "Probation", "Environmental health"]
SERVICES = ["Victim Support", "Eastbrook Mediation", "Domestic abuse outreach service",
            "Community mental health team", "Drug and alcohol service", "Debt advice centre"]

# (category, weight, typical descriptions)
#: Hate-incident reports by strand: each phrase names the prejudice of its strand, so
#: the flag an officer ticked agrees with what the report says.
HATE_PHRASES: dict[str, list[str]] = {
    "race": [
        "Racist remarks shouted at the reporter outside their home",
        "Racist graffiti sprayed on the reporter's front door",
    ],
    "religion": [
        "Anti-Muslim abuse shouted at the reporter on the way to the mosque",
        "Antisemitic note left on the reporter's car",
    ],
    "sexual_orientation": [
        "Note with homophobic abuse pushed through the letterbox",
        "Homophobic insults shouted at the reporter and their partner in the car park",
    ],
    "disability": [
        "Reporter mocked in the lift because of their learning disability",
        "Neighbour blocks the ramp and jeers at the reporter about their wheelchair",
    ],
    "transgender_identity": [
        "Transphobic abuse shouted at the reporter from the balcony",
        "Reporter called transphobic names by youths on the stairs",
    ],
}

CATEGORY_MIX: list[tuple[str, int, list[str]]] = [
    ("noise", 30, ["Loud music late at night from the flat above",
                   "Shouting and banging through the wall most evenings",
                   "Parties every weekend running past 3am"]),
    ("verbal_abuse", 12, ["Neighbour swore at the reporter on the stairs",
                          "Abuse shouted across the car park at the reporter's children"]),
    ("harassment", 10, ["Repeated knocking on the reporter's door and staring through windows",
                        "Neighbour follows the reporter to the bus stop"]),
    ("drink_drug_asb", 8, ["Groups drinking in the stairwell and leaving cans",
                           "Smell of cannabis and people gathering in the block entrance"]),
    ("vandalism", 8, ["Communal door glass smashed again", "Graffiti on the bin store"]),
    ("animals", 6, ["Dog barking for hours when left alone", "Dog fouling in the shared garden"]),
    ("fly_tipping", 5, ["Mattress and bags dumped by the garages"]),
    ("crime", 5, ["Bike stolen from the communal store"]),
    ("hate_incident", 4, [p for phrases in HATE_PHRASES.values() for p in phrases]),
    ("domestic_abuse", 4, ["Shouting, crying and things being thrown heard next door",
                           "Tenant disclosed controlling behaviour by partner"]),
    ("violence", 3, ["Fight between neighbours on the landing"]),
    ("threats_to_life", 1, ["Neighbour threatened to kill the reporter"]),
    ("drug_supply", 2, ["Visitors coming and going at all hours, suspected dealing"]),
    ("lifestyle", 2, ["Cooking smells and children's footsteps from upstairs"]),
]
STRAND_FOR_HATE = ["race", "religion", "sexual_orientation", "disability", "transgender_identity"]
ACTIONS = ["Visit the complainant", "Interview the alleged perpetrator", "Send diary sheets",
           "Check CCTV with the police", "Agree an action plan with the complainant",
           "Review noise app recordings", "Refer to mediation", "Update the victim",
           "Write to the household", "Liaise with the police neighbourhood team"]
CONTACTS = ["Called to update on progress", "Home visit to discuss the incidents",
            "Left a voicemail, will try again", "Complainant reported a further incident",
            "Discussed support options", "Explained the next steps and timescales"]
ADVICE = ["Talk to your neighbour at a calm moment", "Everyday living noise is not ASB",
          "Use the mediation service"]
