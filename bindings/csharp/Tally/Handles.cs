// SPDX-License-Identifier: Apache-2.0
// SafeHandles for tally_engine* and tally_checkout*.
//
// The C ABI requires every checkout to be freed before its engine is closed. Finalizers run
// in no particular order, so a CheckoutHandle holds a SafeHandle reference on its engine
// (DangerousAddRef) until tally_checkout_free has run: even when both become garbage at once,
// or the Engine is disposed while a Checkout is still open, tally_engine_close runs last.
using Microsoft.Win32.SafeHandles;

namespace Tally
{
    internal sealed class EngineHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        // The host-store adapter (Engine.OpenStore) that must outlive the native engine.
        private StoreAdapter _store;

        // The P/Invoke marshaller creates handles through this constructor (out parameters).
        public EngineHandle() : base(true)
        {
        }

        internal void AttachStore(StoreAdapter store)
        {
            _store = store;
        }

        protected override bool ReleaseHandle()
        {
            // Calls the store's destroy callback, if any, before returning.
            NativeMethods.tally_engine_close(handle);
            // Whether or not destroy ran, the store's delegates and GCHandle go only now.
            StoreAdapter store = _store;
            _store = null;
            if (store != null) store.Release();
            return true;
        }
    }

    internal sealed class CheckoutHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        private EngineHandle _engine;

        public CheckoutHandle() : base(true)
        {
        }

        // Takes over a reference the caller already added on the engine (DangerousAddRef).
        internal void AdoptEngineReference(EngineHandle engine)
        {
            _engine = engine;
        }

        protected override bool ReleaseHandle()
        {
            NativeMethods.tally_checkout_free(handle);
            EngineHandle engine = _engine;
            _engine = null;
            if (engine != null) engine.DangerousRelease();
            return true;
        }
    }
}
