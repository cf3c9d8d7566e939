using System.Collections.Immutable;

namespace VrrpLab.Report.Model;

/// <summary>A node of a figure and its VRRP instances, in the order their lanes are drawn.</summary>
/// <param name="Name">The node's name (the trace's <c>node</c>).</param>
/// <param name="Instances">Its instances.</param>
public sealed record ReportNode(string Name, ImmutableArray<ReportInstance> Instances);

/// <summary>A VRRP instance of a node.</summary>
/// <param name="Name">The <c>vrrp_instance</c> name (the trace's <c>instance</c>).</param>
/// <param name="Vrid">Its <c>virtual_router_id</c>.</param>
/// <param name="Interface">Its <c>interface</c> (a carrier loss there is drawn on its lane).</param>
/// <param name="Vips">Its virtual addresses, as text (one VIP lane each).</param>
public sealed record ReportInstance(string Name, int Vrid, string? Interface, ImmutableArray<string> Vips);
