using System.Diagnostics;
using VrrpLab.Lab.Host;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Lab.Network;

/// <summary>
/// Partitions and loss: the nftables filter of each segment's bridge (<see cref="BridgeFilter"/>). A
/// change is one <c>nft -f -</c> transaction per segment. Starting nft costs tens of ms on a loaded
/// machine, so <see cref="PrepareFilters"/> starts the processes ahead of an action: at its time the
/// lab only writes the ruleset and nft commits it.
/// </summary>
public sealed partial class LabNetwork
{
    private readonly Dictionary<string, long> _lossPpm = new(StringComparer.Ordinal);
    private readonly List<long> _filterDurationsUs = [];
    private readonly Dictionary<string, NftProcess> _pending = new(StringComparer.Ordinal);
    private Dictionary<string, int>? _partition;

    /// <summary>
    /// Partitions the nodes into <paramref name="p"/>'s groups (any number of nodes each; the nodes no
    /// group names form one more group); the clients reach every node. Replaces an earlier partition.
    /// </summary>
    public void Partition(PartitionAction p)
    {
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (NodeSpec n in _scenario.Nodes)
        {
            groups[n.Name] = 0;
        }

        for (int g = 0; g < p.Groups.Length; g++)
        {
            foreach (string n in p.Groups[g])
            {
                groups[n] = g + 1;
            }
        }

        _partition = groups;
        ApplyFilters(_segments.Keys);
    }

    /// <summary>Removes every partition.</summary>
    public void Heal()
    {
        _partition = null;
        ApplyFilters(_segments.Keys);
    }

    /// <summary>Random loss on <paramref name="segment"/> from now on (see <see cref="BridgeFilter"/> for what is lost).</summary>
    public void SetLoss(string segment, Rate rate)
    {
        _lossPpm[segment] = rate.PartsPerMillion;
        ApplyFilters([segment]);
    }

    /// <summary>
    /// Starts the nft processes <paramref name="action"/> (a partition, heal or loss; anything else is
    /// ignored) will use, so that applying it costs a transaction, not a process start.
    /// </summary>
    public void PrepareFilters(TimelineAction action)
    {
        IEnumerable<string> segments = action switch
        {
            PartitionAction or HealAction => _segments.Keys,
            LossAction l => [l.Segment],
            _ => [],
        };
        foreach (string seg in segments)
        {
            if (!_pending.ContainsKey(seg))
            {
                _pending[seg] = NftProcess.Start(_segments[seg].Namespace);
            }
        }
    }

    /// <summary>How long each nftables change took, in µs: from writing the ruleset (or the command's start, if not prepared) to nft's exit.</summary>
    public IReadOnlyList<long> FilterDurationsUs => _filterDurationsUs;

    /// <summary>The ruleset of <paramref name="segment"/> for the current partition and loss.</summary>
    public string FilterRuleset(string segment)
    {
        Dictionary<string, int>? ports = null;
        if (_partition is { } groups)
        {
            ports = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (LabInterface i in _interfaces.Where(i => i.Segment == segment))
            {
                ports[i.Port] = groups[i.Node];
            }
        }

        return BridgeFilter.Ruleset(ports, _lossPpm.GetValueOrDefault(segment), Delayed(segment));
    }

    /// <summary>Replaces the bridge filter of each of <paramref name="segments"/>: one transaction per segment.</summary>
    private void ApplyFilters(IEnumerable<string> segments)
    {
        foreach (string name in segments.ToList())
        {
            long start = Stopwatch.GetTimestamp();
            if (!_pending.Remove(name, out NftProcess? nft))
            {
                nft = NftProcess.Start(_segments[name].Namespace);
            }

            using (nft)
            {
                nft.Commit(FilterRuleset(name));
            }

            _filterDurationsUs.Add((long)Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }

    private void DropPendingFilters()
    {
        foreach (NftProcess nft in _pending.Values)
        {
            nft.Dispose();
        }

        _pending.Clear();
    }

    /// <summary><c>ip netns exec NS nft -f -</c>, started and waiting for its ruleset on stdin.</summary>
    private sealed class NftProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;
        private readonly string _commandLine;

        private NftProcess(Process process, string commandLine)
        {
            _process = process;
            _commandLine = commandLine;
            _stdout = process.StandardOutput.ReadToEndAsync();
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public static NftProcess Start(string ns)
        {
            // The nft tool (Debian package nftables): its full path, or nft on ip's PATH.
            string nft = Shell.Which("nft") ?? "nft";
            var psi = new ProcessStartInfo("ip")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in new[] { "netns", "exec", ns, nft, "-f", "-" })
            {
                psi.ArgumentList.Add(a);
            }

            string commandLine = "ip " + string.Join(' ', psi.ArgumentList);
            try
            {
                return new NftProcess(Process.Start(psi) ?? throw new LabException($"cannot run '{commandLine}'"), commandLine);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new LabException($"cannot run '{commandLine}': {e.Message}");
            }
        }

        /// <summary>Writes <paramref name="ruleset"/>, waits for nft to commit it (bounded); throws unless it did.</summary>
        public void Commit(string ruleset)
        {
            try
            {
                _process.StandardInput.Write(ruleset);
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // nft exited early; its exit code and stderr say why.
            }

            if (!_process.WaitForExit(Shell.Timeout))
            {
                throw new LabException($"'{_commandLine}' did not finish within {Shell.Timeout.TotalSeconds:0} s");
            }

            _process.WaitForExit();
            if (_process.ExitCode != 0)
            {
                throw new LabException($"'{_commandLine}' failed ({_process.ExitCode}): {_stderr.Result.Trim()}{_stdout.Result.Trim()}\n{ruleset}");
            }
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(1000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
        }
    }
}
