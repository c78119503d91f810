// SPDX-License-Identifier: Apache-2.0
// The JSON reader behind the typed results (docs/decisions.md 19): RFC 8259 text into a tree
// of JsonValue, each remembering where in the text it stands, so that every result, nested
// ones too, keeps its document's text (Result.Json). Numbers are read as long when they are
// integers (every number libtally answers is), else as double. A malformed document is a
// DocumentFormatException naming the offset.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Tally
{
    internal enum JsonKind
    {
        Null,
        Bool,
        Integer,
        Real,
        String,
        Array,
        Object
    }

    internal sealed class JsonValue
    {
        internal JsonKind Kind;
        internal bool BoolValue;
        internal long IntegerValue;
        internal double RealValue;
        internal string StringValue;
        internal List<JsonValue> Items;
        // Members in document order, and by key.
        internal List<KeyValuePair<string, JsonValue>> Members;
        internal Dictionary<string, JsonValue> ByKey;

        // The whole text, and this value's span in it.
        internal string Source;
        internal int Start;
        internal int End;

        internal string Text
        {
            get { return Source.Substring(Start, End - Start); }
        }

        internal JsonValue Member(string key)
        {
            JsonValue v;
            return ByKey != null && ByKey.TryGetValue(key, out v) ? v : null;
        }

        // How errors name a value's type: "null", "bool", "integer", "string", ...
        internal string TypeName
        {
            get
            {
                switch (Kind)
                {
                    case JsonKind.Null: return "null";
                    case JsonKind.Bool: return "bool";
                    case JsonKind.Integer: return "integer";
                    case JsonKind.Real: return "number";
                    case JsonKind.String: return "string";
                    case JsonKind.Array: return "array";
                    default: return "object";
                }
            }
        }
    }

    internal static class JsonReader
    {
        // Deeper nesting than any document of libtally; bounds the recursion.
        private const int MaxDepth = 256;

        internal static JsonValue Parse(string text)
        {
            if (text == null) throw new ArgumentNullException("text");
            int i = 0;
            JsonValue v = Value(text, ref i, 0);
            Space(text, ref i);
            if (i != text.Length) throw Bad("trailing text", i);
            return v;
        }

        private static DocumentFormatException Bad(string what, int at)
        {
            return new DocumentFormatException(null, "not JSON: " + what + " at offset " + at);
        }

        private static void Space(string s, ref int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
        }

        private static JsonValue Value(string s, ref int i, int depth)
        {
            Space(s, ref i);
            if (i >= s.Length) throw Bad("unexpected end", i);
            if (depth > MaxDepth) throw Bad("nesting too deep", i);
            var v = new JsonValue { Source = s, Start = i };
            char c = s[i];
            if (c == '{')
            {
                v.Kind = JsonKind.Object;
                v.Members = new List<KeyValuePair<string, JsonValue>>();
                v.ByKey = new Dictionary<string, JsonValue>(StringComparer.Ordinal);
                i++;
                Space(s, ref i);
                if (i < s.Length && s[i] == '}')
                {
                    i++;
                }
                else
                {
                    while (true)
                    {
                        Space(s, ref i);
                        int keyAt = i;
                        string key = Str(s, ref i);
                        Space(s, ref i);
                        Expect(s, ref i, ':');
                        JsonValue member = Value(s, ref i, depth + 1);
                        if (v.ByKey.ContainsKey(key)) throw Bad("duplicate key \"" + key + "\"", keyAt);
                        v.ByKey.Add(key, member);
                        v.Members.Add(new KeyValuePair<string, JsonValue>(key, member));
                        Space(s, ref i);
                        if (i < s.Length && s[i] == ',') { i++; continue; }
                        Expect(s, ref i, '}');
                        break;
                    }
                }
            }
            else if (c == '[')
            {
                v.Kind = JsonKind.Array;
                v.Items = new List<JsonValue>();
                i++;
                Space(s, ref i);
                if (i < s.Length && s[i] == ']')
                {
                    i++;
                }
                else
                {
                    while (true)
                    {
                        v.Items.Add(Value(s, ref i, depth + 1));
                        Space(s, ref i);
                        if (i < s.Length && s[i] == ',') { i++; continue; }
                        Expect(s, ref i, ']');
                        break;
                    }
                }
            }
            else if (c == '"')
            {
                v.Kind = JsonKind.String;
                v.StringValue = Str(s, ref i);
            }
            else if (Word(s, ref i, "true"))
            {
                v.Kind = JsonKind.Bool;
                v.BoolValue = true;
            }
            else if (Word(s, ref i, "false"))
            {
                v.Kind = JsonKind.Bool;
            }
            else if (Word(s, ref i, "null"))
            {
                v.Kind = JsonKind.Null;
            }
            else
            {
                Number(s, ref i, v);
            }
            v.End = i;
            return v;
        }

        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        private static void Number(string s, ref int i, JsonValue v)
        {
            int start = i;
            bool integer = true;
            if (i < s.Length && s[i] == '-') i++;
            if (i < s.Length && s[i] == '0') i++;
            else if (!Digits(s, ref i)) throw Bad("unexpected character", start);
            if (i < s.Length && s[i] == '.')
            {
                i++;
                integer = false;
                if (!Digits(s, ref i)) throw Bad("a digit expected", i);
            }
            if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
            {
                i++;
                integer = false;
                if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
                if (!Digits(s, ref i)) throw Bad("a digit expected", i);
            }
            string text = s.Substring(start, i - start);
            long l;
            if (integer && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l))
            {
                v.Kind = JsonKind.Integer;
                v.IntegerValue = l;
                return;
            }
            v.Kind = JsonKind.Real;
            v.RealValue = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private static bool Digits(string s, ref int i)
        {
            int start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            return i > start;
        }

        private static bool Word(string s, ref int i, string w)
        {
            if (string.CompareOrdinal(s, i, w, 0, w.Length) != 0) return false;
            i += w.Length;
            return true;
        }

        private static void Expect(string s, ref int i, char c)
        {
            if (i >= s.Length || s[i] != c) throw Bad("'" + c + "' expected", i);
            i++;
        }

        private static string Str(string s, ref int i)
        {
            Expect(s, ref i, '"');
            var b = new StringBuilder();
            while (true)
            {
                if (i >= s.Length) throw Bad("unterminated string", i);
                char c = s[i++];
                if (c == '"') return b.ToString();
                if (c < 0x20) throw Bad("a control character in a string", i - 1);
                if (c != '\\') { b.Append(c); continue; }
                if (i >= s.Length) throw Bad("unterminated string", i);
                char e = s[i++];
                switch (e)
                {
                    case '"': b.Append('"'); break;
                    case '\\': b.Append('\\'); break;
                    case '/': b.Append('/'); break;
                    case 'b': b.Append('\b'); break;
                    case 'f': b.Append('\f'); break;
                    case 'n': b.Append('\n'); break;
                    case 'r': b.Append('\r'); break;
                    case 't': b.Append('\t'); break;
                    case 'u':
                        int code;
                        if (i + 4 > s.Length ||
                            !int.TryParse(s.Substring(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
                                          out code))
                            throw Bad("a bad \\u escape", i - 2);
                        b.Append((char)code);
                        i += 4;
                        break;
                    default:
                        throw Bad("a bad escape", i - 2);
                }
            }
        }
    }
}
