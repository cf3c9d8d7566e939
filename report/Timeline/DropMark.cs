namespace VrrpLab.Report.Timeline;

/// <summary>
/// Advertisements that reached a node and were discarded (<c>advert_drop</c>) or that the network did
/// not deliver to it (<c>packet_lost</c>): <paramref name="Count"/> of them with one
/// <paramref name="Reason"/> from <paramref name="StartUs"/> to <paramref name="EndUs"/> (one mark when
/// Count is 1; a decimated band otherwise).
/// </summary>
internal sealed record DropMark(long StartUs, long EndUs, int Count, string Reason, string? Source);
