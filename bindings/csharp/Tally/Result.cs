// SPDX-License-Identifier: Apache-2.0
// The base of the typed results, the exception for a document the binding cannot read, and
// the field reader the result classes are built with. docs/schema/ has every document's
// JSON Schema. A newer library may add fields: they are ignored (the Json text keeps them).
// A field a class needs that is missing or of the wrong type is a DocumentFormatException
// naming its path ("credit_line.history[0].at: the field 'at' is missing").
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Reflection;
using System.Text;

namespace Tally
{
    /// <summary>
    /// A document libtally answered, as a typed object: the base of every result class.
    /// Money is <c>long</c> cents, times are <c>long</c> Unix seconds, business dates
    /// "YYYY-MM-DD" text; lists are never null.
    /// </summary>
    public abstract class Result
    {
        private readonly JsonValue _node;
        private string _json;

        internal Result(Fields fields)
        {
            _node = fields.Node;
        }

        /// <summary>The document's JSON text as libtally answered it, with any field this
        /// version of the binding does not know.</summary>
        public string Json
        {
            get { return _json ?? (_json = _node.Text); }
        }

        /// <summary>The document's JSON text (<see cref="Json"/>).</summary>
        /// <returns>The JSON text.</returns>
        public override string ToString()
        {
            return Json;
        }

        /// <summary>Reads a document of one kind from its JSON text, e.g. a journal entry's
        /// document or a result kept by the host.</summary>
        /// <typeparam name="T">The result class, e.g. <see cref="CheckoutResult"/>.</typeparam>
        /// <param name="json">The document's JSON text.</param>
        /// <returns>The typed document.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
        /// <exception cref="DocumentFormatException">The text is not JSON, or lacks a field
        /// <typeparamref name="T"/> needs.</exception>
        public static T Parse<T>(string json) where T : Result
        {
            if (json == null) throw new ArgumentNullException("json");
            return Make<T>(new Fields(JsonReader.Parse(json), KindName(typeof(T))));
        }

        // The class's constructor from Fields, found once per class.
        private static readonly Dictionary<Type, ConstructorInfo> Constructors = new Dictionary<Type, ConstructorInfo>();

        internal static T Make<T>(Fields fields) where T : Result
        {
            ConstructorInfo ctor;
            lock (Constructors)
            {
                if (!Constructors.TryGetValue(typeof(T), out ctor))
                {
                    ctor = typeof(T).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, null,
                                                    new[] { typeof(Fields) }, null);
                    if (ctor == null) throw new InvalidOperationException(typeof(T).Name + " cannot be parsed");
                    Constructors.Add(typeof(T), ctor);
                }
            }
            try
            {
                return (T)ctor.Invoke(new object[] { fields });
            }
            catch (TargetInvocationException e)
            {
                if (e.InnerException is DocumentFormatException) throw (DocumentFormatException)e.InnerException;
                throw;
            }
        }

        // A JSON array libtally answered, as a list of one result class.
        internal static IReadOnlyList<T> ListOf<T>(string json) where T : Result
        {
            if (json == null) throw new DocumentFormatException(null, "libtally answered no document");
            return Fields.Items(JsonReader.Parse(json), KindName(typeof(T)) + "s", x => Make<T>(x));
        }

        internal static T One<T>(string json) where T : Result
        {
            if (json == null) throw new DocumentFormatException(null, "libtally answered no document");
            return Make<T>(new Fields(JsonReader.Parse(json), KindName(typeof(T))));
        }

        // "CreditLine" -> "credit_line": how errors name a document of that class.
        internal static string KindName(Type type)
        {
            var b = new StringBuilder();
            foreach (char c in type.Name)
            {
                if (char.IsUpper(c) && b.Length > 0) b.Append('_');
                b.Append(char.ToLowerInvariant(c));
            }
            return b.ToString();
        }
    }

    /// <summary>
    /// libtally answered a document this binding cannot read: not JSON, or a field it needs
    /// is missing or of the wrong type (a library and a binding of different versions, or a bug).
    /// </summary>
    public class DocumentFormatException : FormatException
    {
        /// <summary>Makes one.</summary>
        /// <param name="path">The field at fault, e.g. "batch.history[0].at"; null when the
        /// text is not JSON.</param>
        /// <param name="problem">What is wrong with it.</param>
        public DocumentFormatException(string path, string problem)
            : base(path == null ? problem : path + ": " + problem)
        {
            Path = path;
        }

        /// <summary>The field at fault, e.g. "batch.history[0].at", or null when the text is
        /// not JSON.</summary>
        public string Path { get; }
    }

    // Reads the fields of one JSON object; `Path` names it in errors.
    internal sealed class Fields
    {
        internal readonly JsonValue Node;
        internal readonly string Path;

        internal Fields(JsonValue node, string path)
        {
            if (node.Kind != JsonKind.Object)
                throw new DocumentFormatException(path, "expected an object, got " + node.TypeName);
            Node = node;
            Path = path;
        }

        private string Where(string key)
        {
            return Path + "." + key;
        }

        // The value of a field that must be there.
        private JsonValue Need(string key)
        {
            JsonValue v = Node.Member(key);
            if (v == null) throw new DocumentFormatException(Path, "the field '" + key + "' is missing");
            return v;
        }

        private DocumentFormatException Wrong(string key, string expected, JsonValue v)
        {
            return new DocumentFormatException(Where(key), "expected " + expected + ", got " + v.TypeName);
        }

        internal bool Has(string key)
        {
            return Node.Member(key) != null;
        }

        internal JsonValue Value(string key)
        {
            return Need(key);
        }

        // ---- Text ----------------------------------------------------------------------

        internal string Str(string key)
        {
            return StrOf(key, Need(key));
        }

        // An optional field: `absent` when it is not there.
        internal string Str(string key, string absent)
        {
            JsonValue v = Node.Member(key);
            return v == null ? absent : StrOf(key, v);
        }

        // Absent or null: null.
        internal string NullableStr(string key)
        {
            JsonValue v = Node.Member(key);
            return v == null || v.Kind == JsonKind.Null ? null : StrOf(key, v);
        }

        private string StrOf(string key, JsonValue v)
        {
            if (v.Kind != JsonKind.String) throw Wrong(key, "a string", v);
            return v.StringValue;
        }

        // ---- Numbers -------------------------------------------------------------------

        internal long Long(string key)
        {
            return LongOf(key, Need(key));
        }

        internal long Long(string key, long absent)
        {
            JsonValue v = Node.Member(key);
            return v == null ? absent : LongOf(key, v);
        }

        internal long? NullableLong(string key)
        {
            JsonValue v = Node.Member(key);
            return v == null || v.Kind == JsonKind.Null ? (long?)null : LongOf(key, v);
        }

        private long LongOf(string key, JsonValue v)
        {
            if (v.Kind != JsonKind.Integer) throw Wrong(key, "an integer", v);
            return v.IntegerValue;
        }

        internal int Int(string key)
        {
            return IntOf(key, Need(key));
        }

        internal int Int(string key, int absent)
        {
            JsonValue v = Node.Member(key);
            return v == null ? absent : IntOf(key, v);
        }

        internal int? NullableInt(string key)
        {
            JsonValue v = Node.Member(key);
            return v == null || v.Kind == JsonKind.Null ? (int?)null : IntOf(key, v);
        }

        private int IntOf(string key, JsonValue v)
        {
            long l = LongOf(key, v);
            if (l < int.MinValue || l > int.MaxValue)
                throw new DocumentFormatException(Where(key), l + " is out of range for an int");
            return (int)l;
        }

        // ---- Flags ---------------------------------------------------------------------

        internal bool Bool(string key)
        {
            return BoolOf(key, Need(key));
        }

        internal bool Bool(string key, bool absent)
        {
            JsonValue v = Node.Member(key);
            return v == null ? absent : BoolOf(key, v);
        }

        private bool BoolOf(string key, JsonValue v)
        {
            if (v.Kind != JsonKind.Bool) throw Wrong(key, "a bool", v);
            return v.BoolValue;
        }

        // ---- Nested documents ------------------------------------------------------------

        internal T Doc<T>(string key) where T : Result
        {
            return Result.Make<T>(new Fields(Need(key), Where(key)));
        }

        // Absent or null: null.
        internal T NullableDoc<T>(string key) where T : Result
        {
            JsonValue v = Node.Member(key);
            return v == null || v.Kind == JsonKind.Null ? null : Result.Make<T>(new Fields(v, Where(key)));
        }

        internal IReadOnlyList<T> Docs<T>(string key) where T : Result
        {
            return Items(Need(key), Where(key), x => Result.Make<T>(x));
        }

        // An optional list: empty when absent.
        internal IReadOnlyList<T> OptionalDocs<T>(string key) where T : Result
        {
            JsonValue v = Node.Member(key);
            return v == null ? Empty<T>.List : Items(v, Where(key), x => Result.Make<T>(x));
        }

        internal static IReadOnlyList<T> Items<T>(JsonValue v, string path, Func<Fields, T> make)
        {
            if (v.Kind != JsonKind.Array)
                throw new DocumentFormatException(path, "expected an array, got " + v.TypeName);
            var items = new List<T>(v.Items.Count);
            for (int i = 0; i < v.Items.Count; i++) items.Add(make(new Fields(v.Items[i], path + "[" + i + "]")));
            return new ReadOnlyCollection<T>(items);
        }

        // An object keyed by names (report totals by state), optional: empty when absent.
        internal IReadOnlyDictionary<string, T> DocsByKey<T>(string key, bool required) where T : Result
        {
            JsonValue v = required ? Need(key) : Node.Member(key);
            if (v == null) return Empty<T>.Map;
            if (v.Kind != JsonKind.Object) throw Wrong(key, "an object", v);
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, JsonValue> m in v.Members)
                map.Add(m.Key, Result.Make<T>(new Fields(m.Value, Where(key) + "." + m.Key)));
            return new ReadOnlyDictionary<string, T>(map);
        }

        // ---- Lists of scalars ------------------------------------------------------------

        internal IReadOnlyList<string> Strings(string key, bool required)
        {
            return Scalars(key, required, StrOf);
        }

        internal IReadOnlyList<long> Longs(string key, bool required)
        {
            return Scalars(key, required, LongOf);
        }

        private IReadOnlyList<T> Scalars<T>(string key, bool required, Func<string, JsonValue, T> read)
        {
            JsonValue v = required ? Need(key) : Node.Member(key);
            if (v == null) return Empty<T>.List;
            if (v.Kind != JsonKind.Array) throw Wrong(key, "an array", v);
            var items = new List<T>(v.Items.Count);
            for (int i = 0; i < v.Items.Count; i++) items.Add(read(key + "[" + i + "]", v.Items[i]));
            return new ReadOnlyCollection<T>(items);
        }

        internal IReadOnlyDictionary<string, string> StringsByKey(string key, bool required)
        {
            JsonValue v = required ? Need(key) : Node.Member(key);
            if (v == null) return Empty<string>.Map;
            if (v.Kind != JsonKind.Object) throw Wrong(key, "an object", v);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, JsonValue> m in v.Members) map.Add(m.Key, StrOf(key + "." + m.Key, m.Value));
            return new ReadOnlyDictionary<string, string>(map);
        }

        private static class Empty<T>
        {
            internal static readonly IReadOnlyList<T> List = new ReadOnlyCollection<T>(new T[0]);
            internal static readonly IReadOnlyDictionary<string, T> Map =
                new ReadOnlyDictionary<string, T>(new Dictionary<string, T>());
        }
    }
}
