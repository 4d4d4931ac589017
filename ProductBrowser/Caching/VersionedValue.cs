using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ProductBrowser.Caching;

/// <summary>
/// How every cache entry is stored: <c>{version}|{json}</c>, or <c>{version}|</c> alone for a tombstone (the value
/// changed at that version; nothing older may be stored). The version leads so that the Lua scripts compare it
/// without parsing JSON. Versions come from PostgreSQL's <c>catalog_revision</c> sequence (0: no row).
/// </summary>
public static class VersionedValue
{
    public const byte Separator = (byte)'|';

    public static byte[] Encode<T>(T value, JsonTypeInfo<T> type, long version)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Span<byte> prefix = stackalloc byte[21];
        Utf8Formatter.TryFormat(version, prefix, out var written);
        prefix[written++] = Separator;
        buffer.Write(prefix[..written]);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Splits an entry into its version and JSON (empty for a tombstone); false for an unreadable entry.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> entry, out long version, out ReadOnlySpan<byte> json)
    {
        var separator = entry.IndexOf(Separator);
        json = default;
        if (separator <= 0 || !Utf8Parser.TryParse(entry[..separator], out version, out var consumed) || consumed != separator)
        {
            version = 0;
            return false;
        }

        json = entry[(separator + 1)..];
        return true;
    }
}
