using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Native;

/// <summary>
/// A file descriptor the runtime closes exactly once (raw sockets, eventfds): never a bare
/// <c>int</c> that a late thread could use after it was closed and reused. Users take a reference
/// (<see cref="Lease"/>) for as long as they pass the number to a system call.
/// </summary>
internal sealed class SafeFileDescriptor : SafeHandle
{
    /// <summary>Owns <paramref name="fd"/> (-1: invalid).</summary>
    public SafeFileDescriptor(int fd)
        : base(new IntPtr(-1), ownsHandle: true) => SetHandle(new IntPtr(fd));

    /// <inheritdoc/>
    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>The descriptor number; valid while a <see cref="Lease"/> is held or the owner guarantees it is open.</summary>
    public int Number => (int)handle.ToInt64();

    /// <summary>Keeps the descriptor open until the returned lease is disposed (a receive thread's lifetime).</summary>
    public Lease Acquire()
    {
        bool added = false;
        DangerousAddRef(ref added);
        return new Lease(this, added);
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => Libc.Close((int)handle.ToInt64()) == 0;

    /// <summary>A reference that keeps the descriptor open.</summary>
    public readonly struct Lease(SafeFileDescriptor owner, bool added) : IDisposable
    {
        /// <summary>The descriptor number.</summary>
        public int Number => owner.Number;

        /// <inheritdoc/>
        public void Dispose()
        {
            if (added)
            {
                owner.DangerousRelease();
            }
        }
    }
}
