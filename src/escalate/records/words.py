"""Domain words: statuses, sectors, channel kinds, tiers … as ``StrEnum``s.

A member is its text (``Status.REPORTED == "reported"``), ``Status("reported")`` looks it up,
and pydantic accepts exactly the members' values. Creating the nine classes costs under 1% of
a run (about 6 million instructions: ``benchmarks/bench.py --instructions``).
"""

from enum import StrEnum


class Status(StrEnum):
    OFFICIAL = "official"
    REPORTED = "reported"
    DISPUTED = "disputed"


class Sector(StrEnum):
    ENERGY = "energy"
    TELECOM = "telecom"


class RecordKind(StrEnum):
    COMPANY = "company"
    PUBLIC_BODY = "public-body"


class ChannelKind(StrEnum):
    SAC = "sac"
    OUVIDORIA = "ouvidoria"
    EMERGENCY = "emergency"
    PHONE = "phone"
    WHATSAPP = "whatsapp"
    SMS = "sms"
    APP = "app"
    CHAT = "chat"
    WEB = "web"
    EMAIL = "email"
    IN_PERSON = "in-person"
    MAIL = "mail"
    FAX = "fax"
    SOCIAL = "social"
    VIDEO = "video"
    AGENT = "agent"
    AGENCY = "agency"  # a state agency acting for the regulator (Arce, Arpe)


class Tier(StrEnum):
    """Where a channel sits for a person looking for help, in the order lookup shows them."""

    EMERGENCY = "emergency"
    FIRST_LINE = "first-line"
    OUVIDORIA = "ouvidoria"
    SELF_SERVICE = "self-service"
    SPECIAL = "special"  # business customers, relationship agents
    EXTERNAL = "external"  # public bodies: regulator, Procon, courts


class Audience(StrEnum):
    EVERYONE = "everyone"
    LOW_VOLTAGE = "low-voltage"
    MEDIUM_HIGH_VOLTAGE = "medium-high-voltage"
    HEARING_IMPAIRED = "hearing-impaired"
    RESIDENTIAL = "residential"
    MOBILE = "mobile"
    BUSINESS = "business"
    OUTSIDE_STATE = "outside-state"


class Requirement(StrEnum):
    SAC_PROTOCOL = "sac-protocol"
    FINISHED_SAC_PROTOCOL = "finished-sac-protocol"
    EARLIER_PROTOCOLS = "earlier-protocols"
    ACCOUNT_HOLDER = "account-holder"
    DOCUMENTS = "documents"
    APPOINTMENT = "appointment"
    CPF = "cpf"
    CPF_OR_CNPJ = "cpf-or-cnpj"
    MOBILE_NUMBER = "mobile-number"
    CUSTOMER_CODE = "customer-code"
    UNIQUE_CODE = "unique-code"
    BIRTH_DATE = "birth-date"
    GOVBR_ACCOUNT = "govbr-account"
    COMPANY_JOINED = "company-joined"


class KeywordArgument(StrEnum):
    """What follows an SMS keyword."""

    NONE = "none"
    CUSTOMER_CODE = "customer-code"
    CPF = "cpf"
    PROTOCOL = "protocol"
    UC_NUMBER = "uc-number"


class Membership(StrEnum):
    """Whether a company answers on consumidor.gov.br (only companies that joined it do)."""

    JOINED = "joined"
    NOT_JOINED = "not-joined"
    UNKNOWN = "unknown"
