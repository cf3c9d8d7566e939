using System.Reflection;
using System.Runtime.CompilerServices;

namespace VrrpLab.Engine.Tests.Design;

/// <summary>Design rules checked by reflection (house rules in docs/style.md).</summary>
public sealed class DesignRuleTests
{
    private static readonly Assembly Engine = typeof(VrrpRouter).Assembly;

    private static IEnumerable<Type> PublicTypesIn(string ns) => Engine.GetExportedTypes().Where(t => t.Namespace == ns && !t.IsEnum && !t.IsInterface);

    [TestCase("VrrpLab.Engine.Configuration")]
    [TestCase("VrrpLab.Engine.Time")]
    public void Every_public_configuration_and_time_type_is_immutable(string ns)
    {
        var mutable = PublicTypesIn(ns)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } s && !s.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        Assert.That(mutable, Is.Empty, "public settable properties");
    }

    [Test]
    public void Every_effect_is_an_immutable_record()
    {
        var effects = Engine.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(Effect))).ToList();
        Assert.That(effects, Has.Count.GreaterThan(8));
        foreach (Type t in effects)
        {
            Assert.That(t.GetMethod("<Clone>$"), Is.Not.Null, $"{t.Name} is a record");
            Assert.That(t.GetProperties().Where(p => p.SetMethod is { IsPublic: true } s && !s.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit))), Is.Empty, t.Name);
        }
    }

    [Test]
    public void The_engine_references_no_socket_file_or_hosting_assembly()
    {
        string[] referenced = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.That(referenced, Has.None.Contains("Sockets").And.None.Contains("Hosting").And.None.Contains("SharpPcap").And.None.Contains("System.IO.FileSystem"));
    }

    [Test]
    public void Instance_configuration_defaults_are_keepalived_defaults()
    {
        var c = new VrrpInstanceConfig { Name = "VI_1", Interface = "eth0", VirtualRouterId = 1 };
        Assert.That(c.Priority, Is.EqualTo(100));
        Assert.That(c.Version, Is.EqualTo(VrrpVersion.V2));
        Assert.That(c.AdvertInterval, Is.EqualTo(VrrpLab.Engine.Time.Duration.FromSeconds(1)));
        Assert.That(c.DownTimerAdverts, Is.EqualTo(3));
        Assert.That(c.GratuitousArp.MasterRepeat, Is.EqualTo(5));
        Assert.That(c.GratuitousArp.MasterDelay, Is.EqualTo(VrrpLab.Engine.Time.Duration.FromSeconds(5)));
    }
}

/// <summary>
/// docs/style.md and the guide: engine/ never reads a clock, a random source, a file or a socket.
/// Checked on the compiled metadata (every type and member the engine assembly names), so a use
/// anywhere in the code fails the test, whatever assembly the type comes from.
/// </summary>
public sealed class EngineReferenceRuleTests
{
    private static readonly Assembly Engine = typeof(VrrpRouter).Assembly;

    [Test]
    public void The_engine_reads_no_clock_and_no_hidden_randomness() =>
        Assert.That(VrrpLab.Tests.Shared.ForbiddenReferences.ClockOrRandom(Engine), Is.Empty);

    [Test]
    public void The_engine_uses_no_file_system_type() =>
        Assert.That(VrrpLab.Tests.Shared.ForbiddenReferences.TypesIn(Engine, "System.IO"), Is.Empty);

    [Test]
    public void The_engine_uses_no_socket_or_thread_type()
    {
        Assert.That(VrrpLab.Tests.Shared.ForbiddenReferences.TypesIn(Engine, "System.Net.Sockets").Where(t => t != "System.Net.Sockets.AddressFamily"), Is.Empty);
        Assert.That(VrrpLab.Tests.Shared.ForbiddenReferences.TypeReferences(Engine).Where(t => t is "System.Threading.Thread" or "System.Threading.Tasks.Task"), Is.Empty);
    }

    /// <summary>The rule can fail: this test assembly reads the clock, randomness and a file, and the check sees each.</summary>
    [Test]
    public void The_check_finds_a_clock_a_random_source_and_a_file_where_they_are_used()
    {
        Assembly self = typeof(EngineReferenceRuleTests).Assembly;
        Assert.That(Canary.Touch(), Is.Not.Null);
        Assert.That(VrrpLab.Tests.Shared.ForbiddenReferences.ClockOrRandom(self),
            Is.SupersetOf(new[] { "System.DateTime::get_UtcNow", "System.Guid::NewGuid", "System.Random::.ctor()", "System.Diagnostics.Stopwatch" }));
        Assert.That(VrrpLab.Tests.Shared.ForbiddenReferences.TypesIn(self, "System.IO"), Does.Contain("System.IO.File"));
    }

    private static class Canary
    {
        public static object Touch() =>
            (DateTime.UtcNow, Guid.NewGuid(), new Random(), System.Diagnostics.Stopwatch.StartNew(), File.Exists("/nonexistent"));
    }
}
