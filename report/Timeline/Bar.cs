namespace VrrpLab.Report.Timeline;

/// <summary>An interval of a lane: [<paramref name="StartUs"/>, <paramref name="EndUs"/>) with what held during it.</summary>
/// <param name="StartUs">Start (microseconds).</param>
/// <param name="EndUs">End (microseconds, exclusive).</param>
/// <param name="Text">What held: a state (<c>MASTER</c>), a VIP's holders (<c>server1+server2</c>), the host a client reaches.</param>
/// <param name="Detail">Why it began (a state change's cause), or null.</param>
internal sealed record Bar(long StartUs, long EndUs, string Text, string? Detail);
