namespace VrrpLab.RealNet.Bench;

/// <summary>What an idle MASTER with one instance costs.</summary>
/// <param name="Processes">How many processes it runs (keepalived: parent + VRRP child).</param>
/// <param name="RssKiB">Resident set size, summed over its processes, at the end of the sample.</param>
/// <param name="CpuPercent">CPU time (user + system, all processes) over the sample, as a percentage of one core.</param>
/// <param name="Seconds">Length of the sample.</param>
public sealed record IdleCost(int Processes, long RssKiB, double CpuPercent, double Seconds)
{
    /// <summary>The same sample in the scheduler's nanoseconds, with the threads' wake-ups.</summary>
    public ProcessCpu.Usage? Cpu { get; init; }

    /// <summary>The anonymous part of <see cref="RssKiB"/> (heap, stacks, written data); the rest is file pages (code, libraries).</summary>
    public long RssAnonKiB { get; init; }
}
