using YamlDotNet.RepresentationModel;

namespace VrrpLab.Sim.Scenarios;

/// <summary>The <c>process</c> timeline action (tracked processes, <c>vrrp_track_process</c>).</summary>
public static partial class ScenarioLoader
{
    /// <summary>The most processes of one name a <c>process</c> action can say run.</summary>
    public const int MaxProcessCount = 65535;

    private sealed partial class Parser
    {
        /// <summary>
        /// <c>process: { node, name, count[, forked] }</c>: NAME must be the <c>process</c> of one of the
        /// node's <c>vrrp_track_process</c> blocks (else nothing would ever count it).
        /// </summary>
        private ProcessAction? ParseProcess(YamlNode arg)
        {
            if (NodeAction(arg, "process", ["node", "name", "count", "forked"], ["node", "name", "count"], out string? node) is not { } m)
            {
                return null;
            }

            string? name = Get(m, "name") is { } pn ? y.Name(pn, "name") : null;
            long? count = Get(m, "count") is { } cn ? y.Integer(cn, "count", 0, MaxProcessCount) : null;
            bool forked = Get(m, "forked") is { } fn && y.Bool(fn, "forked") == true;
            if (node is null || name is null || count is null)
            {
                return null;
            }

            if (_nodes.TryGetValue(node, out NodeSpec? ns) && !ns.Config.Processes.Any(p => p.Process == name))
            {
                string tracked = ns.Config.Processes.IsDefaultOrEmpty
                    ? "none"
                    : string.Join(", ", ns.Config.Processes.Select(p => p.Process).Distinct(StringComparer.Ordinal));
                y.Error(Get(m, "name")!, $"no vrrp_track_process of node {node} tracks a process '{name}' (tracked processes: {tracked})");
                return null;
            }

            return new ProcessAction(node, name, (int)count.Value, forked);
        }
    }
}
