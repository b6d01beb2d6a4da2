"""Who the letters come from: the landlord's name, contact details and complaints route.

A resident who gets a warning or a closure letter needs to know who sent it,
how to reach them, how to complain and where to go after that (the Housing
Ombudsman). A letter signed "Your landlord" with no phone number gives them
none of that, so the details are settings (``[landlord]`` in
``settings.toml``), and a real profile without them is refused a letter with
a message saying what to fill in. The demonstration profile uses the made-up
landlord below, so a demonstration never prints a real organisation's name.
"""

from __future__ import annotations

from dataclasses import dataclass

#: What the Housing Ombudsman route says when the landlord has not worded its own.
OMBUDSMAN_DEFAULT = (
    "If you are still unhappy after our complaints process, you can contact the Housing "
    "Ombudsman Service: phone 0300 111 3000, website www.housing-ombudsman.org.uk. "
    "You can also ask your MP, a local councillor or a tenant panel for help."
)


@dataclass(frozen=True)
class Landlord:
    name: str = ""
    address: str = ""  # lines separated by commas or new lines
    phone: str = ""
    email: str = ""
    web: str = ""
    complaints: str = ""  # how to complain to the landlord, in a sentence or two
    ombudsman: str = OMBUDSMAN_DEFAULT
    signature: str = ""  # the job title under the officer's name, e.g. "Housing officer"
    logo: str = ""  # a file in the profile's templates/logos folder or the packaged one

    #: What a letter cannot go without; the logo and web address are optional.
    REQUIRED = ("name", "address", "phone", "email", "complaints")

    def missing(self) -> tuple[str, ...]:
        return tuple(key for key in self.REQUIRED if not str(getattr(self, key)).strip())

    @property
    def address_lines(self) -> tuple[str, ...]:
        parts = self.address.replace("\n", ",").split(",")
        return tuple(p.strip() for p in parts if p.strip())

    @property
    def contact_line(self) -> str:
        """Phone, e-mail and web in one sentence, for the body of a letter."""
        bits = [f"phone {self.phone}" if self.phone else "", f"e-mail {self.email}" if self.email else "",
                f"visit {self.web}" if self.web else ""]
        return ", ".join(b for b in bits if b)


#: The made-up landlord of the demonstration profile (reserved 01632 numbers and
#: example.org addresses, so nothing printed from a demonstration reaches anyone).
DEMO_LANDLORD = Landlord(
    name="Eastbrook Homes (demonstration)",
    address="Eastbrook Homes, 1 Market Street, Eastbrook, LS6 1AA",
    phone="01632 960 000",
    email="asb@eastbrook-homes.example.org",
    web="www.eastbrook-homes.example.org",
    complaints=(
        "To complain about how we handled your case, phone 01632 960 000, e-mail "
        "complaints@eastbrook-homes.example.org or write to us at the address above. "
        "We will reply within 10 working days."
    ),
    signature="Housing officer, Anti-social Behaviour Team",
    logo="demo-logo.png",
)
