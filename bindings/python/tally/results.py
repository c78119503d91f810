# SPDX-License-Identifier: Apache-2.0
"""The documents libtally answers, as frozen dataclasses: one class per document kind
(docs/schema/ has their JSON Schemas).

Every class has typed fields for the document's fields (nested documents typed too, lists
as tuples), ``raw``: the document as it was parsed (also the fields this version of the
binding does not know), and ``from_document(doc)``, which builds one from a parsed
document. A newer library may add fields: they are ignored (and stay in ``raw``). A field
the class needs that is missing or of the wrong type raises :class:`DocumentError`.

Money is int cents; times are what the library answers: Unix seconds (int) for ``at``,
``created_at``, ``journal_seq``..., ISO 8601 text for a card's ``opened_at`` and its
punches' ``at``, and business dates as "YYYY-MM-DD".
"""

from __future__ import annotations

import collections.abc
import dataclasses
import sys
import typing
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Tuple, Type, TypeVar, Union, cast

from .errors import TallyError, error_for

__all__ = [
    "DocumentError",
    "Result",
    # catalog, locations, enrollments, customers
    "CatalogSummary",
    "Catalog",
    "Manufacturer",
    "Distributor",
    "Product",
    "Program",
    "ProgramCard",
    "Location",
    "Enrollment",
    "EnrollmentChange",
    "Customer",
    "AutoEnrollment",
    # checkout
    "SaleLine",
    "LineException",
    "Punch",
    "Reward",
    "AllowedItem",
    "Redemption",
    "CheckoutOutcome",
    "CheckoutResult",
    "Offer",
    "OfferItem",
    "AdoptionEligibility",
    # loyalty points
    "PointsStatus",
    "PointsRewardStatus",
    "PointsActivity",
    "PointsEarned",
    "PointsRewardTaken",
    "CustomerPoints",
    "PointsLot",
    "PointsRewardUse",
    "PointsHistoryEntry",
    # manufacturers' vouchers
    "Voucher",
    # coupons
    "Coupon",
    "CouponRefusal",
    "CouponIssueResult",
    "CouponStatus",
    # cards, credit lines, batches, the journal, corrections
    "Card",
    "CardPunch",
    "CreditLine",
    "HistoryEntry",
    "Batch",
    "BatchDue",
    "JournalEntry",
    "ReturnResult",
    # reports
    "Report",
    "StateTotals",
    "ReportPartner",
    "ReportManufacturer",
    "DeclinedLine",
    "RedemptionRow",
    "ProgramActivity",
    "BrandSales",
    "TransactionRow",
    "PointsLiabilityRow",
    # the Command Center
    "CommandCenter",
    "ActionNeeded",
    "DeclinedCredits",
    "DeclinedStream",
    "TemporaryHolding",
    "HeldProgram",
    "Billing",
    "TopBrands",
    "CenterOffer",
    "AutoEnrolledOffers",
    "MobileApp",
]

R = TypeVar("R", bound="Result")


class DocumentError(ValueError):
    """libtally answered a document this binding cannot read: a field it needs is missing
    or of the wrong type (a library and binding of different versions, or a bug)."""


class Result:
    """The base of the result classes: ``raw`` and ``from_document``."""

    # The parsed document; set by from_document ({} for an object built by hand).
    _raw: Mapping[str, Any]

    @property
    def raw(self) -> Mapping[str, Any]:
        """The document as libtally answered it, parsed from JSON."""
        return getattr(self, "_raw", {})

    @classmethod
    def from_document(cls: Type[R], doc: Any, path: str = "") -> R:
        """Builds one from a parsed document (a dict); `path` names it in errors."""
        where = path or kind_name(cls)
        if not isinstance(doc, Mapping):
            raise DocumentError(f"{where}: expected an object, got {_type_name(doc)}")
        values: Dict[str, Any] = {}
        for name, key, hint, required in _fields(cls):
            if key not in doc:
                if required:
                    raise DocumentError(f"{where}: the field {key!r} is missing")
                continue
            values[name] = _convert(doc[key], hint, f"{where}.{key}")
        made: R = cast(Any, cls)(**values)
        object.__setattr__(made, "_raw", doc)
        return made


# --- Conversion, driven by the dataclass fields' types ------------------------------------

_FIELDS: Dict[type, Tuple[Tuple[str, str, Any, bool], ...]] = {}


def kind_name(cls: type) -> str:
    """"CreditLine" -> "credit_line": how errors name a document of that class."""
    return "".join("_" + c.lower() if c.isupper() else c for c in cls.__name__).lstrip("_")


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _fields(cls: type) -> Tuple[Tuple[str, str, Any, bool], ...]:
    """(attribute, document key, type, required) of each field; required: no default."""
    cached = _FIELDS.get(cls)
    if cached is None:
        hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
        cached = tuple(
            (
                f.name,
                f.metadata.get("key", f.name),
                hints[f.name],
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            )
            for f in dataclasses.fields(cls)
        )
        _FIELDS[cls] = cached
    return cached


def _convert(value: Any, hint: Any, where: str) -> Any:
    if hint is Any:
        return value
    origin = typing.get_origin(hint)
    if origin is Union:
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        failures = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _convert(value, option, where)
            except DocumentError as e:
                failures.append(str(e))
        raise DocumentError(failures[0] if len(failures) == 1 else f"{where}: {_type_name(value)} fits no type of {hint}")
    if origin is tuple:
        item = typing.get_args(hint)[0]
        if not isinstance(value, list):
            raise DocumentError(f"{where}: expected an array, got {_type_name(value)}")
        return tuple(_convert(v, item, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is collections.abc.Mapping or origin is dict:
        item = typing.get_args(hint)[1]
        if not isinstance(value, dict):
            raise DocumentError(f"{where}: expected an object, got {_type_name(value)}")
        if item is Any:
            return value
        return {k: _convert(v, item, f"{where}.{k}") for k, v in value.items()}
    if isinstance(hint, type) and issubclass(hint, Result):
        return hint.from_document(value, where)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise DocumentError(f"{where}: expected an integer, got {_type_name(value)}")
        return value
    if hint in (str, bool):
        if not isinstance(value, hint):
            raise DocumentError(f"{where}: expected a {hint.__name__}, got {_type_name(value)}")
        return value
    raise TypeError(f"tally.results: no conversion to {hint!r} ({where})")  # a bug here


def _empty() -> Mapping[str, Any]:
    return {}


# --- Catalog, locations, enrollments, customers -------------------------------------------


@dataclass(frozen=True)
class CatalogSummary(Result):
    """What load_catalog added and changed (``catalog_summary``)."""

    distributors: int
    products: int
    programs: int
    manufacturers: int = 0


@dataclass(frozen=True)
class Manufacturer(Result):
    id: str
    name: str


@dataclass(frozen=True)
class Distributor(Result):
    id: str
    name: str
    states: Tuple[str, ...] = ()
    manufacturers: Tuple[str, ...] = ()
    account_number_required: bool = False


@dataclass(frozen=True)
class Product(Result):
    upc: str
    description: str
    manufacturer: str = ""
    size: str = ""
    species: str = ""
    category: str = ""


@dataclass(frozen=True)
class ProgramCard(Result):
    """A card (sub-program) of a frequent-buyer program."""

    id: str
    qualifying_upcs: Tuple[str, ...]
    buy_n: int
    name: str = ""
    excluded_upcs: Tuple[str, ...] = ()
    reward_quantity: Optional[int] = None
    free_item_rule: str = ""
    window_days: Optional[int] = None


@dataclass(frozen=True)
class Program(Result):
    """A program of the catalog; its offer and adoption rules are in ``raw``."""

    id: str
    name: str
    kind: str
    manufacturer: str = ""
    fulfillment: str = ""
    audience: str = ""
    private: bool = False
    cards: Tuple[ProgramCard, ...] = ()


@dataclass(frozen=True)
class Catalog(Result):
    """The stored catalog (``catalog``)."""

    manufacturers: Tuple[Manufacturer, ...] = ()
    distributors: Tuple[Distributor, ...] = ()
    products: Tuple[Product, ...] = ()
    programs: Tuple[Program, ...] = ()


@dataclass(frozen=True)
class Location(Result):
    id: str
    name: str
    state: str
    time_zone: str
    master: bool = False


@dataclass(frozen=True)
class Enrollment(Result):
    location: str
    program: str
    distributor: str = ""
    account_number: str = ""
    status: str = "approved"
    source: str = "manual"
    rule: str = ""


@dataclass(frozen=True)
class EnrollmentChange(Result):
    """What enroll answers: the enrollment, and how many held lines it released."""

    enrollment: Enrollment
    released_lines: int


@dataclass(frozen=True)
class Customer(Result):
    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    mailing_address: str = ""
    type: str = "pet_owner"
    test: bool = False
    app_since: Union[int, str, None] = None
    merged_into: str = ""


@dataclass(frozen=True)
class AutoEnrollment(Result):
    id: str
    locations: Tuple[str, ...]
    manufacturer: str
    distributor: str = ""
    account_numbers: Mapping[str, str] = field(default_factory=_empty)


# --- Checkout ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LineException(Result):
    """A sale line forced onto a card as an exception."""

    program: str
    card: str
    reason: str = ""


@dataclass(frozen=True)
class SaleLine(Result):
    upc: str
    quantity: int
    unit_price: int
    exception: Optional[LineException] = None


@dataclass(frozen=True)
class Punch(Result):
    """A punch a sale line made (``punches``)."""

    program: str
    card: str
    card_number: int
    punch_number: int
    line: int
    completes_card: bool
    exception: bool = False


@dataclass(frozen=True)
class AllowedItem(Result):
    """An item a reward allows; unit_price None when the store never sold it."""

    upc: str
    description: str
    unit_price: Optional[int]
    size: str = ""


@dataclass(frozen=True)
class Reward(Result):
    """A completed card waiting for its reward, with exactly the items it allows."""

    program: str
    card: str
    card_number: int
    allowed: Tuple[AllowedItem, ...]
    program_name: str = ""
    card_name: str = ""
    quantity: int = 1
    free_item_rule: str = ""
    max_unit_price: Optional[int] = None
    size: str = ""
    cash_back: Optional[int] = None  # cash-back cards: the money the redemption pays out
    pass_uses_left: Optional[int] = None  # prepaid passes: uses left on the pass


@dataclass(frozen=True)
class Redemption(Result):
    """A redemption (``redemption``); credit_line 0 when it made none."""

    id: int
    kind: str
    program: str
    card: str
    card_number: int
    upc: str
    quantity: int
    unit_price: int
    credit_line: int
    credit_state: str


@dataclass(frozen=True)
class PointsEarned(Result):
    """What one earning event of a points program gave in a visit: its points, and each
    sale line's share of them (``line_points``, in the order of the visit's lines), which a
    return takes back."""

    event: str
    points: int
    line_points: Tuple[int, ...]


@dataclass(frozen=True)
class PointsRewardTaken(Result):
    """A points reward paid in a visit; redemption is its redemption's id (kind "points")."""

    reward: str
    title: str
    points: int
    redemption: int


@dataclass(frozen=True)
class PointsActivity(Result):
    """What a finished visit did in one points program (``points_activity``): the balance
    before, the points that expired, the points earned (by event), the rewards paid, and
    the balance after."""

    program: str
    balance_before: int
    expired: int
    earned: int
    events: Tuple[PointsEarned, ...]
    redeemed: Tuple[PointsRewardTaken, ...]
    balance: int


@dataclass(frozen=True)
class CheckoutResult(Result):
    """A finished visit (``checkout_result``); replayed: a retry of a finished receipt.
    points: what the visit did in each points program the location runs."""

    location: str
    receipt: str
    customer: str
    at: int
    business_date: str
    lines: Tuple[SaleLine, ...]
    punches: Tuple[Punch, ...]
    redemptions: Tuple[Redemption, ...]
    rewards_waiting: Tuple[Reward, ...]
    replayed: bool
    journal_seq: int
    points: Tuple[PointsActivity, ...] = ()


@dataclass(frozen=True)
class CheckoutOutcome(Result):
    """One visit's outcome in ``run_checkouts``: status 0 with its result (``replayed``
    when the receipt was finished before), or the status, name and message of its refusal."""

    status: int
    name: str
    result: Optional[CheckoutResult] = None
    message: str = ""

    @property
    def ok(self) -> bool:
        """Whether the visit is stored (now, or before: ``result.replayed``)."""
        return self.status == 0

    def error(self) -> Optional[TallyError]:
        """The refusal as the exception a single call would raise (its code's class), or None."""
        return None if self.ok else error_for(self.status, self.message, self.name)


@dataclass(frozen=True)
class OfferItem(Result):
    upc: str
    description: str
    unit_price: Optional[int]
    size: str = ""


@dataclass(frozen=True)
class Offer(Result):
    """An offer as it stands for a basket (``offers``); customer_remaining and
    overall_remaining are None for an offer without that limit."""

    offer: str
    name: str
    type: str
    active: bool
    qualifying_units: int
    earned: int
    redeemed: int
    declined: bool
    limit_reached: bool
    available: int
    reward_items: Tuple[OfferItem, ...]
    customer_remaining: Optional[int]
    overall_remaining: Optional[int]
    manufacturer: str = ""
    inactive_reason: str = ""
    rebate: Optional[int] = None


@dataclass(frozen=True)
class AdoptionEligibility(Result):
    eligible: bool
    next_eligible: str
    reason: str = ""


# --- Loyalty points (docs/programs.md#loyalty-points) -------------------------------------


@dataclass(frozen=True)
class PointsRewardStatus(Result):
    """A reward of a points program at the till: its price in points, whether it may be
    taken now (``available``), how many this visit takes (``taken``), and when it may not,
    the status that refuses it (``refusal``, e.g. "insufficient_points") and why."""

    reward: str
    title: str
    points: int
    available: bool
    taken: int
    refusal: str = ""
    reason: str = ""


@dataclass(frozen=True)
class PointsStatus(Result):
    """A points program the location runs, as it stands for the open visit
    (``points_statuses``): the balance before the visit, what the basket earns so far, what
    the rewards taken cost, the balance after, and each active reward."""

    program: str
    name: str
    balance: int
    earned: int
    redeemed: int
    balance_after: int
    redeemable_same_day: bool
    rewards: Tuple[PointsRewardStatus, ...]


@dataclass(frozen=True)
class PointsLot(Result):
    """Points earned on one business day at one location, not yet spent or expired;
    expires_on None when the program's points do not expire."""

    earned_on: str
    location: str
    points: int
    expires_on: Optional[str]


@dataclass(frozen=True)
class PointsRewardUse(Result):
    """How many times the customer took a reward (undone ones not counted)."""

    reward: str
    count: int


@dataclass(frozen=True)
class CustomerPoints(Result):
    """A customer's points in one points program (``customer_points``): the balance
    (negative when a return took back more than it held), the debt, the unexpired lots and
    the rewards taken. active False: the program is switched off."""

    customer: str
    program: str
    name: str
    active: bool
    balance: int
    debt: int
    lots: Tuple[PointsLot, ...]
    rewards_taken: Tuple[PointsRewardUse, ...]


@dataclass(frozen=True)
class Voucher(Result):
    """A manufacturer's voucher (``vouchers``): free product a brand grants a store, state
    "pending", "redeemed" or "expired" (pending past its last day, ``expires``), with the
    items it may be taken in. Once redeemed: the receipt, when and on which business day,
    the item and its price, the redemption and its credit line; before, those are "", None
    and 0."""

    id: str
    program: str
    manufacturer: str
    location: str
    state: str
    expires: str
    note: str
    issued_at: int
    allowed_upcs: Tuple[str, ...]
    receipt: str = ""
    redeemed_at: Optional[int] = None
    redeemed_on: str = ""
    upc: str = ""
    unit_price: int = 0
    redemption: int = 0
    credit_line: int = 0


@dataclass(frozen=True)
class PointsHistoryEntry(Result):
    """A change of a customer's points balance (``points_history``), numbered from 1: kind
    "earned", "redeemed", "expired", "returned", "refunded" or "merged", the change (points, signed)
    and the balance after. receipt, return_id, reward: "" when the change has none;
    redemption: 0 when none."""

    number: int
    kind: str
    points: int
    balance: int
    at: int
    business_date: str
    location: str
    receipt: str = ""
    return_id: str = ""
    reward: str = ""
    redemption: int = 0


# --- Coupons (docs/programs.md#coupons) ----------------------------------------------------


@dataclass(frozen=True)
class Coupon(Result):
    """A coupon a brand issued to a customer (``coupon``): its kind (thank_you, we_miss_you,
    welcome_home), value in cents, the UPCs it applies to (empty: any visit), its dates
    (YYYY-MM-DD, inclusive) and status (issued, redeemed); once redeemed, where, when
    (Unix seconds), and the redemption and credit line it made."""

    id: int
    customer: str
    manufacturer: str
    kind: str
    value: int
    upcs: Tuple[str, ...]
    starts_on: str
    ends_on: str
    issued_at: int
    status: str
    location: str = ""
    receipt: str = ""
    redeemed_at: Optional[int] = None
    redemption: int = 0
    credit_line: int = 0


@dataclass(frozen=True)
class CouponRefusal(Result):
    """A customer the brand may not give the coupon to: the status name (``refusal``, e.g.
    "not_engaged") and why."""

    customer: str
    refusal: str
    reason: str


@dataclass(frozen=True)
class CouponIssueResult(Result):
    """What issue_coupons made: the coupons issued and the customers refused."""

    issued: Tuple[Coupon, ...]
    refused: Tuple[CouponRefusal, ...]


@dataclass(frozen=True)
class CouponStatus(Result):
    """One of the customer's coupons at the till (``coupon_statuses``): whether it may be
    redeemed in this visit now (``usable``), whether the visit redeems it, and when it may
    not, the status that refuses it (``refusal``, e.g. "coupon_expired") and why."""

    coupon: Coupon
    usable: bool
    redeemed: bool
    refusal: str = ""
    reason: str = ""


# --- Cards, credit lines, batches, the journal, corrections --------------------------------


@dataclass(frozen=True)
class CardPunch(Result):
    """A punch on a card; at is ISO 8601 text."""

    upc: str
    unit_price: int
    at: str
    receipt: str
    location: str
    exception: bool = False
    reason: str = ""
    cash_back: int = 0  # cash-back cards: what the punch earned


@dataclass(frozen=True)
class Card(Result):
    """A customer's card (``cards``); opened_at and completed_at are ISO 8601 text."""

    number: int
    customer: str
    program: str
    card: str
    status: str
    required: int
    punch_count: int
    punches: Tuple[CardPunch, ...]
    expired_punches: int
    opened_at: str
    size: str = ""
    debt: int = 0
    completed_at: Optional[str] = None
    redemption: Optional[int] = None
    cash_back: int = 0  # cash-back cards: earned less cash_back_debt, never below zero
    cash_back_debt: int = 0
    pass_uses_left: Optional[int] = None  # prepaid passes


@dataclass(frozen=True)
class HistoryEntry(Result):
    """One step of a credit line's or a batch's history."""

    state: str
    at: int
    actor: str
    note: str


@dataclass(frozen=True)
class CreditLine(Result):
    """A credit line with its whole history (``credit_line``); batch and credit_batch
    are 0 when it is in none."""

    id: int
    stream: str
    state: str
    fulfillment: str
    partner: str
    account_number: str
    program: str
    card: str
    location: str
    customer: str
    receipt: str
    upc: str
    quantity: int
    unit_price: int
    created_at: int
    business_date: str
    program_kind: str
    batch: int
    credit_batch: int
    decline_reason: str
    decline_note: str
    resubmitted_at: Optional[int]
    reverses: int
    history: Tuple[HistoryEntry, ...]
    manufacturer: str = ""
    redemption: int = 0


@dataclass(frozen=True)
class Batch(Result):
    """A batch of credit lines (``batch``); report_lines only in a report's batches."""

    id: int
    kind: str
    partner: str
    stream: str
    name: str
    state: str
    lines: Tuple[int, ...]
    batches: Tuple[int, ...]
    locations: Tuple[str, ...]
    created_at: int
    memo_number: str
    credited_amount: int
    note: str
    history: Tuple[HistoryEntry, ...]
    manufacturer: str = ""
    report_lines: Optional[Tuple[CreditLine, ...]] = None


@dataclass(frozen=True)
class BatchDue(Result):
    """A location's cadence and whether its batch is due (``batches_due``)."""

    location: str
    cadence: str
    anchor_date: str
    due: bool
    new_lines: int


@dataclass(frozen=True)
class JournalEntry(Result):
    """A change, in the form of the call's answer or document (``journal``)."""

    seq: int
    at: int
    kind: str
    document: Mapping[str, Any]


@dataclass(frozen=True)
class ReturnResult(Result):
    """What return_items changed; points_returned: the points it took back."""

    return_id: str
    punches_removed: int
    debt_added: int
    replayed: bool
    cash_back_taken: int = 0  # cash back the returned units had earned (taken off or owed)
    points_returned: int = 0


# --- Reports (docs/reports.md) ------------------------------------------------------------


@dataclass(frozen=True)
class StateTotals(Result):
    """Lines, units and value (cents) of credit lines in one state."""

    lines: int
    units: int
    value: int


@dataclass(frozen=True)
class ReportManufacturer(Result):
    states: Mapping[str, StateTotals]
    lines: Tuple[CreditLine, ...]
    manufacturer: str = ""


@dataclass(frozen=True)
class ReportPartner(Result):
    partner: str
    fulfillment: str
    manufacturers: Tuple[ReportManufacturer, ...] = ()


@dataclass(frozen=True)
class DeclinedLine(Result):
    line: int
    upc: str
    reason: str
    note: str
    partner: str
    manufacturer: str


@dataclass(frozen=True)
class RedemptionRow(Result):
    """A row of redemptions_by_date; at is ISO 8601 text."""

    id: int
    date: str
    at: str
    receipt: str
    customer: str
    program: str
    kind: str
    card: str
    card_number: int
    upc: str
    description: str
    quantity: int
    unit_price: int
    credit_line: int
    credit_state: str
    partner: str
    manufacturer: str = ""


@dataclass(frozen=True)
class ProgramActivity(Result):
    """A row of the participation report."""

    program: str
    unique_customers: int
    cards_punched: int
    items_sold: int
    rewards_earned: int
    rewards_redeemed: int
    manufacturer: str = ""


@dataclass(frozen=True)
class BrandSales(Result):
    """A brand's frequent-buyer sales (participation report, Command Center)."""

    items_sold: int
    sales_cents: int
    manufacturer: str = ""
    name: str = ""


@dataclass(frozen=True)
class TransactionRow(Result):
    """A row of the transactions report: one sale line."""

    date: str
    receipt: str
    customer: str
    upc: str
    description: str
    quantity: int
    manufacturer: str = ""


@dataclass(frozen=True)
class PointsLiabilityRow(Result):
    """A row of the points_liability report: one points program's points outstanding at
    the location (unexpired lots earned there) and how many customers hold them, and the
    negative balances that arose there (owed_points) and how many customers owe them."""

    program: str
    name: str
    points: int
    customers: int
    owed_points: int
    customers_owing: int


@dataclass(frozen=True)
class Report(Result):
    """A JSON report of any kind (``report``): the filters as applied, then the rows of
    its kind, the sections of other kinds empty. ``programs`` is the programs filter;
    the participation report's rows (under the same key) are ``participation``, the
    points_liability report's are ``points_liability`` (with ``as_of`` and the total
    ``points``)."""

    report: str
    location: str
    from_: str = field(metadata={"key": "from"})
    to: str
    distributor: str
    programs: str
    manufacturer: str = ""
    totals: Mapping[str, StateTotals] = field(default_factory=_empty)
    partners: Tuple[ReportPartner, ...] = ()
    declined: Tuple[DeclinedLine, ...] = ()
    batches: Tuple[Batch, ...] = ()
    unbatched: Tuple[CreditLine, ...] = ()
    count: Optional[int] = None
    redemptions: Tuple[RedemptionRow, ...] = ()
    participation: Tuple[ProgramActivity, ...] = ()
    brands: Tuple[BrandSales, ...] = ()
    rows: Tuple[TransactionRow, ...] = ()
    as_of: str = ""
    points: Optional[int] = None
    points_liability: Tuple[PointsLiabilityRow, ...] = ()

    @classmethod
    def from_document(cls, doc: Any, path: str = "") -> "Report":
        if isinstance(doc, Mapping) and isinstance(doc.get("programs"), list):
            raw = doc
            rows = "points_liability" if doc.get("report") == "points_liability" else "participation"
            doc = {k: v for k, v in doc.items() if k != "programs"}
            doc["programs"], doc[rows] = "", raw["programs"]
            report = super().from_document(doc, path)
            object.__setattr__(report, "_raw", raw)
            return report
        return super().from_document(doc, path)


# --- The Command Center (docs/command-center.md) --------------------------------------------


@dataclass(frozen=True)
class DeclinedStream(Result):
    count: int
    lines: Tuple[CreditLine, ...]


@dataclass(frozen=True)
class DeclinedCredits(Result):
    count: int
    free_goods: DeclinedStream
    rebates: DeclinedStream


@dataclass(frozen=True)
class HeldProgram(Result):
    program: str
    name: str
    kind: str
    held_lines: int


@dataclass(frozen=True)
class TemporaryHolding(Result):
    count: int
    programs: Tuple[HeldProgram, ...]


@dataclass(frozen=True)
class Billing(Result):
    flag: str
    needs_action: bool


@dataclass(frozen=True)
class ActionNeeded(Result):
    count: int
    declined_credits: DeclinedCredits
    temporary_holding: TemporaryHolding
    billing: Billing


@dataclass(frozen=True)
class CenterOffer(Result):
    """An offer the Command Center shows (upcoming, or auto-enrolled)."""

    offer: str
    name: str
    type: str
    start: str
    end: str
    enrolled: bool
    enrollment_source: str
    manufacturer: str = ""


@dataclass(frozen=True)
class TopBrands(Result):
    days: int
    brands: Tuple[BrandSales, ...]
    offers: Tuple[CenterOffer, ...]


@dataclass(frozen=True)
class AutoEnrolledOffers(Result):
    current: int
    upcoming: int
    offers: Tuple[CenterOffer, ...]


@dataclass(frozen=True)
class MobileApp(Result):
    customers: int
    joined_this_month: int


@dataclass(frozen=True)
class CommandCenter(Result):
    """What needs the store's action (``command_center``)."""

    location: str
    date: str
    action_needed: ActionNeeded
    offers_from_top_brands: TopBrands
    auto_enrollment: AutoEnrolledOffers
    mobile_app: MobileApp
