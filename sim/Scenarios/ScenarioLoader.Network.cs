using System.Collections.Immutable;
using VrrpLab.Engine.Time;
using YamlDotNet.RepresentationModel;

namespace VrrpLab.Sim.Scenarios;

/// <summary>The <c>network:</c> section: segments with latency, jitter and loss.</summary>
public static partial class ScenarioLoader
{
    private sealed partial class Parser
    {
        private ImmutableArray<SegmentSpec> ParseNetwork(YamlNode net)
        {
            var m = y.Mapping(net, "network", ["segments"], "segments");
            if (m is null || Get(m, "segments") is not { } segsNode)
            {
                return [SegmentSpec.DefaultLan];
            }

            var segs = y.Mapping(segsNode, "network.segments", null);
            if (segs is null)
            {
                return [SegmentSpec.DefaultLan];
            }

            var list = ImmutableArray.CreateBuilder<SegmentSpec>();
            foreach ((string segName, YamlNode keyNode, YamlNode value) in segs)
            {
                if (y.Name(keyNode, "segment name") is null)
                {
                    continue;
                }

                Duration latency = SegmentSpec.DefaultLan.Latency;
                Duration jitter = Duration.Zero;
                Rate loss = Rate.Zero;
                if (value is YamlScalarNode { Value: "" or null })
                {
                    list.Add(new SegmentSpec(segName, latency, jitter, loss));
                    continue;
                }

                var sm = y.Mapping(value, $"segment '{segName}'", SegmentKeys);
                if (sm is null)
                {
                    continue;
                }

                if (Get(sm, "latency") is { } l && y.Duration(l, "latency") is { } lv)
                {
                    latency = lv;
                }

                if (Get(sm, "jitter") is { } j && y.Duration(j, "jitter") is { } jv)
                {
                    jitter = jv;
                }

                if (Get(sm, "loss") is { } lo && y.Rate(lo, "loss") is { } lov)
                {
                    loss = lov;
                }

                list.Add(new SegmentSpec(segName, latency, jitter, loss));
            }

            if (list.Count == 0)
            {
                y.Error(segsNode, "network.segments must name at least one segment");
                return [SegmentSpec.DefaultLan];
            }

            return list.ToImmutable();
        }
    }
}
