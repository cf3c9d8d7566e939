namespace VrrpLab.Sim.Tests.Properties;

/// <summary>
/// FsCheck generation and shrinking of <see cref="FaultCase"/>s: random clusters (2-4 nodes,
/// priorities, nopreempt, v2/v3, intervals) and random fault schedules (crash/start, stop/start, kill/start,
/// partition/heal, loss bursts, pauses). A failure shrinks to fewer faults, shorter faults, fewer
/// nodes and simpler settings.
/// </summary>
public static class FaultCaseGen
{
    /// <summary>Clusters with faults, shrinkable.</summary>
    public static Arbitrary<FaultCase> Cases(bool nopreemptHeavy = false) =>
        Arb.From(Case(nopreemptHeavy), Shrink);

    /// <summary>Clusters without nopreempt and with distinct priorities (their final master is unambiguous).</summary>
    public static Arbitrary<FaultCase> PreemptiveDistinctCases() =>
        Arb.From(Case(false).Select(Preemptive), c => Shrink(c).Select(Preemptive));

    private static FaultCase Preemptive(FaultCase c)
    {
        var used = new HashSet<int>();
        var nodes = c.Nodes.Select(n =>
        {
            int p = n.Priority;
            while (!used.Add(p))
            {
                p = p % 254 + 1;
            }

            return n with { Priority = p, Nopreempt = false };
        }).ToImmutableArray();
        return c with { Nodes = nodes };
    }

    private static Gen<FaultCase> Case(bool nopreemptHeavy) =>
        from version in Gen.Elements(2, 3)
        from intervalCs in version == 2 ? Gen.Choose(1, 3).Select(s => s * 100) : Gen.Choose(20, 150)
        from count in Gen.Choose(2, 4)
        from priorities in Gen.ArrayOf(Gen.Frequency((4, Gen.Choose(1, 254)), (1, Gen.Elements(50, 100, 150))), count)
        from nopreempt in Gen.ArrayOf(nopreemptHeavy ? Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false))) : Gen.Elements(true, false), count)
        from faultCount in Gen.Choose(0, 6)
        from raw in Gen.ArrayOf(RawFault(count, intervalCs * 10_000L), faultCount)
        from seed in Gen.Choose(1, 1_000_000)
        let nodes = Enumerable.Range(0, count).Select(i => new ClusterNode(i, priorities[i], nopreempt[i])).ToImmutableArray()
        select new FaultCase(version, intervalCs, nodes, Place(raw), (ulong)seed);

    /// <summary>A fault before placement: a gap after the previous fault's start, a length and a kind.</summary>
    private sealed record RawFaultSpec(long GapMs, long ForMs, Func<long, long, Fault> Make);

    private static Gen<RawFaultSpec> RawFault(int nodeCount, long intervalUs)
    {
        long intervalMs = intervalUs / 1000;
        Gen<long> gap = Gen.Choose(0, (int)(6 * intervalMs)).Select(g => (long)g);
        Gen<long> length = Gen.Choose((int)Math.Max(50, intervalMs / 4), (int)(6 * intervalMs) + 200).Select(l => (long)l);
        Gen<string> node = Gen.Choose(1, nodeCount).Select(i => "node" + i);
        Gen<ImmutableArray<ImmutableArray<string>>> groups =
            Gen.ArrayOf(Gen.Elements(0, 1), nodeCount)
                .Where(a => a.Contains(0) && a.Contains(1))
                .Select(a => ImmutableArray.Create(
                    Enumerable.Range(0, nodeCount).Where(i => a[i] == 0).Select(i => "node" + (i + 1)).ToImmutableArray(),
                    Enumerable.Range(0, nodeCount).Where(i => a[i] == 1).Select(i => "node" + (i + 1)).ToImmutableArray()));

        Gen<Func<long, long, Fault>> kind = Gen.OneOf(
            node.Select(n => (Func<long, long, Fault>)((at, len) => new CrashFault(at, len, n))),
            node.Select(n => (Func<long, long, Fault>)((at, len) => new StopFault(at, len, n))),
            node.Select(n => (Func<long, long, Fault>)((at, len) => new PauseFault(at, len, n))),
            node.Select(n => (Func<long, long, Fault>)((at, len) => new KillFault(at, len, n))),
            groups.Select(g => (Func<long, long, Fault>)((at, len) => new PartitionFault(at, len, g))),
            Gen.Elements(30, 60, 100).Select(r => (Func<long, long, Fault>)((at, len) => new LossFault(at, len, r))));

        return from g in gap
               from l in length
               from k in kind
               select new RawFaultSpec(g, l, k);
    }

    /// <summary>Places faults one after another (first one after the initial election) and drops those that overlap a fault on the same resource.</summary>
    private static ImmutableArray<Fault> Place(RawFaultSpec[] raw)
    {
        long at = 5_000;
        var kept = new List<Fault>();
        foreach (RawFaultSpec r in raw)
        {
            at += r.GapMs;
            Fault f = r.Make(at, r.ForMs);
            if (!kept.Any(k => k.Resource == f.Resource && k.AtMs <= f.EndMs && f.AtMs <= k.EndMs))
            {
                kept.Add(f);
            }
        }

        return [.. kept];
    }

    /// <summary>Smaller cases: without one fault, with a fault halved, without one node, simpler settings.</summary>
    public static IEnumerable<FaultCase> Shrink(FaultCase c)
    {
        for (int i = 0; i < c.Faults.Length; i++)
        {
            yield return c with { Faults = c.Faults.RemoveAt(i) };
        }

        for (int i = 0; i < c.Faults.Length; i++)
        {
            Fault f = c.Faults[i];
            if (f.ForMs >= 100)
            {
                yield return c with { Faults = c.Faults.SetItem(i, f.WithLength(f.ForMs / 2)) };
            }
        }

        if (c.Nodes.Length > 2)
        {
            for (int drop = 0; drop < c.Nodes.Length; drop++)
            {
                if (WithoutNode(c, drop) is { } smaller)
                {
                    yield return smaller;
                }
            }
        }

        for (int i = 0; i < c.Nodes.Length; i++)
        {
            if (c.Nodes[i].Nopreempt)
            {
                yield return c with { Nodes = c.Nodes.SetItem(i, c.Nodes[i] with { Nopreempt = false }) };
            }
        }

        if (c.Version == 3 && c.IntervalCs % 100 == 0)
        {
            yield return c with { Version = 2 };
        }
    }

    /// <summary>The case without node <paramref name="drop"/>, the others renumbered; null when a partition would lose a side.</summary>
    private static FaultCase? WithoutNode(FaultCase c, int drop)
    {
        string gone = c.Nodes[drop].Name;
        string Rename(string n)
        {
            int i = int.Parse(n.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture) - 1;
            return "node" + (i > drop ? i : i + 1);
        }

        var faults = new List<Fault>();
        foreach (Fault f in c.Faults)
        {
            switch (f)
            {
                case NodeFault n when n.Node == gone:
                    continue;
                case NodeFault n:
                    faults.Add(n with { Node = Rename(n.Node) });
                    break;
                case PartitionFault p:
                    var groups = p.Groups.Select(g => g.Where(n => n != gone).Select(Rename).ToImmutableArray()).ToImmutableArray();
                    if (groups.Any(g => g.IsEmpty))
                    {
                        continue;
                    }

                    faults.Add(p with { Groups = groups });
                    break;
                default:
                    faults.Add(f);
                    break;
            }
        }

        var nodes = c.Nodes.RemoveAt(drop).Select((n, i) => n with { Index = i }).ToImmutableArray();
        return c with { Nodes = nodes, Faults = [.. faults] };
    }
}
