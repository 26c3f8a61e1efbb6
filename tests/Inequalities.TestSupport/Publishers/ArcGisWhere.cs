using System.Globalization;
using System.Text;

namespace Inequalities.TestSupport.Publishers;

/// <summary>
/// The SQL-92 subset of an ArcGIS <c>where</c> clause the imitation understands: <c>1=1</c>, <c>FIELD = 'x'</c>,
/// <c>FIELD &lt;&gt; 'x'</c>, <c>FIELD = 5</c>, <c>FIELD IN ('a','b')</c>, <c>FIELD LIKE 'x%'</c> (<c>%</c> and <c>_</c>,
/// case-insensitive), combined with <c>AND</c>, <c>OR</c>, <c>NOT</c> and parentheses. Field names ignore case.
/// Anything else is a <see cref="FormatException"/>, which the service answers with an error body.
/// </summary>
public static class ArcGisWhere
{
    /// <summary>Compiles a where clause against a layer's field names.</summary>
    /// <param name="where">The clause as sent.</param>
    /// <param name="fieldIndex">Field name (any case) to its index in a row.</param>
    /// <returns>A predicate over rows of attribute values.</returns>
    /// <exception cref="FormatException">The clause is not in the subset, or names an unknown field.</exception>
    public static Func<object?[], bool> Compile(string where, IReadOnlyDictionary<string, int> fieldIndex)
    {
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(fieldIndex);
        var parser = new Parser(Tokenise(where), fieldIndex);
        var predicate = parser.Or();
        parser.ExpectEnd();
        return predicate;
    }

    private static List<string> Tokenise(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var literal = new StringBuilder("'");
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("an unterminated string literal");
                    }

                    if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        literal.Append('\'');
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        literal.Append(text[i++]);
                    }
                }

                tokens.Add(literal.ToString());
            }
            else if (c is '(' or ')' or ',' or '=')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '<' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add("<>");
                i += 2;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.' or '-')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else
            {
                throw new FormatException($"the character '{c}'");
            }
        }

        return tokens;
    }

    private sealed class Parser(List<string> tokens, IReadOnlyDictionary<string, int> fields)
    {
        private int _at;

        public Func<object?[], bool> Or()
        {
            var left = And();
            while (Accept("OR"))
            {
                var (a, b) = (left, And());
                left = row => a(row) || b(row);
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (_at < tokens.Count)
            {
                throw new FormatException($"unexpected '{tokens[_at]}'");
            }
        }

        private Func<object?[], bool> And()
        {
            var left = Not();
            while (Accept("AND"))
            {
                var (a, b) = (left, Not());
                left = row => a(row) && b(row);
            }

            return left;
        }

        private Func<object?[], bool> Not()
        {
            if (Accept("NOT"))
            {
                var inner = Not();
                return row => !inner(row);
            }

            if (Accept("("))
            {
                var inner = Or();
                Expect(")");
                return inner;
            }

            var left = Operand();
            if (Accept("IN"))
            {
                Expect("(");
                var values = new List<Func<object?[], object?>> { Operand() };
                while (Accept(","))
                {
                    values.Add(Operand());
                }

                Expect(")");
                return row => values.Any(v => Same(left(row), v(row)));
            }

            var negate = Accept("NOT");
            if (Accept("LIKE"))
            {
                var pattern = Operand();
                return row => Like(left(row), pattern(row)) != negate;
            }

            if (negate)
            {
                throw new FormatException("NOT must come before LIKE");
            }

            if (Accept("="))
            {
                var right = Operand();
                return row => Same(left(row), right(row));
            }

            if (Accept("<>"))
            {
                var right = Operand();
                return row => !Same(left(row), right(row));
            }

            throw new FormatException($"expected =, <>, IN or LIKE after an operand, found '{(_at < tokens.Count ? tokens[_at] : "the end")}'");
        }

        private Func<object?[], object?> Operand()
        {
            if (_at >= tokens.Count)
            {
                throw new FormatException("the clause ends early");
            }

            var token = tokens[_at++];
            if (token.StartsWith('\''))
            {
                var text = token[1..];
                return _ => text;
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return _ => number;
            }

            if (fields.TryGetValue(token, out var index))
            {
                return row => row[index];
            }

            throw new FormatException($"the unknown field '{token}'");
        }

        private bool Accept(string token)
        {
            if (_at < tokens.Count && string.Equals(tokens[_at], token, StringComparison.OrdinalIgnoreCase))
            {
                _at++;
                return true;
            }

            return false;
        }

        private void Expect(string token)
        {
            if (!Accept(token))
            {
                throw new FormatException($"expected '{token}'");
            }
        }

        private static bool Same(object? a, object? b)
        {
            if (a is null || b is null)
            {
                return false;
            }

            if (ToNumber(a) is { } x && ToNumber(b) is { } y)
            {
                return x == y;
            }

            return string.Equals(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        private static double? ToNumber(object value) => value switch
        {
            double d => d,
            long l => l,
            int i => i,
            _ => null,
        };

        private static bool Like(object? value, object? pattern)
        {
            if (value is null || pattern is not string p)
            {
                return false;
            }

            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            var regex = "^" + string.Concat(p.Select(ch => ch switch
            {
                '%' => ".*",
                '_' => ".",
                _ => System.Text.RegularExpressions.Regex.Escape(ch.ToString()),
            })) + "$";
            return System.Text.RegularExpressions.Regex.IsMatch(text, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline);
        }
    }
}
