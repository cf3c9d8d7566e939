using System.Diagnostics.CodeAnalysis;
using System.Net;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Engine.Wire;

/// <summary>Encodes and decodes VRRP advertisements. (Placeholder: implementation in progress.)</summary>
public static class AdvertisementCodec
{
    /// <summary>Encodes <paramref name="advert"/> with its checksum.</summary>
    public static byte[] Encode(Advertisement advert, IPAddress source, IPAddress destination, V3ChecksumForm form) =>
        throw new NotImplementedException();

    /// <summary>Decodes and validates a VRRP message (the IP payload). Never throws.</summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> message,
        IPAddress source,
        IPAddress destination,
        ReceiverExpectations? expectations,
        [NotNullWhen(true)] out Advertisement? advert,
        out AdvertDropReason reason) =>
        throw new NotImplementedException();
}
