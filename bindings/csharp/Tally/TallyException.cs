// SPDX-License-Identifier: Apache-2.0
// Tally's status codes as exceptions. Every code in tally.h maps to one family (the same
// families as the Python binding); a till catches what it can act on (NotFoundException,
// InvalidInputException, ...) without listing codes, and Code / Name give the exact status.
// A code newer than this binding is a plain TallyException.
using System;

namespace Tally
{
    // The status codes of tally.h (tally_status): stable numbers, never renumbered.
    public enum TallyStatus
    {
        Ok = 0,
        InvalidArgument = 1,
        MalformedJson = 2,
        InvalidCatalog = 3,
        UnknownUpc = 4,
        UnknownCustomer = 5,
        UnknownProgram = 6,
        UnknownLocation = 7,
        UnknownDistributor = 8,
        DistributorNotServing = 9,
        InvalidQuantity = 10,
        InvalidPrice = 11,
        ReceiptConflict = 12,
        StorageFailed = 13,
        StorageBusy = 14,
        NotFound = 15,
        NotEnrolled = 16,
        RewardNotAvailable = 17,
        ItemNotAllowed = 18,
        ReasonRequired = 19,
        CustomerDataMissing = 20,
        InvalidState = 21,
        WrongActor = 22,
        LimitReached = 23,
        StorageCorrupt = 24,
        Unsupported = 25,
        AccountNumberRequired = 26,
        UnknownManufacturer = 27,
        NotEligible = 28,
        EnrollmentPending = 29,
        EnrollmentDenied = 30,
        Internal = 99
    }

    // Any failure reported by libtally.
    public class TallyException : Exception
    {
        // The tally_status number, e.g. 4.
        public int Code { get; private set; }

        // The status's short name from tally_status_name, e.g. "unknown_upc".
        public string Name { get; private set; }

        public TallyStatus Status
        {
            get { return (TallyStatus)Code; }
        }

        public TallyException(int code, string name, string message)
            : base(string.IsNullOrEmpty(message) ? name : message)
        {
            Code = code;
            Name = name;
        }

        // The exception for a status code; message as read from tally_last_error.
        public static TallyException FromStatus(int code, string message)
        {
            string name = Engine.StatusName(code);
            switch ((TallyStatus)code)
            {
                case TallyStatus.InvalidArgument:
                case TallyStatus.MalformedJson:
                case TallyStatus.InvalidCatalog:
                case TallyStatus.InvalidQuantity:
                case TallyStatus.InvalidPrice:
                case TallyStatus.ReasonRequired:
                case TallyStatus.CustomerDataMissing:
                case TallyStatus.AccountNumberRequired:
                    return new InvalidInputException(code, name, message);
                case TallyStatus.UnknownUpc:
                case TallyStatus.UnknownCustomer:
                case TallyStatus.UnknownProgram:
                case TallyStatus.UnknownLocation:
                case TallyStatus.UnknownDistributor:
                case TallyStatus.UnknownManufacturer:
                case TallyStatus.NotFound:
                    return new NotFoundException(code, name, message);
                case TallyStatus.ReceiptConflict:
                case TallyStatus.InvalidState:
                case TallyStatus.WrongActor:
                case TallyStatus.LimitReached:
                case TallyStatus.RewardNotAvailable:
                case TallyStatus.ItemNotAllowed:
                case TallyStatus.NotEnrolled:
                case TallyStatus.DistributorNotServing:
                case TallyStatus.NotEligible:
                case TallyStatus.EnrollmentPending:
                case TallyStatus.EnrollmentDenied:
                    return new ConflictException(code, name, message);
                case TallyStatus.StorageBusy:
                    return new StorageBusyException(code, name, message);
                case TallyStatus.StorageFailed:
                case TallyStatus.StorageCorrupt:
                    return new StorageException(code, name, message);
                case TallyStatus.Unsupported:
                    return new UnsupportedException(code, name, message);
                case TallyStatus.Internal:
                    return new InternalException(code, name, message);
                default:
                    // A code added by a newer library than this binding knows.
                    return new TallyException(code, name, message);
            }
        }
    }

    // The input was refused as it stands: invalid_argument, malformed_json, invalid_catalog,
    // invalid_quantity, invalid_price, reason_required, customer_data_missing,
    // account_number_required. The message names the field at fault.
    public class InvalidInputException : TallyException
    {
        public InvalidInputException(int code, string name, string message) : base(code, name, message) { }
    }

    // Something named does not exist: unknown_upc, unknown_customer, unknown_program,
    // unknown_location, unknown_distributor, unknown_manufacturer, not_found.
    public class NotFoundException : TallyException
    {
        public NotFoundException(int code, string name, string message) : base(code, name, message) { }
    }

    // The request contradicts what is stored or what the rules allow now: receipt_conflict
    // (the same receipt with other content), invalid_state, wrong_actor, limit_reached,
    // reward_not_available, item_not_allowed, not_enrolled, distributor_not_serving,
    // not_eligible, enrollment_pending, enrollment_denied.
    public class ConflictException : TallyException
    {
        public ConflictException(int code, string name, string message) : base(code, name, message) { }
    }

    // The store failed (storage_failed) or holds data the engine cannot read (storage_corrupt).
    // Nothing of the failed operation was stored.
    public class StorageException : TallyException
    {
        public StorageException(int code, string name, string message) : base(code, name, message) { }
    }

    // The store stayed busy through every retry (storage_busy): the operation may be run again.
    public class StorageBusyException : StorageException
    {
        public StorageBusyException(int code, string name, string message) : base(code, name, message) { }
    }

    // The library does not support the request (unsupported).
    public class UnsupportedException : TallyException
    {
        public UnsupportedException(int code, string name, string message) : base(code, name, message) { }
    }

    // A bug in the library (internal).
    public class InternalException : TallyException
    {
        public InternalException(int code, string name, string message) : base(code, name, message) { }
    }
}
