using System.Text.Json;

namespace VrrpLab.Sim.Tracing;

/// <summary>What the JSON reports (run, check, decode, explore, lab) write the same way.</summary>
public static class JsonWriterExtensions
{
    /// <summary>Writes the property <c>"name": ["value", ...]</c>, the values in order.</summary>
    public static void WriteStringArray(this Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes the property <c>"name": [value, ...]</c>, the numbers in order.</summary>
    public static void WriteNumberArray(this Utf8JsonWriter json, string name, IEnumerable<long> values)
    {
        json.WriteStartArray(name);
        foreach (long value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes the property <c>"name": [{...}, ...]</c>: one object per item, its properties written by <paramref name="writeItem"/>.</summary>
    public static void WriteObjectArray<T>(this Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        json.WriteStartArray(name);
        foreach (T item in items)
        {
            json.WriteStartObject();
            writeItem(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Writes the property <c>"name": [[...], ...]</c>: one array per item, its values written by <paramref name="writeItem"/>.</summary>
    public static void WriteArrayArray<T>(this Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        json.WriteStartArray(name);
        foreach (T item in items)
        {
            json.WriteStartArray();
            writeItem(json, item);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    /// <summary>Writes the property <c>"name": {...}</c>, its properties written by <paramref name="writeBody"/>.</summary>
    public static void WriteObject(this Utf8JsonWriter json, string name, Action<Utf8JsonWriter> writeBody)
    {
        json.WriteStartObject(name);
        writeBody(json);
        json.WriteEndObject();
    }

    /// <summary>Writes the property <c>"name": "value"</c>, or <c>"name": null</c>.</summary>
    public static void WriteStringOrNull(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Writes the property <c>"name": value</c>, or <c>"name": null</c>.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
