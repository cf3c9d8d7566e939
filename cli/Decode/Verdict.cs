using VrrpLab.Engine.Wire;

namespace VrrpLab.Cli.Decode;

/// <summary>One line of <c>vrrplab decode</c>'s verdicts: a check, its outcome and what was seen.</summary>
/// <param name="Check">Short name, e.g. <c>ttl</c>, <c>checksum-v3-pseudo-header</c>.</param>
/// <param name="Outcome">Pass, fail, unknown or not applicable.</param>
/// <param name="Detail">What was seen and expected.</param>
/// <param name="Decisive">False for information that does not decide acceptance on its own (e.g. each v3 checksum form: a receiver accepts either).</param>
public sealed record Verdict(string Check, CheckOutcome Outcome, string Detail, bool Decisive = true);
