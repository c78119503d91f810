// SPDX-License-Identifier: Apache-2.0
// Which file DllImport("tally") loads (docs/bindings.md). On .NET Core 3.0 and later (.NET 5+)
// a resolver tries, in order: the path in TALLY_LIBRARY; tally.dll on Windows; libtally.so.0
// (the SONAME, all that the runtime package libtally0 and the NuGet package's linux-x64 folder
// carry), then libtally.so, on Linux; libtally.0.dylib and libtally.dylib on macOS; each by the
// runtime's own search (the application's folder, the NuGet package's runtimes/<rid>/native/).
// When none loads, the runtime's default probing for "tally" runs as before. The resolver is
// installed through reflection, so the same source builds for netstandard2.0 and with Mono's
// mcs; .NET Framework loads tally.dll by itself, and Mono maps "tally" to libtally.so.0 with
// Tally.dll.config.
using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Tally
{
    internal static class NativeLibraryLoader
    {
        private static MethodInfo tryLoad;

        /// <summary>Installs the resolver for the assembly's DllImport("tally"), where the runtime has one.</summary>
        internal static void Install(Assembly assembly)
        {
            Type nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", false);
            Type resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver", false);
            if (nativeLibrary == null || resolverType == null)
                return;
            MethodInfo set = nativeLibrary.GetMethod("SetDllImportResolver", new[] { typeof(Assembly), resolverType });
            tryLoad = nativeLibrary.GetMethod("TryLoad",
                new[] { typeof(string), typeof(Assembly), typeof(DllImportSearchPath?), typeof(IntPtr).MakeByRefType() });
            MethodInfo resolve = typeof(NativeLibraryLoader).GetMethod("Resolve", BindingFlags.NonPublic | BindingFlags.Static);
            if (set == null || tryLoad == null || resolve == null)
                return;
            set.Invoke(null, new object[] { assembly, Delegate.CreateDelegate(resolverType, resolve) });
        }

        /// <summary>The file names tried for "tally", in order, on this system.</summary>
        internal static string[] Candidates()
        {
            string path = Environment.GetEnvironmentVariable("TALLY_LIBRARY");
            if (!string.IsNullOrEmpty(path))
                return new[] { path };
            if (Path.DirectorySeparatorChar == '\\')
                return new[] { "tally.dll" };
            return new[] { "libtally.so.0", "libtally.so", "libtally.0.dylib", "libtally.dylib" };
        }

        private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
        {
            if (name != NativeMethods.Lib)
                return IntPtr.Zero;
            foreach (string candidate in Candidates())
            {
                object[] arguments = { candidate, assembly, searchPath, IntPtr.Zero };
                if ((bool)tryLoad.Invoke(null, arguments))
                    return (IntPtr)arguments[3];
            }
            return IntPtr.Zero;
        }
    }
}
