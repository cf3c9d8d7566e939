using System.Reflection;
using System.Runtime.CompilerServices;

namespace VrrpLab.Sim.Tests.Scenarios;

/// <summary>Design rules checked by reflection (docs/style.md: immutable records for configuration and messages).</summary>
public class DesignRuleTests
{
    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    [Test]
    public void Every_public_scenario_model_type_is_immutable()
    {
        Type[] types = [.. typeof(Scenario).Assembly.GetExportedTypes().Where(t => t.Namespace == typeof(Scenario).Namespace && !t.IsEnum && !t.IsInterface && !t.IsAbstract || t == typeof(Expectation) || t == typeof(TimelineAction))];
        Assert.That(types, Has.Member(typeof(Scenario)).And.Member(typeof(TakeoverExpectation)).And.Member(typeof(PauseAction)));
        var mutable = new List<string>();
        foreach (Type t in types)
        {
            foreach (PropertyInfo p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (p.SetMethod is { IsPublic: true } set && !IsInitOnly(set))
                {
                    mutable.Add($"{t.Name}.{p.Name}");
                }
            }

            foreach (FieldInfo f in t.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!f.IsInitOnly)
                {
                    mutable.Add($"{t.Name}.{f.Name}");
                }
            }
        }

        Assert.That(mutable, Is.Empty);
    }

    [Test]
    public void Every_timeline_action_of_the_format_has_a_record_and_its_keyword()
    {
        string[] keywords = [.. typeof(TimelineAction).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(TimelineAction)) && !t.IsAbstract)
            .Select(t => t.GetProperty(nameof(TimelineAction.Keyword))!.GetValue(RuntimeHelpers.GetUninitializedObject(t)) as string ?? "")];
        Assert.That(keywords, Is.EquivalentTo(ScenarioLoader.ActionKeys));
    }
}

/// <summary>
/// The guide: the simulator reads no wall clock and no hidden randomness (one seeded source per run),
/// checked on the compiled metadata of the sim assembly (every type and member it names).
/// </summary>
public class SimReferenceRuleTests
{
    [Test]
    public void The_simulator_reads_no_clock_and_no_hidden_randomness() =>
        Assert.That(VrrpLab.Tests.Shared.ForbiddenReferences.ClockOrRandom(typeof(Scenario).Assembly), Is.Empty);

    [Test]
    public void The_simulator_opens_no_socket()
    {
        Assert.That(VrrpLab.Tests.Shared.ForbiddenReferences.TypesIn(typeof(Scenario).Assembly, "System.Net.Sockets")
            .Where(t => t != "System.Net.Sockets.AddressFamily"), Is.Empty);
    }

    [Test]
    public void Only_the_file_readers_touch_the_file_system()
    {
        // Scenario and keepalived.conf files are read at load time; nothing writes or reads files while a run goes on.
        // StreamWriter: TraceJsonl writes UTF-8 straight to the stream of a writer it is given (the CLI opens the
        // file); the simulator never constructs one.
        string[] allowed = ["System.IO.StreamWriter", "System.IO.File", "System.IO.Path", "System.IO.IOException", "System.IO.TextWriter", "System.IO.StringWriter", "System.IO.FileNotFoundException", "System.IO.DirectoryNotFoundException", "System.IO.Stream", "System.IO.MemoryStream", "System.IO.StringReader", "System.IO.TextReader"];
        Assert.That(VrrpLab.Tests.Shared.ForbiddenReferences.TypesIn(typeof(Scenario).Assembly, "System.IO").Except(allowed), Is.Empty);
    }
}
