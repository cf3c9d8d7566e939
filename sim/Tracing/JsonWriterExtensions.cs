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
