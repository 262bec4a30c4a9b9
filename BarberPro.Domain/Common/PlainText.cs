using System.Text;

namespace BarberPro.Domain.Common;

/// <summary>
/// Cleans what people type before an entity keeps it: control characters, bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), direction marks (U+200E, U+200F, U+061C) and zero-width characters (U+200B–U+200D,
/// U+2060, U+FEFF) are removed, so a name cannot hide text, reverse what follows it in a page, or look like another
/// name. Every entity that takes a name or a free text calls this; the length limits are checked on the result.
/// </summary>
public static class PlainText
{
    /// <summary>
    /// A one-line name: invisible and control characters removed, every run of white space (tabs and line breaks
    /// included) made one space, trimmed. Null becomes "".
    /// </summary>
    public static string Name(string? input) => Clean(input, multiline: false);

    /// <summary>
    /// A free text (notes, a description, a reason): like <see cref="Name"/>, but line breaks are kept (as "\n");
    /// null when nothing visible is left.
    /// </summary>
    public static string? Text(string? input)
    {
        var text = Clean(input, multiline: true);
        return text.Length == 0 ? null : text;
    }

    /// <summary>Whether <paramref name="c"/> is one of the invisible characters this class removes.</summary>
    public static bool IsInvisible(char c) => c switch
    {
        >= '\u202A' and <= '\u202E' => true, // LRE, RLE, PDF, LRO, RLO
        >= '\u2066' and <= '\u2069' => true, // LRI, RLI, FSI, PDI
        '\u200E' or '\u200F' or '\u061C' => true, // LRM, RLM, ALM
        >= '\u200B' and <= '\u200D' => true, // zero-width space, non-joiner, joiner
        '\u2060' or '\uFEFF' => true, // word joiner, zero-width no-break space (BOM)
        _ => false,
    };

    private static string Clean(string? input, bool multiline)
    {
        if (string.IsNullOrEmpty(input))
            return "";
        var sb = new StringBuilder(input.Length);
        var pendingSpace = false;
        var pendingBreaks = 0;
        foreach (var c in input)
        {
            if (IsInvisible(c))
                continue;
            if (multiline && c == '\n')
            {
                pendingBreaks++;
                pendingSpace = false;
                continue;
            }
            if (char.IsControl(c) && !char.IsWhiteSpace(c))
                continue;
            if (char.IsWhiteSpace(c))
            {
                if (multiline && c is '\u2028' or '\u2029')
                    pendingBreaks++;
                else
                    pendingSpace = pendingBreaks == 0;
                continue;
            }
            if (sb.Length > 0)
            {
                if (pendingBreaks > 0)
                    sb.Append('\n', Math.Min(pendingBreaks, 2));
                else if (pendingSpace)
                    sb.Append(' ');
            }
            pendingSpace = false;
            pendingBreaks = 0;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
