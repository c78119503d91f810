// SPDX-License-Identifier: Apache-2.0
// Host storage: an ordered key-value store with transactions, written in C#, that the engine
// drives through tally_store_callbacks (Engine.OpenStore).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace Tally
{
    /// <summary>
    /// An ordered key-value store with transactions, for <see cref="Engine.OpenStore"/>.
    /// Keys and values are byte strings (they may contain zero bytes); keys compare as
    /// unsigned bytes, shortest first on a common prefix. The engine never nests
    /// transactions and never leaves one open when a call returns; it may call from several
    /// threads, one transaction at a time per the store's own locking (Begin may block, or
    /// throw <see cref="StoreBusyException"/>).
    /// </summary>
    /// <remarks>
    /// Throw <see cref="StoreBusyException"/> when another writer holds the store: the engine
    /// runs the operation again. Any other exception fails the operation
    /// (<see cref="StorageFailedException"/>), after the engine has called Rollback; its
    /// Message becomes part of the error message.
    /// </remarks>
    public interface IStore
    {
        /// <summary>Begins a transaction.</summary>
        /// <param name="write">Whether it may write.</param>
        void Begin(bool write);
        /// <summary>Commits the open transaction.</summary>
        void Commit();
        /// <summary>Rolls the open transaction back.</summary>
        void Rollback();
        /// <summary>A key's value.</summary>
        /// <param name="key">The key.</param>
        /// <returns>The value, or null when the key is not there.</returns>
        byte[] Get(byte[] key);
        /// <summary>Sets a key's value.</summary>
        /// <param name="key">The key.</param>
        /// <param name="value">The value.</param>
        void Put(byte[] key, byte[] value);
        /// <summary>Removes a key; a missing key is not an error.</summary>
        /// <param name="key">The key.</param>
        void Remove(byte[] key);
        /// <summary>Every key k with first &lt;= k &lt; last, ascending. The engine copies each
        /// pair before asking for the next.</summary>
        /// <param name="first">The first key.</param>
        /// <param name="last">The bound, or null for none.</param>
        /// <returns>The pairs.</returns>
        IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] first, byte[] last);
    }

    /// <summary>Thrown by an <see cref="IStore"/> when another writer holds the store
    /// (<c>TALLY_STORE_BUSY</c>): the engine runs the operation again.</summary>
    public class StoreBusyException : Exception
    {
        /// <summary>Makes one: "the store is busy".</summary>
        public StoreBusyException() : base("the store is busy") { }
        /// <summary>Makes one with a message.</summary>
        /// <param name="message">The message.</param>
        public StoreBusyException(string message) : base(message) { }
        /// <summary>Makes one with a message and its cause.</summary>
        /// <param name="message">The message.</param>
        /// <param name="inner">The cause.</param>
        public StoreBusyException(string message, Exception inner) : base(message, inner) { }
    }

    // tally_store_callbacks, field for field.
    [StructLayout(LayoutKind.Sequential)]
    internal struct StoreCallbacks
    {
        public uint StructSize;
        public uint Version;
        public IntPtr User;
        public IntPtr Begin;
        public IntPtr Commit;
        public IntPtr Rollback;
        public IntPtr Get;
        public IntPtr Put;
        public IntPtr Remove;
        public IntPtr Scan;
        public IntPtr Destroy;
        public IntPtr LastError;
    }

    // Bridges one IStore to the C callbacks for one engine. The engine's `user` pointer is a
    // GCHandle to this adapter, and the adapter holds the delegate instances whose function
    // pointers the engine keeps: both live until Release (destroy, or engine close).
    internal sealed class StoreAdapter
    {
        internal const uint CallbacksVersion = 1; // TALLY_STORE_CALLBACKS_VERSION

        private const int Ok = 0, NotFound = 1, Busy = 2, Failed = 3; // tally_store_status

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int BeginFn(IntPtr user, int write);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int EndFn(IntPtr user);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int GetFn(IntPtr user, IntPtr key, UIntPtr keyLen, IntPtr sink, IntPtr sinkContext);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int PutFn(IntPtr user, IntPtr key, UIntPtr keyLen, IntPtr value, UIntPtr valueLen);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int RemoveFn(IntPtr user, IntPtr key, UIntPtr keyLen);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int ScanFn(IntPtr user, IntPtr first, UIntPtr firstLen, IntPtr last, UIntPtr lastLen,
                                    IntPtr visit, IntPtr visitContext);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void DestroyFn(IntPtr user);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr LastErrorFn(IntPtr user);

        // The engine's functions, called from here.
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void SinkFn(IntPtr sinkContext, IntPtr value, UIntPtr valueLen);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int VisitFn(IntPtr visitContext, IntPtr key, UIntPtr keyLen, IntPtr value, UIntPtr valueLen);

        private readonly IStore _store;

        // Kept alive with the adapter: the engine holds their function pointers.
        private readonly BeginFn _begin = BeginTrampoline;
        private readonly EndFn _commit = CommitTrampoline;
        private readonly EndFn _rollback = RollbackTrampoline;
        private readonly GetFn _get = GetTrampoline;
        private readonly PutFn _put = PutTrampoline;
        private readonly RemoveFn _remove = RemoveTrampoline;
        private readonly ScanFn _scan = ScanTrampoline;
        private readonly DestroyFn _destroy = DestroyTrampoline;
        private readonly LastErrorFn _lastError = LastErrorTrampoline;

        private GCHandle _self;
        private int _released;

        // The engine's sink and visit functions, wrapped once and reused.
        private sealed class Wrapped<T> where T : class
        {
            public readonly IntPtr Pointer;
            public readonly T Fn;
            public Wrapped(IntPtr pointer, T fn) { Pointer = pointer; Fn = fn; }
        }

        private Wrapped<SinkFn> _sink;
        private Wrapped<VisitFn> _visit;

        // The last callback failure on this thread, as NUL-terminated UTF-8 for last_error.
        [ThreadStatic] private static IntPtr t_error;
        [ThreadStatic] private static int t_errorCapacity;

        internal StoreAdapter(IStore store)
        {
            if (store == null) throw new ArgumentNullException("store");
            _store = store;
            _self = GCHandle.Alloc(this, GCHandleType.Normal);
        }

        internal StoreCallbacks Callbacks()
        {
            var c = new StoreCallbacks();
            c.StructSize = (uint)Marshal.SizeOf(typeof(StoreCallbacks));
            c.Version = CallbacksVersion;
            c.User = GCHandle.ToIntPtr(_self);
            c.Begin = Marshal.GetFunctionPointerForDelegate(_begin);
            c.Commit = Marshal.GetFunctionPointerForDelegate(_commit);
            c.Rollback = Marshal.GetFunctionPointerForDelegate(_rollback);
            c.Get = Marshal.GetFunctionPointerForDelegate(_get);
            c.Put = Marshal.GetFunctionPointerForDelegate(_put);
            c.Remove = Marshal.GetFunctionPointerForDelegate(_remove);
            c.Scan = Marshal.GetFunctionPointerForDelegate(_scan);
            c.Destroy = Marshal.GetFunctionPointerForDelegate(_destroy);
            c.LastError = Marshal.GetFunctionPointerForDelegate(_lastError);
            return c;
        }

        // Frees the GCHandle; idempotent. Called by destroy, and after tally_engine_close
        // returns (or a failed open), whichever comes first.
        internal void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            if (_self.IsAllocated) _self.Free();
        }

        // ---- Helpers --------------------------------------------------------------------

        private static StoreAdapter From(IntPtr user)
        {
            return (StoreAdapter)GCHandle.FromIntPtr(user).Target;
        }

        private static byte[] Copy(IntPtr p, UIntPtr len)
        {
            ulong n = len.ToUInt64();
            if (n > int.MaxValue) throw new ArgumentOutOfRangeException("len", "key or value over 2 GB");
            var bytes = new byte[(int)n];
            if (n > 0) Marshal.Copy(p, bytes, 0, (int)n);
            return bytes;
        }

        // Maps an exception from the IStore to a status, remembering its message.
        private static int Fail(Exception e)
        {
            SetError(e.GetType().Name + ": " + e.Message);
            return e is StoreBusyException ? Busy : Failed;
        }

        private static void SetError(string message)
        {
            try
            {
                byte[] bytes = Encoding.UTF8.GetBytes(message ?? string.Empty);
                int need = bytes.Length + 1;
                if (t_error == IntPtr.Zero || t_errorCapacity < need)
                {
                    if (t_error != IntPtr.Zero) Marshal.FreeHGlobal(t_error);
                    t_error = IntPtr.Zero;
                    t_errorCapacity = 0;
                    t_error = Marshal.AllocHGlobal(need);
                    t_errorCapacity = need;
                }
                Marshal.Copy(bytes, 0, t_error, bytes.Length);
                Marshal.WriteByte(t_error, bytes.Length, 0);
            }
            catch (Exception)
            {
                // Out of memory: the engine reports the failure without the text.
            }
        }

        // ---- Trampolines: no exception ever leaves them -----------------------------------

        private static int BeginTrampoline(IntPtr user, int write)
        {
            try
            {
                From(user)._store.Begin(write != 0);
                return Ok;
            }
            catch (Exception e)
            {
                return Fail(e);
            }
        }

        private static int CommitTrampoline(IntPtr user)
        {
            try
            {
                From(user)._store.Commit();
                return Ok;
            }
            catch (Exception e)
            {
                return Fail(e);
            }
        }

        private static int RollbackTrampoline(IntPtr user)
        {
            try
            {
                From(user)._store.Rollback();
                return Ok;
            }
            catch (Exception e)
            {
                return Fail(e);
            }
        }

        private static int GetTrampoline(IntPtr user, IntPtr key, UIntPtr keyLen, IntPtr sink, IntPtr sinkContext)
        {
            try
            {
                StoreAdapter self = From(user);
                byte[] value = self._store.Get(Copy(key, keyLen));
                if (value == null) return NotFound;
                Wrapped<SinkFn> w = self._sink;
                if (w == null || w.Pointer != sink)
                {
                    w = new Wrapped<SinkFn>(sink, (SinkFn)Marshal.GetDelegateForFunctionPointer(sink, typeof(SinkFn)));
                    self._sink = w;
                }
                GCHandle pin = GCHandle.Alloc(value, GCHandleType.Pinned);
                try
                {
                    w.Fn(sinkContext, pin.AddrOfPinnedObject(), new UIntPtr((uint)value.Length));
                }
                finally
                {
                    pin.Free();
                }
                return Ok;
            }
            catch (Exception e)
            {
                return Fail(e);
            }
        }

        private static int PutTrampoline(IntPtr user, IntPtr key, UIntPtr keyLen, IntPtr value, UIntPtr valueLen)
        {
            try
            {
                From(user)._store.Put(Copy(key, keyLen), Copy(value, valueLen));
                return Ok;
            }
            catch (Exception e)
            {
                return Fail(e);
            }
        }

        private static int RemoveTrampoline(IntPtr user, IntPtr key, UIntPtr keyLen)
        {
            try
            {
                From(user)._store.Remove(Copy(key, keyLen));
                return Ok;
            }
            catch (Exception e)
            {
                return Fail(e);
            }
        }

        private static int ScanTrampoline(IntPtr user, IntPtr first, UIntPtr firstLen, IntPtr last, UIntPtr lastLen,
                                          IntPtr visit, IntPtr visitContext)
        {
            try
            {
                StoreAdapter self = From(user);
                byte[] from = Copy(first, firstLen);
                byte[] to = lastLen.ToUInt64() == 0 ? null : Copy(last, lastLen);
                Wrapped<VisitFn> w = self._visit;
                if (w == null || w.Pointer != visit)
                {
                    w = new Wrapped<VisitFn>(visit, (VisitFn)Marshal.GetDelegateForFunctionPointer(visit, typeof(VisitFn)));
                    self._visit = w;
                }
                foreach (KeyValuePair<byte[], byte[]> pair in self._store.Scan(from, to))
                {
                    byte[] k = pair.Key ?? new byte[0];
                    byte[] v = pair.Value ?? new byte[0];
                    GCHandle pk = GCHandle.Alloc(k, GCHandleType.Pinned);
                    GCHandle pv = GCHandle.Alloc(v, GCHandleType.Pinned);
                    int stop;
                    try
                    {
                        stop = w.Fn(visitContext, pk.AddrOfPinnedObject(), new UIntPtr((uint)k.Length),
                                    pv.AddrOfPinnedObject(), new UIntPtr((uint)v.Length));
                    }
                    finally
                    {
                        pv.Free();
                        pk.Free();
                    }
                    if (stop != 0) break;
                }
                return Ok;
            }
            catch (Exception e)
            {
                return Fail(e);
            }
        }

        private static void DestroyTrampoline(IntPtr user)
        {
            try
            {
                From(user).Release();
            }
            catch (Exception)
            {
                // Nothing may cross into native code.
            }
        }

        private static IntPtr LastErrorTrampoline(IntPtr user)
        {
            try
            {
                if (t_error == IntPtr.Zero) SetError(string.Empty);
                return t_error;
            }
            catch (Exception)
            {
                return IntPtr.Zero;
            }
        }
    }
}
