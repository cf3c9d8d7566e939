using System.Reflection;
using System.Runtime.CompilerServices;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;

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
