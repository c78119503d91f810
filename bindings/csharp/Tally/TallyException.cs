// SPDX-License-Identifier: Apache-2.0
// Tally's status codes as exceptions: one class per code of include/tally/status_codes.def,
// named after the code (receipt_conflict: ReceiptConflictException), each under its family
// (InvalidInputException, NotFoundException, ConflictException, StorageException,
// StorageBusyException, UnsupportedException, InternalException), all under TallyException.
// Where a code's name is its family's (not_found, storage_busy, unsupported, internal) the
// family class is the code's class. A till catches what it can act on (a family, or one
// code); Code / Name / Field give the exact status. A code newer than this binding is a
// plain TallyException. tests/sources_of_truth.py and the C# tests hold this file to
// status_codes.def.
using System;
using System.Text.RegularExpressions;

namespace Tally
{
    /// <summary>The status codes of tally.h (<c>tally_status</c>): stable numbers, never
    /// renumbered or reused.</summary>
    public enum TallyStatus
    {
        /// <summary>Success (<c>ok</c>).</summary>
        Ok = 0,
        /// <summary>A field out of range or of the wrong form (<c>invalid_argument</c>).</summary>
        InvalidArgument = 1,
        /// <summary>Not JSON, or not of the expected shape (<c>malformed_json</c>).</summary>
        MalformedJson = 2,
        /// <summary>A catalog document failed validation (nothing was stored) (<c>invalid_catalog</c>).</summary>
        InvalidCatalog = 3,
        /// <summary>No product in the catalog has this UPC (<c>unknown_upc</c>).</summary>
        UnknownUpc = 4,
        /// <summary>No customer has this id (<c>unknown_customer</c>).</summary>
        UnknownCustomer = 5,
        /// <summary>No program in the catalog has this id (<c>unknown_program</c>).</summary>
        UnknownProgram = 6,
        /// <summary>No location has this id (<c>unknown_location</c>).</summary>
        UnknownLocation = 7,
        /// <summary>No distributor in the catalog has this id (<c>unknown_distributor</c>).</summary>
        UnknownDistributor = 8,
        /// <summary>The distributor does not serve the location's state, or the brand (<c>distributor_not_serving</c>).</summary>
        DistributorNotServing = 9,
        /// <summary>A quantity out of range (<c>invalid_quantity</c>).</summary>
        InvalidQuantity = 10,
        /// <summary>A price out of range, or no price where one is needed (<c>invalid_price</c>).</summary>
        InvalidPrice = 11,
        /// <summary>The receipt (or return id) was finished before with other content (<c>receipt_conflict</c>).</summary>
        ReceiptConflict = 12,
        /// <summary>The store reported a failure; nothing was written (<c>storage_failed</c>).</summary>
        StorageFailed = 13,
        /// <summary>The store stayed busy through every retry (<c>storage_busy</c>).</summary>
        StorageBusy = 14,
        /// <summary>A record asked for by id does not exist (<c>not_found</c>).</summary>
        NotFound = 15,
        /// <summary>The location is not enrolled in the program (<c>not_enrolled</c>).</summary>
        NotEnrolled = 16,
        /// <summary>No completed card (or earned offer reward) to redeem (<c>reward_not_available</c>).</summary>
        RewardNotAvailable = 17,
        /// <summary>The free item is not one the rule allows (<c>item_not_allowed</c>).</summary>
        ItemNotAllowed = 18,
        /// <summary>Multi-punch or exception without a reason (<c>reason_required</c>).</summary>
        ReasonRequired = 19,
        /// <summary>The program needs customer data that is absent (<c>customer_data_missing</c>).</summary>
        CustomerDataMissing = 20,
        /// <summary>The operation does not fit the object's state (<c>invalid_state</c>).</summary>
        InvalidState = 21,
        /// <summary>The transition is not this actor's (<c>wrong_actor</c>).</summary>
        WrongActor = 22,
        /// <summary>An offer limit would be exceeded (<c>limit_reached</c>).</summary>
        LimitReached = 23,
        /// <summary>A stored record could not be read back (<c>storage_corrupt</c>).</summary>
        StorageCorrupt = 24,
        /// <summary>A storage format or feature this build does not know (<c>unsupported</c>).</summary>
        Unsupported = 25,
        /// <summary>The enrollment needs the distributor's account number (<c>account_number_required</c>).</summary>
        AccountNumberRequired = 26,
        /// <summary>No manufacturer in the catalog has this id (<c>unknown_manufacturer</c>).</summary>
        UnknownManufacturer = 27,
        /// <summary>Adoption rules refuse the bundle (<c>not_eligible</c>).</summary>
        NotEligible = 28,
        /// <summary>A private program's enrollment awaits the brand (<c>enrollment_pending</c>).</summary>
        EnrollmentPending = 29,
        /// <summary>The brand denied the store; it cannot re-apply (<c>enrollment_denied</c>).</summary>
        EnrollmentDenied = 30,
        /// <summary>The customer's points cannot pay for the reward (<c>insufficient_points</c>).</summary>
        InsufficientPoints = 31,
        /// <summary>The customer has no uses left on a prepaid pass (<c>pass_used_up</c>).</summary>
        PassUsedUp = 32,
        /// <summary>The coupon was redeemed before (<c>coupon_used</c>).</summary>
        CouponUsed = 33,
        /// <summary>The coupon is outside its period (<c>coupon_expired</c>).</summary>
        CouponExpired = 34,
        /// <summary>The coupon is not for this customer, store or basket (<c>coupon_not_applicable</c>).</summary>
        CouponNotApplicable = 35,
        /// <summary>The customer has not engaged with the brand (<c>not_engaged</c>).</summary>
        NotEngaged = 36,
        /// <summary>The manufacturer's voucher was redeemed already (<c>voucher_used</c>).</summary>
        VoucherUsed = 37,
        /// <summary>The manufacturer's voucher is past its expiry date (<c>voucher_expired</c>).</summary>
        VoucherExpired = 38,
        /// <summary>The record belongs to another location of the account (<c>wrong_location</c>).</summary>
        WrongLocation = 39,
        /// <summary>A bug; the operation did not happen (<c>internal</c>).</summary>
        Internal = 99,
    }

    /// <summary>Any failure reported by libtally.</summary>
    public class TallyException : Exception
    {
        // "lines[0].upc: ..." -> "lines[0].upc"
        private static readonly Regex FieldPrefix = new Regex(
            @"^([A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])*(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])*)*): ",
            RegexOptions.CultureInvariant);

        /// <summary>Makes one for a status code; the classes of the codes call it.</summary>
        /// <param name="code">The <c>tally_status</c> number.</param>
        /// <param name="name">Its short name, e.g. "unknown_upc".</param>
        /// <param name="message">The library's message ("" or null: the name).</param>
        public TallyException(int code, string name, string message)
            : base(string.IsNullOrEmpty(message) ? name : message)
        {
            Code = code;
            Name = name;
            Field = FieldOf(message);
        }

        /// <summary>The <c>tally_status</c> number, e.g. 4.</summary>
        public int Code { get; }

        /// <summary>The status's short name from <c>tally_status_name</c>, e.g. "unknown_upc".</summary>
        public string Name { get; }

        /// <summary>The field the message names as its prefix ("lines[0].upc" of
        /// "lines[0].upc: not in the catalog"), or null when it names none.</summary>
        public string Field { get; }

        /// <summary>The code as a <see cref="TallyStatus"/>.</summary>
        public TallyStatus Status
        {
            get { return (TallyStatus)Code; }
        }

        /// <summary>The field a message names as its prefix, or null.</summary>
        /// <param name="message">A message of libtally.</param>
        /// <returns>The field, e.g. "lines[0].upc", or null.</returns>
        public static string FieldOf(string message)
        {
            if (string.IsNullOrEmpty(message)) return null;
            Match m = FieldPrefix.Match(message);
            return m.Success ? m.Groups[1].Value : null;
        }

        /// <summary>The exception of a status code: its code's class, or a plain
        /// TallyException for a code this binding does not know.</summary>
        /// <param name="code">The non-zero <c>tally_status</c>.</param>
        /// <param name="message">The library's message (<c>tally_last_error</c>).</param>
        /// <returns>The exception, not thrown.</returns>
        public static TallyException FromStatus(int code, string message)
        {
            switch ((TallyStatus)code)
            {
                case TallyStatus.InvalidArgument: return new InvalidArgumentException(message);
                case TallyStatus.MalformedJson: return new MalformedJsonException(message);
                case TallyStatus.InvalidCatalog: return new InvalidCatalogException(message);
                case TallyStatus.UnknownUpc: return new UnknownUpcException(message);
                case TallyStatus.UnknownCustomer: return new UnknownCustomerException(message);
                case TallyStatus.UnknownProgram: return new UnknownProgramException(message);
                case TallyStatus.UnknownLocation: return new UnknownLocationException(message);
                case TallyStatus.UnknownDistributor: return new UnknownDistributorException(message);
                case TallyStatus.DistributorNotServing: return new DistributorNotServingException(message);
                case TallyStatus.InvalidQuantity: return new InvalidQuantityException(message);
                case TallyStatus.InvalidPrice: return new InvalidPriceException(message);
                case TallyStatus.ReceiptConflict: return new ReceiptConflictException(message);
                case TallyStatus.StorageFailed: return new StorageFailedException(message);
                case TallyStatus.StorageBusy: return new StorageBusyException(message);
                case TallyStatus.NotFound: return new NotFoundException(message);
                case TallyStatus.NotEnrolled: return new NotEnrolledException(message);
                case TallyStatus.RewardNotAvailable: return new RewardNotAvailableException(message);
                case TallyStatus.ItemNotAllowed: return new ItemNotAllowedException(message);
                case TallyStatus.ReasonRequired: return new ReasonRequiredException(message);
                case TallyStatus.CustomerDataMissing: return new CustomerDataMissingException(message);
                case TallyStatus.InvalidState: return new InvalidStateException(message);
                case TallyStatus.WrongActor: return new WrongActorException(message);
                case TallyStatus.LimitReached: return new LimitReachedException(message);
                case TallyStatus.StorageCorrupt: return new StorageCorruptException(message);
                case TallyStatus.Unsupported: return new UnsupportedException(message);
                case TallyStatus.AccountNumberRequired: return new AccountNumberRequiredException(message);
                case TallyStatus.UnknownManufacturer: return new UnknownManufacturerException(message);
                case TallyStatus.NotEligible: return new NotEligibleException(message);
                case TallyStatus.EnrollmentPending: return new EnrollmentPendingException(message);
                case TallyStatus.EnrollmentDenied: return new EnrollmentDeniedException(message);
                case TallyStatus.InsufficientPoints: return new InsufficientPointsException(message);
                case TallyStatus.PassUsedUp: return new PassUsedUpException(message);
                case TallyStatus.CouponUsed: return new CouponUsedException(message);
                case TallyStatus.CouponExpired: return new CouponExpiredException(message);
                case TallyStatus.CouponNotApplicable: return new CouponNotApplicableException(message);
                case TallyStatus.NotEngaged: return new NotEngagedException(message);
                case TallyStatus.VoucherUsed: return new VoucherUsedException(message);
                case TallyStatus.VoucherExpired: return new VoucherExpiredException(message);
                case TallyStatus.WrongLocation: return new WrongLocationException(message);
                case TallyStatus.Internal: return new InternalException(message);
                default:
                    // A code added by a newer library than this binding knows.
                    return new TallyException(code, Engine.StatusName(code), message);
            }
        }
    }

    // ---- The families -------------------------------------------------------------------

    /// <summary>The input was refused as it stands; the message names the field at fault.</summary>
    public class InvalidInputException : TallyException
    {
        /// <summary>Makes one; the classes of the family's codes call it.</summary>
        /// <param name="code">The status code.</param>
        /// <param name="name">Its short name.</param>
        /// <param name="message">The library's message.</param>
        protected InvalidInputException(int code, string name, string message) : base(code, name, message) { }
    }

    /// <summary>Something named by id does not exist; as itself, a record asked for by id
    /// (<c>not_found</c>, 15).</summary>
    public class NotFoundException : TallyException
    {
        /// <summary>Makes one of <c>not_found</c> with the library's message.</summary>
        /// <param name="message">The message.</param>
        public NotFoundException(string message) : base((int)TallyStatus.NotFound, "not_found", message) { }

        /// <summary>Makes one; the classes of the family's codes call it.</summary>
        /// <param name="code">The status code.</param>
        /// <param name="name">Its short name.</param>
        /// <param name="message">The library's message.</param>
        protected NotFoundException(int code, string name, string message) : base(code, name, message) { }
    }

    /// <summary>The request contradicts what is stored or what the rules allow now.</summary>
    public class ConflictException : TallyException
    {
        /// <summary>Makes one; the classes of the family's codes call it.</summary>
        /// <param name="code">The status code.</param>
        /// <param name="name">Its short name.</param>
        /// <param name="message">The library's message.</param>
        protected ConflictException(int code, string name, string message) : base(code, name, message) { }
    }

    /// <summary>The store failed, or holds data the engine cannot read; nothing of the
    /// failed operation was stored.</summary>
    public class StorageException : TallyException
    {
        /// <summary>Makes one; the classes of the family's codes call it.</summary>
        /// <param name="code">The status code.</param>
        /// <param name="name">Its short name.</param>
        /// <param name="message">The library's message.</param>
        protected StorageException(int code, string name, string message) : base(code, name, message) { }
    }

    /// <summary>The store stayed busy through every retry (<c>storage_busy</c>, 14): the
    /// operation may be run again.</summary>
    public class StorageBusyException : StorageException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message.</param>
        public StorageBusyException(string message) : base((int)TallyStatus.StorageBusy, "storage_busy", message) { }
    }

    /// <summary>A storage format or feature this build does not know (<c>unsupported</c>, 25).</summary>
    public class UnsupportedException : TallyException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message.</param>
        public UnsupportedException(string message) : base((int)TallyStatus.Unsupported, "unsupported", message) { }
    }

    /// <summary>A bug in the library; the operation did not happen (<c>internal</c>, 99).</summary>
    public class InternalException : TallyException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message.</param>
        public InternalException(string message) : base((int)TallyStatus.Internal, "internal", message) { }
    }

    // ---- One class per code (the summary is the code's meaning in status_codes.def) ------

    /// <summary>A field out of range or of the wrong form (<c>invalid_argument</c>, 1).</summary>
    public class InvalidArgumentException : InvalidInputException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public InvalidArgumentException(string message) : base((int)TallyStatus.InvalidArgument, "invalid_argument", message) { }
    }

    /// <summary>Not JSON, or not of the expected shape (<c>malformed_json</c>, 2).</summary>
    public class MalformedJsonException : InvalidInputException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public MalformedJsonException(string message) : base((int)TallyStatus.MalformedJson, "malformed_json", message) { }
    }

    /// <summary>A catalog document failed validation (nothing was stored) (<c>invalid_catalog</c>, 3).</summary>
    public class InvalidCatalogException : InvalidInputException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public InvalidCatalogException(string message) : base((int)TallyStatus.InvalidCatalog, "invalid_catalog", message) { }
    }

    /// <summary>No product in the catalog has this UPC (<c>unknown_upc</c>, 4).</summary>
    public class UnknownUpcException : NotFoundException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public UnknownUpcException(string message) : base((int)TallyStatus.UnknownUpc, "unknown_upc", message) { }
    }

    /// <summary>No customer has this id (<c>unknown_customer</c>, 5).</summary>
    public class UnknownCustomerException : NotFoundException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public UnknownCustomerException(string message) : base((int)TallyStatus.UnknownCustomer, "unknown_customer", message) { }
    }

    /// <summary>No program in the catalog has this id (<c>unknown_program</c>, 6).</summary>
    public class UnknownProgramException : NotFoundException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public UnknownProgramException(string message) : base((int)TallyStatus.UnknownProgram, "unknown_program", message) { }
    }

    /// <summary>No location has this id (<c>unknown_location</c>, 7).</summary>
    public class UnknownLocationException : NotFoundException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public UnknownLocationException(string message) : base((int)TallyStatus.UnknownLocation, "unknown_location", message) { }
    }

    /// <summary>No distributor in the catalog has this id (<c>unknown_distributor</c>, 8).</summary>
    public class UnknownDistributorException : NotFoundException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public UnknownDistributorException(string message) : base((int)TallyStatus.UnknownDistributor, "unknown_distributor", message) { }
    }

    /// <summary>The distributor does not serve the location's state, or the brand (<c>distributor_not_serving</c>, 9).</summary>
    public class DistributorNotServingException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public DistributorNotServingException(string message) : base((int)TallyStatus.DistributorNotServing, "distributor_not_serving", message) { }
    }

    /// <summary>A quantity out of range (<c>invalid_quantity</c>, 10).</summary>
    public class InvalidQuantityException : InvalidInputException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public InvalidQuantityException(string message) : base((int)TallyStatus.InvalidQuantity, "invalid_quantity", message) { }
    }

    /// <summary>A price out of range, or no price where one is needed (<c>invalid_price</c>, 11).</summary>
    public class InvalidPriceException : InvalidInputException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public InvalidPriceException(string message) : base((int)TallyStatus.InvalidPrice, "invalid_price", message) { }
    }

    /// <summary>The receipt (or return id) was finished before with other content (<c>receipt_conflict</c>, 12).</summary>
    public class ReceiptConflictException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public ReceiptConflictException(string message) : base((int)TallyStatus.ReceiptConflict, "receipt_conflict", message) { }
    }

    /// <summary>The store reported a failure; nothing was written (<c>storage_failed</c>, 13).</summary>
    public class StorageFailedException : StorageException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public StorageFailedException(string message) : base((int)TallyStatus.StorageFailed, "storage_failed", message) { }
    }

    /// <summary>The location is not enrolled in the program (<c>not_enrolled</c>, 16).</summary>
    public class NotEnrolledException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public NotEnrolledException(string message) : base((int)TallyStatus.NotEnrolled, "not_enrolled", message) { }
    }

    /// <summary>No completed card (or earned offer reward) to redeem (<c>reward_not_available</c>, 17).</summary>
    public class RewardNotAvailableException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public RewardNotAvailableException(string message) : base((int)TallyStatus.RewardNotAvailable, "reward_not_available", message) { }
    }

    /// <summary>The free item is not one the rule allows (<c>item_not_allowed</c>, 18).</summary>
    public class ItemNotAllowedException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public ItemNotAllowedException(string message) : base((int)TallyStatus.ItemNotAllowed, "item_not_allowed", message) { }
    }

    /// <summary>Multi-punch or exception without a reason (<c>reason_required</c>, 19).</summary>
    public class ReasonRequiredException : InvalidInputException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public ReasonRequiredException(string message) : base((int)TallyStatus.ReasonRequired, "reason_required", message) { }
    }

    /// <summary>The program needs customer data that is absent (<c>customer_data_missing</c>, 20).</summary>
    public class CustomerDataMissingException : InvalidInputException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public CustomerDataMissingException(string message) : base((int)TallyStatus.CustomerDataMissing, "customer_data_missing", message) { }
    }

    /// <summary>The operation does not fit the object's state (<c>invalid_state</c>, 21).</summary>
    public class InvalidStateException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public InvalidStateException(string message) : base((int)TallyStatus.InvalidState, "invalid_state", message) { }
    }

    /// <summary>The transition is not this actor's (<c>wrong_actor</c>, 22).</summary>
    public class WrongActorException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public WrongActorException(string message) : base((int)TallyStatus.WrongActor, "wrong_actor", message) { }
    }

    /// <summary>An offer limit would be exceeded (<c>limit_reached</c>, 23).</summary>
    public class LimitReachedException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public LimitReachedException(string message) : base((int)TallyStatus.LimitReached, "limit_reached", message) { }
    }

    /// <summary>A stored record could not be read back (<c>storage_corrupt</c>, 24).</summary>
    public class StorageCorruptException : StorageException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public StorageCorruptException(string message) : base((int)TallyStatus.StorageCorrupt, "storage_corrupt", message) { }
    }

    /// <summary>The enrollment needs the distributor's account number (<c>account_number_required</c>, 26).</summary>
    public class AccountNumberRequiredException : InvalidInputException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public AccountNumberRequiredException(string message) : base((int)TallyStatus.AccountNumberRequired, "account_number_required", message) { }
    }

    /// <summary>No manufacturer in the catalog has this id (<c>unknown_manufacturer</c>, 27).</summary>
    public class UnknownManufacturerException : NotFoundException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public UnknownManufacturerException(string message) : base((int)TallyStatus.UnknownManufacturer, "unknown_manufacturer", message) { }
    }

    /// <summary>Adoption rules refuse the bundle (<c>not_eligible</c>, 28).</summary>
    public class NotEligibleException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public NotEligibleException(string message) : base((int)TallyStatus.NotEligible, "not_eligible", message) { }
    }

    /// <summary>A private program's enrollment awaits the brand (<c>enrollment_pending</c>, 29).</summary>
    public class EnrollmentPendingException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public EnrollmentPendingException(string message) : base((int)TallyStatus.EnrollmentPending, "enrollment_pending", message) { }
    }

    /// <summary>The brand denied the store; it cannot re-apply (<c>enrollment_denied</c>, 30).</summary>
    public class EnrollmentDeniedException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public EnrollmentDeniedException(string message) : base((int)TallyStatus.EnrollmentDenied, "enrollment_denied", message) { }
    }

    /// <summary>The customer's points cannot pay for the reward (<c>insufficient_points</c>, 31).</summary>
    public class InsufficientPointsException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public InsufficientPointsException(string message) : base((int)TallyStatus.InsufficientPoints, "insufficient_points", message) { }
    }

    /// <summary>The customer has no uses left on a prepaid pass (<c>pass_used_up</c>, 32).</summary>
    public class PassUsedUpException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public PassUsedUpException(string message) : base((int)TallyStatus.PassUsedUp, "pass_used_up", message) { }
    }

    /// <summary>The coupon was redeemed before (<c>coupon_used</c>, 33).</summary>
    public class CouponUsedException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public CouponUsedException(string message) : base((int)TallyStatus.CouponUsed, "coupon_used", message) { }
    }

    /// <summary>The coupon is outside its period (<c>coupon_expired</c>, 34).</summary>
    public class CouponExpiredException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public CouponExpiredException(string message) : base((int)TallyStatus.CouponExpired, "coupon_expired", message) { }
    }

    /// <summary>The coupon is not for this customer, store or basket (<c>coupon_not_applicable</c>, 35).</summary>
    public class CouponNotApplicableException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public CouponNotApplicableException(string message) : base((int)TallyStatus.CouponNotApplicable, "coupon_not_applicable", message) { }
    }

    /// <summary>The customer has not engaged with the brand (<c>not_engaged</c>, 36).</summary>
    public class NotEngagedException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public NotEngagedException(string message) : base((int)TallyStatus.NotEngaged, "not_engaged", message) { }
    }

    /// <summary>The manufacturer's voucher was redeemed already (<c>voucher_used</c>, 37).</summary>
    public class VoucherUsedException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public VoucherUsedException(string message) : base((int)TallyStatus.VoucherUsed, "voucher_used", message) { }
    }

    /// <summary>The manufacturer's voucher is past its expiry date (<c>voucher_expired</c>, 38).</summary>
    public class VoucherExpiredException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public VoucherExpiredException(string message) : base((int)TallyStatus.VoucherExpired, "voucher_expired", message) { }
    }

    /// <summary>The record belongs to another location of the account (<c>wrong_location</c>, 39).</summary>
    public class WrongLocationException : ConflictException
    {
        /// <summary>Makes one with the library's message.</summary>
        /// <param name="message">The message, naming the field at fault.</param>
        public WrongLocationException(string message) : base((int)TallyStatus.WrongLocation, "wrong_location", message) { }
    }
}
