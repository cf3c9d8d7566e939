namespace VrrpLab.Cli.Decode;

/// <summary>A capture file that cannot be read: reported with the file and byte offset, exit code 2.</summary>
public sealed class CaptureFormatException(string message) : Exception(message);
