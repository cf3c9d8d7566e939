using System.Text.Json;

namespace VrrpLab.Sim.Tests.Scenarios;

/// <summary>schema/scenario.schema.json stays in step with the loader.</summary>
public class SchemaTests
{
    private static JsonDocument Schema() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "schema", "scenario.schema.json")));

    private static IEnumerable<string> PropertyNames(JsonElement alternatives) =>
        alternatives.EnumerateArray().SelectMany(a => a.GetProperty("properties").EnumerateObject().Select(p => p.Name));

    [Test]
    public void The_schema_is_draft_2020_12_and_closes_the_top_level()
    {
        using JsonDocument s = Schema();
        Assert.That(s.RootElement.GetProperty("$schema").GetString(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
        Assert.That(s.RootElement.GetProperty("additionalProperties").GetBoolean(), Is.False);
        Assert.That(s.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "name", "duration", "nodes" }));
    }

    [Test]
    public void The_schema_knows_every_timeline_action_the_loader_accepts()
    {
        using JsonDocument s = Schema();
        JsonElement items = s.RootElement.GetProperty("properties").GetProperty("timeline").GetProperty("items").GetProperty("oneOf");
        Assert.That(PropertyNames(items).Where(n => n != "at").Distinct(), Is.EquivalentTo(ScenarioLoader.ActionKeys));
    }

    [Test]
    public void The_schema_knows_every_expectation_the_loader_accepts()
    {
        using JsonDocument s = Schema();
        JsonElement items = s.RootElement.GetProperty("properties").GetProperty("expect").GetProperty("items").GetProperty("anyOf");
        string[] names = [.. PropertyNames(items).Distinct()];
        Assert.That(names, Is.SupersetOf(ScenarioLoader.ExpectationKeys));
        Assert.That(names, Is.SupersetOf(new[] { "instance", "vrid", "grace", "master", "state" }));
    }
}
