using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Inequalities.Briefing;

/// <summary>
/// The one way the briefing writes HTML, safe by construction: element and attribute names must be plain lower-case
/// names (checked), every text and attribute value goes through the BCL's <see cref="HtmlEncoder"/>, and nothing else
/// reaches the output except the page's own constant style sheet and base64 image data (which holds only
/// <c>[A-Za-z0-9+/=]</c>). There is no way to insert raw markup from data.
/// </summary>
internal sealed partial class HtmlWriter
{
    // Every Unicode range is allowed through as itself (the page is UTF-8); <, >, &, quotes and controls are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _html = new();
    private readonly Stack<string> _open = new();

    public HtmlWriter Doctype()
    {
        _html.Append("<!DOCTYPE html>\n");
        return this;
    }

    /// <summary>Opens an element; attributes with a null value are left out.</summary>
    public HtmlWriter Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        _open.Push(tag);
        return this;
    }

    /// <summary>Closes the innermost open element (which must be <paramref name="tag"/>).</summary>
    public HtmlWriter Close(string tag)
    {
        var open = _open.Pop();
        if (open != tag)
        {
            throw new InvalidOperationException($"HtmlWriter: closing <{tag}> while <{open}> is open.");
        }

        _html.Append("</").Append(tag).Append(">\n");
        return this;
    }

    /// <summary>An element holding only text.</summary>
    public HtmlWriter Element(string tag, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        Text(text);
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A void element (<c>meta</c>, <c>img</c>).</summary>
    public HtmlWriter Void(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        _html.Append('\n');
        return this;
    }

    /// <summary>Text, HTML-encoded.</summary>
    public HtmlWriter Text(string? text)
    {
        if (text is not null)
        {
            _html.Append(Encoder.Encode(text));
        }

        return this;
    }

    /// <summary>An <c>img</c> with the PNG as a data URI (base64 needs no encoding) and its alternative text.</summary>
    public HtmlWriter Png(byte[] png, string alt, int width, int height)
    {
        _html.Append("<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append('"');
        Attribute("alt", alt);
        Attribute("width", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Attribute("height", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _html.Append(">\n");
        return this;
    }

    /// <summary>The page's style sheet: a constant of this library, never data.</summary>
    public HtmlWriter Style(StyleSheet css)
    {
        _html.Append("<style>\n").Append(css.Text).Append("\n</style>\n");
        return this;
    }

    public override string ToString() => _open.Count == 0
        ? _html.ToString()
        : throw new InvalidOperationException($"HtmlWriter: <{string.Join(">, <", _open)}> not closed.");

    private void StartTag(string tag, ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _html.Append('<').Append(Name(tag));
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                Attribute(name, value);
            }
        }

        _html.Append('>');
    }

    private void Attribute(string name, string value) =>
        _html.Append(' ').Append(Name(name)).Append("=\"").Append(Encoder.Encode(value)).Append('"');

    private static string Name(string name) => SafeName().IsMatch(name) ? name : throw new ArgumentException($"'{name}' is not a plain element or attribute name.", nameof(name));

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex SafeName();
}

/// <summary>A style sheet the library itself holds (the only kind <see cref="HtmlWriter.Style"/> takes).</summary>
/// <param name="Text">The CSS.</param>
internal sealed record StyleSheet(string Text);
