namespace Vtr.Shared.Tests.Wire;

internal static class Hex
{
    /// <summary>Parses "56 54 52 31 ..." (whitespace and newlines ignored).</summary>
    public static byte[] Parse(string text) =>
        Convert.FromHexString(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
}
