using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Scripts;

/// <summary>
/// The account a script runs as (<c>script_user</c> / a script's <c>user</c>): resolved once at
/// startup with getpwnam so an unknown user is a startup error, not a failure every interval.
/// </summary>
/// <param name="Name">User name.</param>
/// <param name="Uid">User id.</param>
/// <param name="Gid">Primary group id.</param>
internal sealed partial record ScriptUser(string Name, uint Uid, uint Gid)
{
    /// <summary>Looks <paramref name="name"/> up; null if there is no such user.</summary>
    public static ScriptUser? Lookup(string name)
    {
        nint pw = GetPwNam(name);
        if (pw == 0)
        {
            return null;
        }

        // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ... } (LP64)
        uint uid = (uint)Marshal.ReadInt32(pw, 2 * IntPtr.Size);
        uint gid = (uint)Marshal.ReadInt32(pw, (2 * IntPtr.Size) + 4);
        return new ScriptUser(name, uid, gid);
    }

    /// <summary>The effective user id of this process.</summary>
    public static uint CurrentUid => Native.Libc.GetEUid();

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetPwNam(string name);
}
