namespace VrrpLab.Report.Timeline;

/// <summary>
/// Advertisements drawn as ticks: <paramref name="Count"/> adverts of one priority from
/// <paramref name="StartUs"/> to <paramref name="EndUs"/>. When <paramref name="Exact"/> they were
/// evenly spaced (a lossless run-length: tick k is at Start + k x (End - Start) / (Count - 1));
/// otherwise they were decimated into a band and only their count and span are kept.
/// </summary>
internal sealed record TickRun(long StartUs, long EndUs, int Count, int Priority, bool Exact);
