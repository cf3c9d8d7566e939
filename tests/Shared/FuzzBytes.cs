namespace VrrpLab.Tests.Shared;

/// <summary>Random bytes for the decoders' totality properties.</summary>
internal static class FuzzBytes
{
    /// <summary>Exactly <paramref name="length"/> random bytes.</summary>
    public static Gen<byte[]> OfLength(int length) => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length);

    /// <summary>
    /// 0 to <paramref name="maxLength"/> random bytes whose first is, far more often than by chance, one of
    /// <paramref name="firsts"/> (a version and type the decoder reads past), so that the fuzzing reaches
    /// beyond the first check.
    /// </summary>
    public static Gen<byte[]> StartingOften(int maxLength, params int[] firsts) =>
        from len in Gen.Choose(0, maxLength)
        from bytes in OfLength(len)
        from first in Gen.Elements([-1, .. firsts])
        select first >= 0 && len > 0 ? [(byte)first, .. bytes[1..]] : bytes;
}
