namespace VrrpLab.Cli.Decode;

/// <summary>One record of a capture file.</summary>
/// <param name="Number">1-based record number in the file.</param>
/// <param name="TimestampMicroseconds">Capture time, microseconds since the Unix epoch (UTC).</param>
/// <param name="LinkType">The pcap LINKTYPE_ of the record's interface.</param>
/// <param name="Data">The captured bytes (may be shorter than the packet on the wire).</param>
/// <param name="OriginalLength">The packet's length on the wire.</param>
public sealed record CapturedFrame(int Number, long TimestampMicroseconds, int LinkType, byte[] Data, int OriginalLength);
